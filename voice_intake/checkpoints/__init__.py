"""Speech-model checkpoints: CTranslate2 Whisper weights converted into openai-whisper's checkpoint format."""
