"""Fixed-window rate limits kept in Redis, so they hold across every API process."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

from polish_tutor.kit.errors import TutorError
from polish_tutor.kit.metrics import RATE_LIMITED

log = logging.getLogger(__name__)

# Lua: count one hit on KEYS[n] (window ARGV[n] seconds) into the variables `count` and `ttl`.
# Shared with scripts that do more in the same round trip (the chat turn's first read).
HIT_LUA = """
count = redis.call('INCR', KEYS[{n}])
if count == 1 then redis.call('EXPIRE', KEYS[{n}], ARGV[{n}]) end
ttl = redis.call('TTL', KEYS[{n}])
if ttl < 0 then
    redis.call('EXPIRE', KEYS[{n}], ARGV[{n}])
    ttl = tonumber(ARGV[{n}])
end
"""
_HIT = "local count, ttl\n" + HIT_LUA.format(n=1) + "return {count, ttl}"


class TooManyRequests(TutorError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many requests; try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )


@dataclass(frozen=True, slots=True)
class Limit:
    """One hit of ``subject`` in ``bucket``: at most ``limit`` per ``window`` seconds."""

    bucket: str
    key: str
    limit: int
    window: int

    def judge(self, count: int, ttl: int) -> None:
        """Raise 429 when ``count`` hits in the window are too many."""
        if int(count) <= self.limit:
            return
        RATE_LIMITED.labels(self.bucket).inc()
        raise TooManyRequests(max(1, int(ttl)))


class RateLimiter:
    def __init__(self, redis: AsyncRedis, *, prefix: str = "tutor:ratelimit") -> None:
        self._redis = redis
        self._prefix = prefix
        self._hit = redis.register_script(_HIT)

    def limit(self, bucket: str, subject: str, *, limit: int, window: int) -> Limit:
        """Subjects are hashed, so no e-mail address or IP is stored in Redis keys."""
        digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
        return Limit(bucket, f"{self._prefix}:{bucket}:{digest}", limit, window)

    async def hit(self, bucket: str, subject: str, *, limit: int, window: int) -> None:
        """Count one request of ``subject`` in ``bucket``; raise 429 past ``limit`` per window.

        If Redis is unreachable the request is let through (and logged): a limiter must not
        take the service down with it.
        """
        rule = self.limit(bucket, subject, limit=limit, window=window)
        try:
            count, ttl = await self._hit(keys=[rule.key], args=[rule.window])
        except RedisError as exc:
            unavailable(rule, exc)
            return
        rule.judge(count, ttl)


def unavailable(rule: Limit, exc: Exception) -> None:
    log.warning("rate limiter unavailable, letting %s through: %s", rule.bucket, exc)
