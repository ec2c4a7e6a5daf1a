"""Learner events over Redis pub/sub, so any API process can forward them to its SSE clients."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis as AsyncRedis

log = logging.getLogger(__name__)


def user_channel(user_id: uuid.UUID | str) -> str:
    return f"tutor:events:user:{user_id}"


def audio_ready(audio_key: str, format: str) -> str:
    return json.dumps({"event": "audio_ready", "audio_job_id": audio_key, "format": format})


def audio_failed(audio_key: str, error: str) -> str:
    return json.dumps({"event": "audio_failed", "audio_job_id": audio_key, "error": error})


class EventBus:
    def __init__(self, redis: AsyncRedis) -> None:
        self._redis = redis
        self._tasks: set[asyncio.Task[Any]] = set()

    async def publish(self, channels: list[str], message: str) -> None:
        for channel in channels:
            await self._redis.publish(channel, message)

    def publish_soon(self, channels: list[str], message: str) -> None:
        """Fire and forget (after a commit): a lost event only means the client polls."""

        async def _publish() -> None:
            try:
                await self.publish(channels, message)
            except Exception as exc:
                log.warning("could not publish an event: %s", exc)

        task = asyncio.get_running_loop().create_task(_publish())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def listen(self, channels: list[str]) -> AsyncIterator[dict[str, Any]]:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(*channels)
        try:
            while True:
                message = await pubsub.get_message(timeout=15.0)
                if message is None:
                    yield {"event": "ping"}
                    continue
                try:
                    yield json.loads(message["data"])
                except (ValueError, TypeError):
                    continue
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
