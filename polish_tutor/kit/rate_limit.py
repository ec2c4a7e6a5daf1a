"""Fixed-window rate limits kept in Redis, so they hold across every API process."""

from __future__ import annotations

import hashlib
import logging

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

from polish_tutor.kit.errors import TutorError
from polish_tutor.kit.metrics import RATE_LIMITED

log = logging.getLogger(__name__)


class TooManyRequests(TutorError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many requests; try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )


# Count, start the window on the first hit, and give the count and the seconds left: one call.
_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


class RateLimiter:
    def __init__(self, redis: AsyncRedis, *, prefix: str = "tutor:ratelimit") -> None:
        self._redis = redis
        self._prefix = prefix
        self._hit = redis.register_script(_HIT)

    async def hit(self, bucket: str, subject: str, *, limit: int, window: int) -> None:
        """Count one request of ``subject`` in ``bucket``; raise 429 past ``limit`` per window.

        Subjects are hashed, so no e-mail address or IP is stored in Redis keys. If Redis is
        unreachable the request is let through (and logged): a limiter must not take the
        service down with it.
        """
        digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
        key = f"{self._prefix}:{bucket}:{digest}"
        try:
            count, ttl = await self._hit(keys=[key], args=[window])
            if int(count) <= limit:
                return
        except RedisError as exc:
            log.warning("rate limiter unavailable, letting %s through: %s", bucket, exc)
            return
        RATE_LIMITED.labels(bucket).inc()
        raise TooManyRequests(max(1, int(ttl)))
