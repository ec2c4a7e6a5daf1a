"""Logins (refresh-token families) revoked while their access tokens may still be alive.

An access token is checked without a database or Redis read, so a revoked login's access
tokens would live on until they expire. Instead each API process keeps the ids of the families
revoked in the last access-token lifetime in memory (``ids``, which ``AccessTokens.verify``
looks in), filled from Redis at start-up and kept current over pub/sub:

- revoking adds the id here at once, then to a Redis sorted set (score: when the last access
  token it could have issued expires) and publishes it, so every other process adds it too;
- the subscriber reloads the sorted set whenever Redis confirms its subscription: at start,
  and after every reconnection (redis-py may reconnect inside a read and subscribe again on
  its own), so an id published while a process was cut off is not missed;
- ids are forgotten, here and in Redis, once every access token of theirs has expired;
- what holds a login open beyond one request (an event stream) asks to be told when that
  login is revoked (``watch``), whichever of the above brought the news.

``health`` says whether the subscription is up (``/readyz`` shows it): while it is down,
logins revoked in other processes go unheard of here until it is back. A quiet subscription
pings Redis now and then, so a connection that died without a word (a host gone without a
reset, a proxy that hangs) is renewed too, not trusted for ever.

If Redis is unreachable when a login is revoked, its refresh tokens are revoked all the same
(the database) and this process refuses its access tokens; the others accept them until
they expire, as before this existed.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

from polish_tutor.kit.tasks import stop_if_cancelled

log = logging.getLogger(__name__)

REVOKED_KEY = "tutor:auth:revoked_families"
REVOKED_CHANNEL = "tutor:auth:revoked_families"
SUBSCRIBER_NAME = "polish-tutor:revoked-logins"  # the subscriber's connection, in CLIENT LIST
# Beyond the access-token lifetime: clocks of processes that differ, and a refresh that
# issued a token as the family was being revoked.
MARGIN = 60.0
PRUNE_EVERY = 30.0
FIRST_LOAD_WAIT = 2.0  # seconds start-up waits for the first load before serving anyway
MAX_RETRY_DELAY = 5.0
PING_EVERY = 10.0  # seconds of quiet on the subscription before it asks Redis for a PONG
SILENT_AFTER = 30.0  # seconds without a word from Redis before the subscription is renewed


class RevokedFamilies:
    def __init__(self, redis: AsyncRedis, subscriber: AsyncRedis, access_ttl: timedelta) -> None:
        """``redis`` for commands; ``subscriber`` a client of its own for the pub/sub
        connection, which it holds for good (not one of the request pool's)."""
        self._redis = redis
        self._subscriber = subscriber
        self._keep = access_ttl.total_seconds() + MARGIN
        # family id -> when it may be forgotten (epoch seconds). Only ever changed in place:
        # ``AccessTokens`` holds this very dict.
        self.ids: dict[str, float] = {}
        self._first_load = asyncio.Event()
        self._next_prune = 0.0
        self._watchers: dict[str, set[Callable[[], None]]] = {}
        self._running = False
        self._subscribed = False  # and the sorted set read since
        self._down_since: float | None = None

    @property
    def health(self) -> str:
        """``ok`` while subscribed; otherwise what is wrong, for ``/readyz``."""
        if not self._running:
            return "stopped: logins revoked by other processes are not heard of here"
        if self._subscribed:
            return "ok"
        if self._down_since is None:
            return "starting: not subscribed yet"
        down = time.monotonic() - self._down_since
        return (
            f"reconnecting for {down:.0f} s: logins revoked by other processes meanwhile are "
            "read from Redis once it is back"
        )

    def watch(self, family: str, revoked: Callable[[], None]) -> Callable[[], None]:
        """Call ``revoked`` once when the login ``family`` is revoked (at once if it is
        already); returns what stops watching."""
        if family in self.ids:
            revoked()
            return lambda: None
        self._watchers.setdefault(family, set()).add(revoked)

        def stop() -> None:
            watchers = self._watchers.get(family)
            if watchers is not None:
                watchers.discard(revoked)
                if not watchers:
                    del self._watchers[family]

        return stop

    def _add(self, family: str, until: float) -> None:
        self.ids[family] = max(until, self.ids.get(family, 0.0))
        for revoked in self._watchers.pop(family, ()):
            revoked()

    async def revoke(self, family_id: uuid.UUID) -> None:
        """Refuse the family's access tokens here at once, and in every process via Redis
        (after the revocation of its refresh tokens has committed)."""
        family = str(family_id)
        until = time.time() + self._keep
        self._add(family, until)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.zadd(REVOKED_KEY, {family: until})
                pipe.zremrangebyscore(REVOKED_KEY, "-inf", time.time())
                pipe.expire(REVOKED_KEY, int(self._keep) + 1)
                pipe.publish(REVOKED_CHANNEL, family)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            log.warning(
                "a revoked login was not shared with the other processes: %s",
                type(exc).__name__,
            )

    async def run(self) -> None:
        """Subscribe, load, and follow the channel for good, reconnecting after failures."""
        delay = 0.1
        self._running = True
        try:
            while True:
                try:
                    async with self._subscriber.pubsub() as pubsub:
                        await pubsub.subscribe(REVOKED_CHANNEL)
                        heard = next_ping = time.monotonic()
                        while True:
                            message = await pubsub.get_message(timeout=1.0)
                            now = time.monotonic()
                            if message is not None:
                                heard = now
                                await self._receive(message)
                                delay = 0.1
                            elif now - heard > SILENT_AFTER:
                                # A connection that went silent (a host gone without a
                                # reset) raises nothing: reconnect as after an error.
                                raise TimeoutError("Redis did not answer the subscriber's PING")
                            elif now >= next_ping:  # its "pong" is a message heard
                                next_ping = now + PING_EVERY
                                await pubsub.ping()
                            self._prune_now_and_then()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a subscriber that died would let revoked logins in
                    stop_if_cancelled()
                    if self._subscribed or self._down_since is None:
                        log.warning(
                            "revoked-login subscription interrupted: %s", type(exc).__name__
                        )
                        self._down_since = time.monotonic()
                    self._subscribed = False
                    self._first_load.set()  # start-up does not wait for a Redis that is down
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, MAX_RETRY_DELAY)
        finally:
            self._running = False
            self._subscribed = False

    async def wait_loaded(self) -> None:
        """Until the first load from Redis is done (or has failed, or ``FIRST_LOAD_WAIT``)."""
        try:
            async with asyncio.timeout(FIRST_LOAD_WAIT):
                await self._first_load.wait()
        except TimeoutError:
            log.warning("revoked logins not loaded from Redis yet; serving anyway")

    async def _receive(self, message: dict[str, Any]) -> None:
        if message["type"] == "subscribe":  # (re)subscribed: what was missed is in the set
            await self._load()
            if self._down_since is not None:
                log.info("revoked-login subscription back; missed revocations read")
                self._down_since = None
            self._subscribed = True
            self._first_load.set()
        elif message["type"] == "message":
            data = message["data"]
            family = data.decode() if isinstance(data, bytes) else str(data)
            if family not in self.ids:
                self._add(family, time.time() + self._keep)

    async def _load(self) -> None:
        now = time.time()
        stored = await self._redis.zrangebyscore(REVOKED_KEY, now, "+inf", withscores=True)
        for member, until in cast(list[tuple[bytes | str, float]], stored):
            family = member.decode() if isinstance(member, bytes) else str(member)
            self._add(family, float(until))
        self._prune(now)

    def _prune_now_and_then(self) -> None:
        now = time.time()
        if now >= self._next_prune:
            self._prune(now)

    def _prune(self, now: float) -> None:
        self._next_prune = now + PRUNE_EVERY
        for family in [family for family, until in self.ids.items() if until <= now]:
            del self.ids[family]
