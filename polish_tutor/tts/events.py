"""Learner events over Redis pub/sub, so any API process can forward them to its SSE clients."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.client import PubSub

from polish_tutor.kit.tasks import stop_if_cancelled, stop_tasks

log = logging.getLogger(__name__)


def user_channel(user_id: uuid.UUID | str) -> str:
    return f"tutor:events:user:{user_id}"


def audio_ready(audio_key: str, format: str) -> str:
    return json.dumps({"event": "audio_ready", "audio_job_id": audio_key, "format": format})


def audio_failed(audio_key: str, error: str) -> str:
    return json.dumps({"event": "audio_failed", "audio_job_id": audio_key, "error": error})


QUEUE_SIZE = 64  # events waiting for one slow client; older ones are dropped (it can poll)
SUBSCRIBE_TIMEOUT = 5.0


class Subscription:
    """One SSE client's events: fed by the process's single pub/sub connection."""

    def __init__(self, bus: EventBus, channels: list[str]) -> None:
        self.bus = bus
        self.channels = channels
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUE_SIZE)
        self.closed = False

    def deliver(self, message: dict[str, Any]) -> None:
        if self.queue.full():  # a client that does not read loses its oldest event
            self.queue.get_nowait()
        self.queue.put_nowait(message)

    async def next(self) -> dict[str, Any]:
        """The next event (cancelling the wait loses none)."""
        return await self.queue.get()

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            await self.bus._unsubscribe(self)


class EventBus:
    """Publishes learner events and fans them out to this process's SSE clients.

    Every API process holds one Redis pub/sub connection, whatever its number of clients: a
    reader task dispatches each message to the subscriptions of its channel. ``subscribe``
    returns once Redis has confirmed the subscription, so an event published after it
    returns reaches the client. If the connection drops, redis-py reconnects and subscribes
    again; events published meanwhile are lost (clients can poll ``/tts/status``).
    """

    def __init__(self, redis: AsyncRedis) -> None:
        self._redis = redis
        self._tasks: set[asyncio.Task[Any]] = set()
        self._listeners: dict[str, set[Subscription]] = {}
        self._confirmed: dict[str, asyncio.Future[None]] = {}
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    async def publish(self, channels: list[str], message: str) -> None:
        for channel in channels:
            await self._redis.publish(channel, message)

    def publish_soon(self, channels: list[str], message: str) -> None:
        """Fire and forget (after a commit): a lost event only means the client polls."""

        async def _publish() -> None:
            try:
                await self.publish(channels, message)
            except Exception as exc:  # noqa: BLE001 - a lost event is logged; polling covers it
                log.warning("could not publish an event: %s", exc)

        task = asyncio.get_running_loop().create_task(_publish())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def listening(self) -> int:
        """Subscriptions open in this process."""
        return len({sub for subs in self._listeners.values() for sub in subs})

    async def subscribe(self, channels: list[str]) -> Subscription:
        subscription = Subscription(self, channels)
        async with self._lock:
            if self._pubsub is None:
                self._pubsub = self._redis.pubsub()
            new = [channel for channel in channels if channel not in self._listeners]
            for channel in channels:
                self._listeners.setdefault(channel, set()).add(subscription)
            waits = []
            try:
                if new:
                    loop = asyncio.get_running_loop()
                    for channel in new:
                        self._confirmed[channel] = loop.create_future()
                    await self._pubsub.subscribe(*new)
                    if self._reader is None or self._reader.done():
                        self._reader = loop.create_task(self._read(), name="event-bus")
                waits = [
                    self._confirmed[channel] for channel in channels if channel in self._confirmed
                ]
            except BaseException:
                self._forget(subscription)
                raise
        try:
            if waits:
                async with asyncio.timeout(SUBSCRIBE_TIMEOUT):
                    await asyncio.shield(asyncio.gather(*waits))
        except BaseException:
            await subscription.close()
            raise
        return subscription

    def _forget(self, subscription: Subscription) -> list[str]:
        """Drop ``subscription``; the channels nobody listens to any more."""
        empty = []
        for channel in subscription.channels:
            listeners = self._listeners.get(channel)
            if listeners is None:
                continue
            listeners.discard(subscription)
            if not listeners:
                del self._listeners[channel]
                future = self._confirmed.pop(channel, None)
                if future is not None and not future.done():
                    future.cancel()
                empty.append(channel)
        return empty

    async def _unsubscribe(self, subscription: Subscription) -> None:
        async with self._lock:
            empty = self._forget(subscription)
            if empty and self._pubsub is not None:
                try:
                    await self._pubsub.unsubscribe(*empty)
                except Exception as exc:  # noqa: BLE001 - the connection is gone: nothing to undo
                    log.debug("could not unsubscribe: %s", exc)

    async def _read(self) -> None:
        pubsub = self._pubsub
        assert pubsub is not None
        delay = 0.1
        while True:
            try:
                message = await pubsub.get_message(timeout=1.0)
                delay = 0.1
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis went away: redis-py reconnects on the next read
                stop_if_cancelled()
                log.warning("event subscription interrupted: %s", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            if message is not None:
                self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        channel = message["channel"]
        channel = channel.decode() if isinstance(channel, bytes) else channel
        if message["type"] == "subscribe":
            future = self._confirmed.pop(channel, None)
            if future is not None and not future.done():
                future.set_result(None)
            return
        if message["type"] != "message":
            return
        try:
            event = json.loads(message["data"])
        except (ValueError, TypeError):
            return
        for subscription in list(self._listeners.get(channel, ())):
            subscription.deliver(event)

    async def aclose(self) -> None:
        if self._reader is not None:
            await stop_tasks([self._reader])
        if self._pubsub is not None:
            await self._pubsub.aclose()  # type: ignore[no-untyped-call, unused-ignore]  # typed from redis 8.2
