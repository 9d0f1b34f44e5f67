"""Write a whisper model as CTranslate2 writes it (model.bin, format version 6), to test our reader and converter."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import torch

_DTYPE_IDS = {
    np.dtype("float32"): 0,
    np.dtype("int8"): 1,
    np.dtype("int16"): 2,
    np.dtype("int32"): 3,
    np.dtype("float16"): 4,
}


def ctranslate2_variables(model: torch.nn.Module, heads: int) -> dict[str, np.ndarray]:
    """The variables CTranslate2's Whisper spec holds for an openai-whisper model (projections fused)."""
    state = {name: tensor.detach().numpy().astype(np.float16) for name, tensor in model.state_dict().items()}
    out: dict[str, np.ndarray] = {
        "encoder/conv1/weight": state["encoder.conv1.weight"],
        "encoder/conv1/bias": state["encoder.conv1.bias"],
        "encoder/conv2/weight": state["encoder.conv2.weight"],
        "encoder/conv2/bias": state["encoder.conv2.bias"],
        "encoder/position_encodings/encodings": state["encoder.positional_embedding"],
        "encoder/layer_norm/gamma": state["encoder.ln_post.weight"],
        "encoder/layer_norm/beta": state["encoder.ln_post.bias"],
        "decoder/embeddings/weight": state["decoder.token_embedding.weight"],
        "decoder/position_encodings/encodings": state["decoder.positional_embedding"],
        "decoder/layer_norm/gamma": state["decoder.ln.weight"],
        "decoder/layer_norm/beta": state["decoder.ln.bias"],
        "encoder/num_heads": np.array(heads, dtype=np.int16),
        "decoder/num_heads": np.array(heads, dtype=np.int16),
        "decoder/activation": np.array(3, dtype=np.int8),
    }
    for side in ("encoder", "decoder"):
        index = 0
        while f"{side}.blocks.{index}.attn.query.weight" in state:
            block, layer = f"{side}.blocks.{index}", f"{side}/layer_{index}"
            parts = [("self_attention", "attn")] + ([("attention", "cross_attn")] if side == "decoder" else [])
            for ct2, ours in parts:
                out |= _norm(f"{layer}/{ct2}/layer_norm", state, f"{block}.{ours}_ln")
            out |= _fused(f"{layer}/self_attention/linear_0", state, block, "attn", ("query", "key", "value"))
            out |= _plain(f"{layer}/self_attention/linear_1", state, f"{block}.attn.out")
            if side == "decoder":
                out |= _plain(f"{layer}/attention/linear_0", state, f"{block}.cross_attn.query")
                out |= _fused(f"{layer}/attention/linear_1", state, block, "cross_attn", ("key", "value"))
                out |= _plain(f"{layer}/attention/linear_2", state, f"{block}.cross_attn.out")
            out |= _norm(f"{layer}/ffn/layer_norm", state, f"{block}.mlp_ln")
            out |= _plain(f"{layer}/ffn/linear_0", state, f"{block}.mlp.0")
            out |= _plain(f"{layer}/ffn/linear_1", state, f"{block}.mlp.2")
            index += 1
    return out


def write_model_bin(path: Path, variables: dict[str, np.ndarray], *, spec: str = "WhisperSpec") -> None:
    """model.bin: version 6, the spec name, revision 3, the variables, and the projection aliased to the embeddings."""
    chunks = [struct.pack("<I", 6), _text(spec), struct.pack("<I", 3), struct.pack("<I", len(variables))]
    for name, array in sorted(variables.items()):
        chunks += [_text(name), struct.pack("<B", array.ndim), *(struct.pack("<I", d) for d in array.shape)]
        chunks += [struct.pack("<B", _DTYPE_IDS[array.dtype]), struct.pack("<I", array.nbytes), array.tobytes()]
    chunks += [struct.pack("<I", 1), _text("decoder/projection/weight"), _text("decoder/embeddings/weight")]
    path.write_bytes(b"".join(chunks))


def _text(value: str) -> bytes:
    raw = value.encode("utf-8") + b"\0"
    return struct.pack("<H", len(raw)) + raw


def _norm(prefix: str, state: dict[str, np.ndarray], ours: str) -> dict[str, np.ndarray]:
    return {f"{prefix}/gamma": state[f"{ours}.weight"], f"{prefix}/beta": state[f"{ours}.bias"]}


def _plain(prefix: str, state: dict[str, np.ndarray], ours: str) -> dict[str, np.ndarray]:
    return {f"{prefix}/weight": state[f"{ours}.weight"], f"{prefix}/bias": state[f"{ours}.bias"]}


def _fused(prefix: str, state: dict[str, np.ndarray], block: str, attention: str, names: tuple[str, ...]) -> dict:
    weights = [state[f"{block}.{attention}.{name}.weight"] for name in names]
    biases = [
        state.get(f"{block}.{attention}.{name}.bias", np.zeros(weights[0].shape[0], np.float16)) for name in names
    ]
    return {f"{prefix}/weight": np.concatenate(weights), f"{prefix}/bias": np.concatenate(biases)}
