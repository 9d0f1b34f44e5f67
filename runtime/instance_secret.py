"""The session secret: generated once per instance folder and kept there."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "secret_key"


def secret_key(instance_path: Path) -> str:
    """Read the instance's secret, creating it (owner-readable only) on first use, safely across workers."""
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / SECRET_FILE
    if not path.exists():
        draft = instance_path / f".{SECRET_FILE}.{secrets.token_hex(8)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)  # atomic: the first worker's key wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="ascii").strip()
