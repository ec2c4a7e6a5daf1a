from __future__ import annotations

import asyncio
import uuid

import pytest
from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import DataError, RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeout

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


def roomy(url: str, name: str | None = None) -> Redis:
    """The app's pool with room to keep connections (the app's: 64)."""
    return Redis.from_pool(
        BlockingConnectionPool.from_url(
            url, max_connections=8, timeout=5, client_name=name, **REDIS_TIMEOUTS
        )
    )


@pytest.mark.parametrize(
    "args",
    [["v", 2, 1.5, b"\x00\xff"], ["zażółć", -7, 0.1], ["x" * 10_000, 3]],
)
async def test_the_command_is_packed_as_redis_py_packs_it(
    redis_url: str, args: list[str | int | float | bytes]
) -> None:
    redis = roomy(redis_url)
    try:
        script = RedisScript(redis, ECHO)
        connection = redis.connection_pool.make_connection()
        theirs = connection.pack_command("EVALSHA", script.script.sha, 2, "k", "l", *args)
        assert script.pack(["k", "l"], args) == b"".join(theirs)
        with pytest.raises(DataError):  # as redis-py: a bool is refused
            script.pack(["k"], [True])
    finally:
        await redis.aclose()


async def test_a_connection_is_kept_between_calls_and_counted_by_the_pool(
    redis_url: str,
) -> None:
    redis = roomy(redis_url)
    pool = redis.connection_pool
    try:
        first, second = RedisScript(redis, ECHO), RedisScript(redis, f"-- 2\n{ECHO}")
        await first(keys=["k"], args=["a", 0])
        kept = list(first.connections.idle)
        assert len(kept) == 1 and second.connections is first.connections
        assert await second(keys=["k"], args=["b", 0]) == [b"k", b"b", 1, 2]
        assert first.connections.idle == kept  # the same connection, taken and kept again
        assert kept[0] in pool._in_use_connections  # the pool still counts it
        # Calls at once take more; no more than the limit are kept.
        await asyncio.gather(*(first(keys=["k"], args=[str(i), 0]) for i in range(8)))
        assert len(first.connections.idle) == first.connections.limit == 2
    finally:
        await redis.aclose()
    assert not any(c.is_connected for c in first.connections.idle)  # closed with the client


async def test_a_connection_that_timed_out_is_closed_and_not_kept(redis_url: str) -> None:
    redis = roomy(redis_url)
    try:
        script = RedisScript(redis, ECHO)
        await script(keys=["k"], args=["a", 0])
        (connection,) = script.connections.idle
        script.timeout = 1e-9  # over before the reply comes
        with pytest.raises(RedisTimeout):
            await script(keys=["k"], args=["late", 0])
        assert script.connections.idle == [] and not connection.is_connected
        assert connection in redis.connection_pool._available_connections  # the pool's again
        script.timeout = 5
        for value in ("b", "c"):  # each call reads its own reply
            assert await script(keys=["k"], args=[value, 0]) == [b"k", value.encode(), 1, 2]
    finally:
        await redis.aclose()


async def test_a_kept_connection_the_server_closed_reconnects(redis_url: str) -> None:
    """As after a Redis restart: the server closed the connection kept between calls; the
    next call still answers (a restarted Redis's missing script: the tests above)."""
    name = f"kept-{uuid.uuid4().hex[:12]}"
    redis = roomy(redis_url, name)
    try:
        script = RedisScript(redis, f"-- {uuid.uuid4()}\n{ECHO}")
        assert await script(keys=["k"], args=["a", 0]) == [b"k", b"a", 1, 2]
        (connection,) = script.connections.idle
        async with Redis.from_url(redis_url) as admin:
            ours = [c["id"] for c in await admin.client_list() if c.get("name") == name]
            assert ours
            for client_id in ours:
                await admin.client_kill_filter(_id=client_id)
        await asyncio.sleep(0.05)  # the loop sees the socket close
        assert await script(keys=["k"], args=["b", 0]) == [b"k", b"b", 1, 2]
        assert script.connections.idle == [connection] and connection.is_connected
    finally:
        await redis.aclose()
