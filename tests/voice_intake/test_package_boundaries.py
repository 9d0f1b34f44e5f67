"""voice_intake uses only builder: no runtime, no web or database code, and importing it loads no speech stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"runtime", "flask", "werkzeug", "sqlalchemy", "sqlmodel", "psycopg", "templates_library"}


def test_voice_intake_imports_only_builder_among_our_packages():
    for file in sorted((ROOT / "voice_intake").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = {node.module.split(".")[0]}
            else:
                continue
            assert not names & FORBIDDEN, f"{file.relative_to(ROOT)} imports {names & FORBIDDEN}"


def test_drafting_from_text_loads_neither_torch_nor_whisper():
    code = (
        "import sys; from voice_intake import draft_app; draft_app('合同包括名称和金额。'); "
        "loaded = sorted({'torch', 'whisper'} & {name.split('.')[0] for name in sys.modules}); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


WITHOUT_SPEECH = """
import sys
for name in ("numpy", "torch", "whisper"):
    sys.modules[name] = None  # as if the voice extra were not installed
from runtime.app import create_app
from runtime import voice_api
from tests.support.auth import signed_in_client
app = create_app({"DABBLE_INSTANCE_PATH": sys.argv[2], "DABBLE_SECRET_KEY": "k", "DABBLE_DATABASE_URL": ""})
client = signed_in_client(app, "admin")
typed = client.post("/api/drafts", json={"text": "Each lead has a name and a phone."})
with open(sys.argv[1], "rb") as recording:
    spoken = client.post("/api/voice/jobs", data={"audio": (recording, "a.wav")})
print(typed.status_code, spoken.status_code, spoken.get_json()["error"]["code"])
voice_api.shutdown(app)
"""


def test_typed_text_works_without_the_speech_stack(tone, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_SPEECH, str(tone("boundary.wav")), str(tmp_path / "instance")],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stdout.split() == ["200", "503", "voice.whisper_missing"], result.stdout + result.stderr
