from __future__ import annotations

import uuid

import pytest
from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import RedisError, ResponseError

from polish_tutor.kit.redis_script import RedisScript
from polish_tutor.state import REDIS_TIMEOUTS

ECHO = "redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[1], ARGV[1], #KEYS, #ARGV}"


def pooled(url: str) -> Redis:
    """A client as the app builds it: a blocking pool with the app's timeouts."""
    return Redis.from_pool(
        BlockingConnectionPool.from_url(url, max_connections=2, timeout=5, **REDIS_TIMEOUTS)
    )


async def test_a_script_answers_what_redis_py_answers(redis_url: str) -> None:
    redis = pooled(redis_url)
    try:
        ours = await RedisScript(redis, ECHO)(keys=["k"], args=["v", 2])
        theirs = await redis.register_script(ECHO)(keys=["k"], args=["v", 2])
        assert ours == theirs == [b"k", b"v", 1, 2]
        assert await redis.get("k") == b"v"
    finally:
        await redis.aclose()


async def test_a_script_redis_has_not_seen_is_loaded_first(redis_url: str) -> None:
    redis = pooled(redis_url)
    try:
        # (a source of its own: no SCRIPT FLUSH, which would empty every database's scripts)
        script = RedisScript(redis, f"-- {uuid.uuid4()}\n{ECHO}")
        assert await redis.script_exists(script.script.sha) == [False]
        assert await script(keys=["k"], args=["v", 0]) == [b"k", b"v", 1, 2]
        assert await redis.script_exists(script.script.sha) == [True]
    finally:
        await redis.aclose()


async def test_an_error_in_the_script_is_redis_pys(redis_url: str) -> None:
    redis = pooled(redis_url)
    try:
        with pytest.raises(ResponseError):
            await RedisScript(redis, "return redis.call('NO_SUCH_COMMAND')")()
        # the connection goes on
        assert await RedisScript(redis, ECHO)(keys=["k"], args=["v", 0]) == [b"k", b"v", 1, 2]
    finally:
        await redis.aclose()


async def test_a_round_trip_that_times_out_leaves_no_reply_behind(redis_url: str) -> None:
    redis = pooled(redis_url)
    try:
        late = RedisScript(redis, ECHO)
        late.timeout = 1e-9  # over before the reply comes
        with pytest.raises(RedisError):
            await late(keys=["k"], args=["late", 0])
        # Whatever connection the next call gets, it reads its own reply, not the late one;
        # and the pool's connections keep their socket timeout.
        script = RedisScript(redis, ECHO)
        for value in ("a", "b", "c"):
            assert await script(keys=["k"], args=[value, 0]) == [b"k", value.encode(), 1, 2]
        connection = await redis.connection_pool.get_connection()  # type: ignore[no-untyped-call]
        assert connection.socket_timeout == REDIS_TIMEOUTS["socket_timeout"]
        await redis.connection_pool.release(connection)
    finally:
        await redis.aclose()
