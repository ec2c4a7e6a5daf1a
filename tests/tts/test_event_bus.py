"""The event bus: one pub/sub connection per API process, fanned out to its SSE clients."""

from __future__ import annotations

import asyncio
import json

import pytest
from redis.asyncio import Redis as AsyncRedis

from polish_tutor.tts import events
from polish_tutor.tts.events import QUEUE_SIZE, EventBus
from tests.support.waiting import eventually

pytestmark = pytest.mark.redis


async def connected_clients(redis: AsyncRedis) -> int:
    return len(await redis.client_list())


async def test_many_clients_share_one_connection_and_each_gets_its_events(
    redis_url: str,
) -> None:
    redis = AsyncRedis.from_url(redis_url)
    observer = AsyncRedis.from_url(redis_url)
    bus = EventBus(redis)
    try:
        before = await connected_clients(observer)
        alice = [await bus.subscribe([events.user_channel("alice")]) for _ in range(20)]
        bob = await bus.subscribe([events.user_channel("bob")])
        # Subscribed means confirmed by Redis: a publish right now reaches every client.
        await bus.publish([events.user_channel("alice")], events.audio_ready("k1", "wav"))
        await bus.publish([events.user_channel("bob")], events.audio_ready("k2", "wav"))
        for subscription in alice:
            message = await asyncio.wait_for(subscription.next(), 5)
            assert message["audio_job_id"] == "k1"
            assert subscription.queue.empty()
        assert (await asyncio.wait_for(bob.next(), 5))["audio_job_id"] == "k2"
        # 21 clients, one subscriber connection (plus the one publishing).
        assert await connected_clients(observer) - before <= 2
        numsub = dict(await observer.pubsub_numsub(events.user_channel("alice")))
        assert numsub[events.user_channel("alice").encode()] == 1

        for subscription in alice:
            await subscription.close()

        async def alice_unsubscribed() -> bool:
            numsub = dict(await observer.pubsub_numsub(events.user_channel("alice")))
            return bool(numsub[events.user_channel("alice").encode()] == 0)

        await eventually(alice_unsubscribed, 5, "the last client's channel to be unsubscribed")
        assert bus.listening == 1
        await bob.close()
        await bob.close()  # closing twice is harmless
        assert bus.listening == 0
    finally:
        await bus.aclose()
        await redis.aclose()
        await observer.aclose()


async def test_a_client_that_does_not_read_loses_only_its_oldest_events(redis_url: str) -> None:
    redis = AsyncRedis.from_url(redis_url)
    bus = EventBus(redis)
    try:
        slow = await bus.subscribe([events.user_channel("carol")])
        count = QUEUE_SIZE + 10
        for index in range(count):
            await bus.publish([events.user_channel("carol")], json.dumps({"n": index}))
        for _ in range(100):
            if slow.queue.full() and not slow.queue.empty():
                last = slow.queue._queue[-1]  # type: ignore[attr-defined]
                if last["n"] == count - 1:
                    break
            await asyncio.sleep(0.05)
        received = [slow.queue.get_nowait()["n"] for _ in range(slow.queue.qsize())]
        assert received == list(range(count - QUEUE_SIZE, count))
        await slow.close()
    finally:
        await bus.aclose()
        await redis.aclose()


async def test_subscribing_while_redis_is_down_fails_clearly() -> None:
    redis = AsyncRedis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    bus = EventBus(redis)
    try:
        with pytest.raises(Exception) as caught:
            await bus.subscribe([events.user_channel("dave")])
        assert "Connect" in type(caught.value).__name__ or "connect" in str(caught.value).lower()
        assert bus.listening == 0
    finally:
        await bus.aclose()
        await redis.aclose()
