"""CTranslate2 Whisper variable names → openai-whisper state-dict names, splitting fused projections."""

# CTranslate2 fuses the self-attention query/key/value projections into one `linear_0` and the
# cross-attention key/value into `linear_1`; its layer norms are `gamma`/`beta`. openai-whisper's
# key projections have no bias: CTranslate2 stores zeros there, which are dropped.

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from voice_intake.checkpoints.ctranslate2_file import ModelFile

_LAYER = re.compile(r"(encoder|decoder)/layer_(\d+)/(self_attention|attention|ffn)/(.+)")
_NORM_PARTS = {"gamma": "weight", "beta": "bias"}
_SIMPLE = {
    "encoder/conv1/weight": "encoder.conv1.weight",
    "encoder/conv1/bias": "encoder.conv1.bias",
    "encoder/conv2/weight": "encoder.conv2.weight",
    "encoder/conv2/bias": "encoder.conv2.bias",
    "encoder/position_encodings/encodings": "encoder.positional_embedding",
    "encoder/layer_norm/gamma": "encoder.ln_post.weight",
    "encoder/layer_norm/beta": "encoder.ln_post.bias",
    "decoder/embeddings/weight": "decoder.token_embedding.weight",
    "decoder/position_encodings/encodings": "decoder.positional_embedding",
    "decoder/layer_norm/gamma": "decoder.ln.weight",
    "decoder/layer_norm/beta": "decoder.ln.bias",
}
# Per block: (CTranslate2 part, projection) → the whisper projections it holds, in order.
_PROJECTIONS = {
    ("self_attention", "linear_0"): ("attn.query", "attn.key", "attn.value"),
    ("self_attention", "linear_1"): ("attn.out",),
    ("attention", "linear_0"): ("cross_attn.query",),
    ("attention", "linear_1"): ("cross_attn.key", "cross_attn.value"),
    ("attention", "linear_2"): ("cross_attn.out",),
    ("ffn", "linear_0"): ("mlp.0",),
    ("ffn", "linear_1"): ("mlp.2",),
}
_BLOCK_NORMS = {"self_attention": "attn_ln", "attention": "cross_attn_ln", "ffn": "mlp_ln"}
# Scalars and settings of the spec that carry no weights (read separately, or irrelevant to whisper).
IGNORED = re.compile(
    r"(encoder|decoder)/(num_heads|activation|alibi|alignment_heads|alignment_layer|pre_norm|"
    r"scale_embeddings|start_from_zero_embedding)|decoder/projection/weight"
)


class UnexpectedVariable(ValueError):
    """A variable of the CTranslate2 model has no place in openai-whisper's model."""


def whisper_state(model: ModelFile) -> Iterator[tuple[str, np.ndarray]]:
    """Each (whisper name, array) of the converted state dict."""
    for name, array in model.variables.items():
        if IGNORED.fullmatch(name):
            continue
        if name in _SIMPLE:
            yield _SIMPLE[name], array
            continue
        match = _LAYER.fullmatch(name)
        if match is None:
            raise UnexpectedVariable(f"no openai-whisper name for CTranslate2 variable {name}")
        side, index, part, rest = match.groups()
        yield from _block_variables(f"{side}.blocks.{index}", part, rest, array)


def _block_variables(block: str, part: str, rest: str, array: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    projection, _slash, kind = rest.partition("/")
    if projection == "layer_norm":
        yield f"{block}.{_BLOCK_NORMS[part]}.{_NORM_PARTS[kind]}", array
        return
    targets = _PROJECTIONS.get((part, projection))
    if targets is None or kind not in ("weight", "bias"):
        raise UnexpectedVariable(f"no openai-whisper name for {block} {part}/{rest}")
    for target, piece in zip(targets, np.split(array, len(targets), axis=0), strict=True):
        if kind == "bias" and target.endswith(".key"):
            if np.any(piece):
                raise UnexpectedVariable(f"{block} {target} has a non-zero bias, which openai-whisper cannot hold")
            continue
        yield f"{block}.{target}.{kind}", piece
