"""Which audio keys are in the store, mirrored in Redis so a turn need not ask the database.

Workers mark a key when they store its audio; the API marks one when it finds the asset in the
database. A missing mark only means "ask the database", never "not cached", so eviction, a
flushed Redis or an outage cost a read, not a wrong answer.
"""

from __future__ import annotations

import logging

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

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

    async def remember(self, key: str) -> None:
        try:
            await self.redis.set(audio_mark(key), 1, ex=MARK_TTL)
        except RedisError:
            pass  # only a later read is lost


def remember_stored(redis: Redis, key: str) -> None:
    """From a worker, once the audio file and its row are stored."""
    try:
        redis.set(audio_mark(key), 1, ex=MARK_TTL)
    except RedisError:
        log.warning("could not mark audio %s as cached in Redis", key)
