"""Readers: each finds one kind of statement in a sentence and adds what it says to the draft."""
