"""Passwords are argon2id hashes that verify only the right password."""

from __future__ import annotations

from runtime.identity.passwords import hash_password, verify_password


def test_a_hash_is_argon2id_salted_and_verifies_only_the_password():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first.startswith("$argon2id$") and first != second  # a fresh salt each time
    assert "correct horse" not in first
    assert verify_password(first, "correct horse") and verify_password(second, "correct horse")
    assert not verify_password(first, "correct hors") and not verify_password(first, "")


def test_a_missing_or_broken_hash_never_verifies():
    assert not verify_password(None, "anything")
    assert not verify_password("not-a-hash", "anything")
