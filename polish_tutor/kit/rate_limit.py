"""Fixed-window rate limits kept in Redis, so they hold across every API process."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

from polish_tutor.kit.errors import TutorError
from polish_tutor.kit.metrics import RATE_LIMITED

log = logging.getLogger(__name__)


def counting(lua: str) -> str:
    """A script that runs ``lua`` and counts one hit of a :class:`Limit` in the same round trip
    (the chat turn's first read does both). The hit's key is the last of KEYS ("" for no hit),
    its window the last of ARGV; ``lua`` returns a table, to which the count and the seconds
    left in the window are appended (0 and -1 without a hit): see :meth:`Limit.judge`."""
    return f"""
local function body()
{lua}
end
local result = body()
local key, window = KEYS[#KEYS], ARGV[#ARGV]
local count, ttl = 0, -1
if key ~= '' then
    count = redis.call('INCR', key)
    if count == 1 then redis.call('EXPIRE', key, window) end
    ttl = redis.call('TTL', key)
    if ttl < 0 then
        redis.call('EXPIRE', key, window)
        ttl = tonumber(window)
    end
end
result[#result + 1] = count
result[#result + 1] = ttl
return result
"""


_HIT = counting("return {}")
# Lua: the first of KEYS whose count reached its ARGV limit, as {index, ttl}; {0, 0} if none.
_REACHED = """
for i, key in ipairs(KEYS) do
    local count = tonumber(redis.call('GET', key) or '0')
    if count >= tonumber(ARGV[i]) then
        local ttl = redis.call('TTL', key)
        if ttl < 1 then ttl = 1 end
        return {i, ttl}
    end
end
return {0, 0}
"""
# Lua: count one failure on every key (KEYS[i] lives ARGV[i] seconds from its first failure).
_FAILED = """
for i, key in ipairs(KEYS) do
    if redis.call('INCR', key) == 1 or redis.call('TTL', key) < 0 then
        redis.call('EXPIRE', key, ARGV[i])
    end
end
return 0
"""


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
        self._reached = redis.register_script(_REACHED)
        self._failed = redis.register_script(_FAILED)

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

    async def refuse_if_failing(self, rules: Sequence[Limit]) -> None:
        """429 if any rule's failures (counted by :meth:`failed`) reached its limit; this
        counts nothing, so only failures close the door, never the right answer."""
        if not rules:
            return
        try:
            index, ttl = await self._reached(
                keys=[rule.key for rule in rules], args=[rule.limit for rule in rules]
            )
        except RedisError as exc:
            unavailable(rules[0], exc)
            return
        if int(index):
            rule = rules[int(index) - 1]
            RATE_LIMITED.labels(rule.bucket).inc()
            raise TooManyRequests(max(1, int(ttl)))

    async def failed(self, rules: Sequence[Limit]) -> None:
        """Count one failure for each rule, within its window."""
        try:
            await self._failed(
                keys=[rule.key for rule in rules], args=[rule.window for rule in rules]
            )
        except RedisError as exc:
            unavailable(rules[0], exc)

    async def forget(self, rule: Limit) -> None:
        """Start ``rule``'s count again (its subject did the right thing)."""
        try:
            await self._redis.delete(rule.key)
        except RedisError as exc:
            unavailable(rule, exc)


def unavailable(rule: Limit, exc: Exception) -> None:
    log.warning("rate limiter unavailable, letting %s through: %s", rule.bucket, exc)
