"""Audio uploads: accepted formats and limits, probing and decoding with ffmpeg, and the checks before decoding."""

from voice_intake.audio.checks import AudioClip, check_audio_file
from voice_intake.audio.limits import AUDIO_EXTENSIONS, AudioLimits

__all__ = ["AUDIO_EXTENSIONS", "AudioClip", "AudioLimits", "check_audio_file"]
