"""Argon2 password hashing (pwdlib), off the event loop: hashing is deliberately slow."""

from __future__ import annotations

import asyncio
import functools

from pwdlib import PasswordHash
from zxcvbn import zxcvbn

from polish_tutor.kit.text import control_character

MIN_LENGTH = 10
MAX_LENGTH = 128
# zxcvbn's score: 3 means "safely unguessable" (about 10^8 guesses or more, so a leaked
# Argon2 hash is not cracked in an afternoon). Its dictionaries hold the common and breached
# passwords (the ranked lists of real leaks), English words, names and keyboard patterns.
MIN_SCORE = 3
# zxcvbn's cost grows faster than the length; a long password's strength is judged by its
# first characters (a prefix that is strong enough makes the whole strong enough).
JUDGED_CHARACTERS = 64
# Words a learner of Polish reaches for that zxcvbn's English lists do not hold.
_LOCAL_WORDS = ("haslo", "hasło", "polska", "polski", "kocham", "kochamcie", "tutor", "polish")


@functools.cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("a password nobody has, for constant-time misses")


def password_problem(password: str, email: str) -> str | None:
    """Why a new password is too weak, or None (README, "Accounts and security")."""
    if len(password) < MIN_LENGTH:
        return f"The password must have at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"The password must have at most {MAX_LENGTH} characters."
    if control_character(password) is not None:
        return "The password must not contain control characters."
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in password.lower():
        return "The password must not contain your e-mail address."
    judged = zxcvbn(
        password[:JUDGED_CHARACTERS],
        user_inputs=[email, local, *_LOCAL_WORDS],
        max_length=JUDGED_CHARACTERS,
    )
    if int(judged["score"]) < MIN_SCORE:
        return (
            "This password is too easy to guess (a common or leaked password, a keyboard "
            "pattern or a repetition); try a few unrelated words."
        )
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    """Takes as long for an unknown account (``None``) as for a wrong password."""
    target = password_hash or _dummy_hash()
    valid = await asyncio.to_thread(_hasher().verify, password, target)
    return bool(valid and password_hash is not None)
