"""Which audio keys are in the store, mirrored in Redis so a turn need not ask the database.

Workers mark a key when they store (or find) its audio. The API trusts the marks alone, so a
turn never reads the database to learn whether its audio exists. A mark lost to eviction, a
flushed Redis or an outage costs a queued job that finds the stored file and finishes at once
(and marks it again), never a wrong answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

MARK_TTL = 7 * 24 * 3600


def audio_mark(key: str) -> str:
    return f"tutor:audio:{key}"


class AudioCacheIndex:
    def __init__(self, redis: AsyncRedis) -> None:
        self.redis = redis

    async def known(self, key: str) -> bool:
        """True if the audio is certainly stored; False if Redis does not know (or is down)."""
        try:
            return bool(await self.redis.exists(audio_mark(key)))
        except RedisError:
            return False

    async def known_many(self, keys: Sequence[str]) -> set[str]:
        """The keys whose audio is certainly stored, in one round trip (none if Redis is down)."""
        if not keys:
            return set()
        try:
            marks = await self.redis.mget([audio_mark(key) for key in keys])
        except RedisError:
            return set()
        return {key for key, mark in zip(keys, marks, strict=True) if mark is not None}
