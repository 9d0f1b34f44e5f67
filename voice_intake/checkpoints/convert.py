"""Convert CTranslate2 Whisper weights (model.bin + config.json) into an openai-whisper checkpoint file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from voice_intake.checkpoints.ctranslate2_file import ModelFile, UnreadableModelFile, read_model_file
from voice_intake.checkpoints.whisper_names import whisper_state

WHISPER_SPEC = "WhisperSpec"
_LAYER_INDEX = re.compile(r"(encoder|decoder)/layer_(\d+)/")


@dataclass(frozen=True, slots=True)
class Conversion:
    """What was converted: the checkpoint written and the model's dimensions."""

    output: Path
    dimensions: dict[str, int]
    alignment_heads: list[list[int]]


def convert_ctranslate2_model(model_dir: Path, output: Path) -> Conversion:
    """Write `output` as torch.save({"dims", "model_state_dict"}) from a CTranslate2 Whisper model folder."""
    import torch
    from whisper.model import ModelDimensions, Whisper

    model = read_model_file(model_dir / "model.bin")
    if model.spec != WHISPER_SPEC:
        raise UnreadableModelFile(f"{model_dir} holds a {model.spec}, not a {WHISPER_SPEC}")
    dimensions = model_dimensions(model)
    state = {name: torch.from_numpy(array.copy()) for name, array in whisper_state(model)}
    whisper = Whisper(ModelDimensions(**dimensions))
    whisper.load_state_dict(state, strict=True)  # every name and shape must fit the architecture
    alignment_heads = _alignment_heads(model_dir / "config.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    torch.save({"dims": dimensions, "model_state_dict": state}, partial)
    partial.replace(output)  # never leave a half-written checkpoint under the final name
    return Conversion(output, dimensions, alignment_heads)


def model_dimensions(model: ModelFile) -> dict[str, int]:
    """openai-whisper's ModelDimensions, read off the shapes of the variables."""
    variables = model.variables
    conv1 = variables["encoder/conv1/weight"]
    audio_positions = variables["encoder/position_encodings/encodings"]
    embeddings = variables["decoder/embeddings/weight"]
    text_positions = variables["decoder/position_encodings/encodings"]
    layers = {"encoder": set(), "decoder": set()}
    for name in variables:
        match = _LAYER_INDEX.match(name)
        if match:
            layers[match.group(1)].add(int(match.group(2)))
    return {
        "n_mels": conv1.shape[1],
        "n_audio_ctx": audio_positions.shape[0],
        "n_audio_state": audio_positions.shape[1],
        "n_audio_head": model.scalar("encoder/num_heads"),
        "n_audio_layer": len(layers["encoder"]),
        "n_vocab": embeddings.shape[0],
        "n_text_ctx": text_positions.shape[0],
        "n_text_state": embeddings.shape[1],
        "n_text_head": model.scalar("decoder/num_heads"),
        "n_text_layer": len(layers["decoder"]),
    }


def _alignment_heads(config: Path) -> list[list[int]]:
    """The (layer, head) pairs used for word timings, when config.json names them."""
    if not config.is_file():
        return []
    heads = json.loads(config.read_text(encoding="utf-8")).get("alignment_heads", [])
    return [[int(layer), int(head)] for layer, head in heads]
