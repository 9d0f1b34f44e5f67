"""`dabble draft`: a draft app definition from a typed, filed or spoken request, with the understanding report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from runtime.cli_support import write_output
from runtime.settings import read_settings

EXIT_OK, EXIT_UNREADABLE = 0, 2


@click.command("draft")
@click.option("--text", default=None, metavar="TEXT", help="The request, typed.")
@click.option("--file", "file", default=None, metavar="FILE", help="A UTF-8 text file holding the request.")
@click.option("--audio", default=None, metavar="AUDIO", help="A recording of the request (wav, mp3, m4a, ogg, webm).")
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the request (default: detected)."
)
@click.option("-o", "--output", default=None, metavar="APP.json", help="Write the definition here (default: stdout).")
def draft(text: str | None, file: str | None, audio: str | None, lang: str | None, output: str | None) -> None:
    """Draft an app from a request: print what was understood, write the definition (exit 0; 2 for unusable input)."""
    from voice_intake import VoiceIntakeError, draft_app, render_report

    if sum(source is not None for source in (text, file, audio)) != 1:
        raise click.UsageError("give exactly one of --text, --file and --audio")
    try:
        request = text if text is not None else _read_file(file) if file is not None else _transcribe(audio, lang)
    except VoiceIntakeError as error:
        click.echo(error.message, err=True)
        sys.exit(EXIT_UNREADABLE)
    if not request.strip():
        click.echo("The request is empty. / 需求内容为空。", err=True)
        sys.exit(EXIT_UNREADABLE)
    result = draft_app(request, lang)
    document = json.dumps(result.definition, ensure_ascii=False, indent=2) + "\n"
    wrote = write_output(document, output, failure_exit=EXIT_UNREADABLE)
    click.echo(render_report(result.report, result.report.language), err=not wrote)
    if wrote:
        click.echo(f"wrote {output}")
    sys.exit(EXIT_OK)


def _read_file(file: str) -> str:
    from voice_intake import AudioRejected

    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AudioRejected("draft.unreadable_file", f"{file}: {error}", f"无法读取 {file}：{error}") from None


def _transcribe(audio: str, lang: str | None) -> str:
    """The text of a recording, with progress on standard error."""
    from voice_intake.audio import AudioLimits, check_audio_file
    from voice_intake.transcription import SpeechLanguage, WhisperSettings
    from voice_intake.transcription.whisper_transcriber import WhisperTranscriber

    settings = read_settings()
    transcriber = WhisperTranscriber(WhisperSettings(settings["DABBLE_WHISPER_MODEL"], settings["DABBLE_WHISPER_DIR"]))
    transcriber.check_available()
    limits = AudioLimits.from_settings(settings["DABBLE_VOICE_MAX_MB"], settings["DABBLE_VOICE_MAX_MINUTES"])
    clip = check_audio_file(Path(audio), Path(audio).name, limits)
    click.echo(f"transcribing {clip.duration_seconds:.1f} s of audio …", err=True)
    transcript = transcriber.transcribe(
        clip, SpeechLanguage(lang or "auto"), lambda share: click.echo(f"  {share:.0%}", err=True)
    )
    click.echo(f"transcript ({transcript.language}): {transcript.text}", err=True)
    return transcript.text
