"""Configuration: every DABBLE_ environment variable, declared once with its default and help."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable Dabble reads."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DABBLE_DATABASE_URL",
        "",
        "SQLAlchemy URL of the database. Empty: an SQLite file (WAL mode) in the instance folder. "
        "postgresql://user@host/db switches to PostgreSQL.",
    ),
    Setting("DABBLE_INSTANCE_PATH", "instance", "Folder for the SQLite database and other local state."),
    Setting(
        "DABBLE_SECRET_KEY", "", "Secret for signing sessions. Empty: generated once and kept in the instance folder."
    ),
    Setting("DABBLE_HOST", "127.0.0.1", "Address `dabble serve` listens on."),
    Setting("DABBLE_PORT", "5000", "Port `dabble serve` listens on."),
    Setting(
        "DABBLE_UI_PATH", "", "Folder of the built designer UI (holding dist/). Empty: designer_ui/ of the source tree."
    ),
    Setting("DABBLE_MAX_REQUEST_MB", "20", "Largest request body accepted, in megabytes."),
    Setting(
        "DABBLE_WHISPER_MODEL",
        "base",
        "Speech model of voice intake: a whisper model name (its <name>.pt is looked up in DABBLE_WHISPER_DIR) "
        "or the path of a checkpoint file.",
    ),
    Setting(
        "DABBLE_WHISPER_DIR",
        "",
        "Folder of named whisper checkpoints. Empty: whisper's own folder (~/.cache/whisper). Nothing is downloaded.",
    ),
    Setting("DABBLE_VOICE_MAX_MB", "20", "Largest audio upload voice intake accepts, in megabytes."),
    Setting("DABBLE_VOICE_MAX_MINUTES", "10", "Longest recording voice intake accepts, in minutes."),
    Setting(
        "DABBLE_SCHEDULER",
        "auto",
        "Where rule sweeps run: auto (inside dabble serve on the embedded SQLite database; on PostgreSQL run "
        "dabble worker), serve (always inside dabble serve too) or worker (only in dabble worker).",
    ),
    Setting("DABBLE_RULES_SWEEP_SECONDS", "60", "Seconds between two sweeps of the timed rules."),
    Setting(
        "DABBLE_EVENTS_KEEP_ALIVE_SECONDS",
        "15",
        "Seconds between keep-alive comments on event streams: shorter than any proxy's idle timeout.",
    ),
    Setting("DABBLE_EXPORT_MAX_ROWS", "100000", "Most rows one export of a table view (CSV or XLSX) holds."),
    Setting(
        "DABBLE_TEST_DATABASE_URL",
        "",
        "Tests only: a PostgreSQL URL; when set, database tests also run there (.ci/run sets it).",
    ),
)
SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


def read_settings(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The value of every setting: the environment's, else the default."""
    source = os.environ if environ is None else environ
    return {setting.name: source.get(setting.name, setting.default) for setting in SETTINGS}
