"""`python -m voice_intake.checkpoints MODEL_DIR -o OUT.pt`: convert CTranslate2 Whisper weights."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from voice_intake.checkpoints.convert import convert_ctranslate2_model
from voice_intake.checkpoints.ctranslate2_file import UnreadableModelFile
from voice_intake.checkpoints.whisper_names import UnexpectedVariable


def main(arguments: list[str] | None = None) -> int:
    """Convert one model folder; exit 0 done, 2 when the folder cannot be converted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir", type=Path, help="folder holding model.bin (and config.json)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the openai-whisper checkpoint to write")
    options = parser.parse_args(arguments)
    try:
        conversion = convert_ctranslate2_model(options.model_dir, options.output)
    except (OSError, UnreadableModelFile, UnexpectedVariable, KeyError, RuntimeError) as error:
        print(f"{options.model_dir}: cannot convert: {error}", file=sys.stderr)
        return 2
    print(f"wrote {conversion.output} ({conversion.dimensions})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
