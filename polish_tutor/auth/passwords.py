"""Argon2 password hashing (pwdlib), off the event loop: hashing is deliberately slow."""

from __future__ import annotations

import asyncio
import functools

from pwdlib import PasswordHash

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON = frozenset(
    {
        "password123",
        "1234567890",
        "qwertyuiop",
        "password12",
        "iloveyou12",
        "0987654321",
        "1q2w3e4r5t",
        "qwerty1234",
        "zaq12wsxcde",
        "haslo12345",
        "polska1234",
        "administrator",
    }
)


@functools.cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("a password nobody has, for constant-time misses")


def password_problem(password: str, email: str) -> str | None:
    """Why a new password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"The password must have at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"The password must have at most {MAX_LENGTH} characters."
    if len(set(password)) < 4:
        return "The password repeats too few different characters."
    lowered = password.lower()
    if lowered in _COMMON:
        return "This password is too common."
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in lowered:
        return "The password must not contain your e-mail address."
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    """Takes as long for an unknown account (``None``) as for a wrong password."""
    target = password_hash or _dummy_hash()
    valid = await asyncio.to_thread(_hasher().verify, password, target)
    return bool(valid and password_hash is not None)
