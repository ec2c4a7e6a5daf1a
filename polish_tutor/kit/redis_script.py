"""A Lua script run in one round trip, without redis-py's per-command layers.

``Script.__call__`` (``register_script``) goes through ``Redis.execute_command``: a protocol
check on the client, the retry wrapper (no retries on this app's pools), observability
hooks, ``asyncio.wait_for`` and a read timeout of its own around the one command. A chat turn
runs two scripts (its read, its write-through), and those layers cost about as much CPU as the
round trip itself. :class:`RedisScript` sends ``EVALSHA`` (packed here) and reads its reply
under one ``asyncio.timeout`` (the pool's ``socket_timeout``): the same reply, the same errors
(``RedisError`` s).

Its connections come from the client's pool, and a few of them are kept between calls
(:class:`KeptConnections`, shared by the scripts of one pool) instead of going back: taking a
connection from the blocking pool and giving it back (its lock, its condition, its timeout,
its observability hooks) cost a turn more CPU than the round trip's own send. A kept
connection is checked as the pool checks it before each use (a server that closed it, a
restart: it reconnects, or the call fails as the pool's would); one that failed or timed out
mid-command is closed (redis-py closes it when its send or read fails or is cancelled) and
given back to the pool, never kept. Kept connections stay counted as the pool's (in use), so
its ``max_connections`` still bounds them, and closing the client closes them.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection, ConnectionPool
from redis.exceptions import NoScriptError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeout

# Without a socket_timeout on the pool, a round trip still ends.
DEFAULT_TIMEOUT = 5.0
# At most this many connections kept per pool, and at most this share of its connections.
KEEP = 4
KEEP_SHARE = 4


class KeptConnections:
    """Connections of a pool kept for its scripts between their calls (last in, first out)."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = weakref.proxy(pool)  # (not a reference: the pool is _KEPT's key)
        self.idle: list[AbstractConnection] = []
        self.limit = min(KEEP, pool.max_connections // KEEP_SHARE)

    async def take(self) -> AbstractConnection:
        """A connected connection: a kept one (checked, reconnected when the server closed
        it) or, none kept, the pool's."""
        connection: AbstractConnection
        if not self.idle:
            connection = await self.pool.get_connection()
            return connection
        connection = self.idle.pop()
        try:
            await self.pool.ensure_connection(connection)
        except BaseException:
            await self.pool.release(connection)
            raise
        return connection

    async def give_back(self, connection: AbstractConnection, *, healthy: bool) -> None:
        """Keep ``connection`` for the next call if it is healthy and there is room; else the
        pool has it back (one that failed is closed first: never reused as it is)."""
        if healthy and connection.is_connected and len(self.idle) < self.limit:
            self.idle.append(connection)
            return
        if not healthy and connection.is_connected:
            await connection.disconnect(nowait=True)
        await self.pool.release(connection)


# One KeptConnections per pool (the scripts of a client share it), gone with the pool.
_KEPT: weakref.WeakKeyDictionary[ConnectionPool, KeptConnections] = weakref.WeakKeyDictionary()


def kept_connections(pool: ConnectionPool) -> KeptConnections:
    kept = _KEPT.get(pool)
    if kept is None:
        kept = _KEPT[pool] = KeptConnections(pool)
    return kept


class RedisScript:
    """``redis.register_script(source)``, called the same way: ``await script(keys, args)``."""

    def __init__(self, redis: Redis, source: str) -> None:
        self.redis = redis
        self.script = redis.register_script(source)  # its sha, and a SCRIPT LOAD when needed
        pool = redis.connection_pool
        timeout = pool.connection_kwargs.get("socket_timeout")
        self.timeout = float(timeout) if timeout else DEFAULT_TIMEOUT
        self.connections = kept_connections(pool)
        self.encoder = pool.get_encoder()  # type: ignore[no-untyped-call]
        self._head = b"$7\r\nEVALSHA\r\n$40\r\n%s\r\n" % self.script.sha.encode()

    async def __call__(
        self, keys: Sequence[str] = (), args: Sequence[str | int | float | bytes] = ()
    ) -> Any:
        try:
            return await self._evalsha(keys, args)
        except NoScriptError:  # a Redis that restarted, or was flushed of its scripts
            await self.redis.script_load(self.script.script)
            return await self._evalsha(keys, args)

    def pack(self, keys: Sequence[str], args: Sequence[str | int | float | bytes]) -> bytes:
        """``EVALSHA sha len(keys) *keys *args`` in the Redis protocol: the bytes redis-py's
        ``pack_command`` sends for it, in one piece (its chunks joined)."""
        encode = self.encoder.encode
        parts = [b"*%d\r\n" % (3 + len(keys) + len(args)), self._head]
        for part in (len(keys), *keys, *args):
            data = encode(part)
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        return b"".join(parts)

    async def _evalsha(self, keys: Sequence[str], args: Sequence[str | int | float | bytes]) -> Any:
        command = self.pack(keys, args)  # before a connection is taken: DataError leaves none
        connection = await self.connections.take()
        # The connection is this call's alone until given back: its own socket_timeout is
        # lifted meanwhile (with one, redis-py's send runs in a task of its own, ``wait_for``),
        # as this timeout bounds the whole round trip.
        socket_timeout, connection.socket_timeout = connection.socket_timeout, None
        healthy = False
        try:
            async with asyncio.timeout(self.timeout):
                await connection.send_packed_command(command, check_health=False)
                reply = await connection.read_response(timeout=math.inf)
            healthy = True
            return reply
        except ResponseError:  # the script's error, read whole: the connection goes on
            healthy = True
            raise
        except TimeoutError:  # asyncio's: the cancelled send or read closed the connection
            raise RedisTimeout("Timeout reading from Redis") from None
        finally:
            connection.socket_timeout = socket_timeout
            await self.connections.give_back(connection, healthy=healthy)
