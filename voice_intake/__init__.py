"""Speech and text to a draft app definition (see issue 'Voice intake'; not built yet)."""
