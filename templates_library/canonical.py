"""The library's JSON files in one layout (sorted keys, two-space indent, UTF-8 as is), so diffs stay readable."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from templates_library.index import LIBRARY_ROOT


def canonical_json(document: Any) -> str:
    """A JSON document as the library stores it."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def library_files(root: Path = LIBRARY_ROOT) -> list[Path]:
    """Every JSON file of the library: the index, and each template's definition and sample-data spec."""
    return sorted(root.rglob("*.json"))


def rewrite(root: Path = LIBRARY_ROOT) -> list[Path]:
    """Rewrite the files that are not in the canonical layout; the ones rewritten."""
    changed = []
    for path in library_files(root):
        text = path.read_text(encoding="utf-8")
        wanted = canonical_json(json.loads(text))
        if text != wanted:
            path.write_text(wanted, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m templates_library.canonical
    for path in rewrite():
        print(f"rewrote {path}", file=sys.stderr)
