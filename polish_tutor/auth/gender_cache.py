"""The learner's gender, cached in Redis: a chat turn reads it in its first Redis call
(``sessions/hot.py``) instead of asking the database."""

from __future__ import annotations

import uuid

from redis.asyncio import Redis

# "" is "not given" (a cached NULL); a missing key is "not cached".
_CODES = {"feminine": "f", "masculine": "m", None: "-"}
_NAMES = {b"f": "feminine", b"m": "masculine", b"-": ""}
GENDER_TTL = 7 * 24 * 3600


def gender_key(user_id: uuid.UUID) -> str:
    return f"tutor:user:{user_id}:gender"


def cached_gender(value: object) -> str | None:
    """What Redis held: "feminine", "masculine", "" (not given), or None (not cached)."""
    return _NAMES.get(value) if isinstance(value, bytes) else None


async def remember_gender(redis: Redis, user_id: uuid.UUID, gender: str | None) -> None:
    """Cache the learner's gender (after a database read, or a change that committed); a
    ``RedisError`` is the caller's to handle."""
    await redis.set(gender_key(user_id), _CODES[gender], ex=GENDER_TTL)
