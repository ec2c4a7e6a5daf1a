"""A withdrawal (speech of a streamed turn that was not stored) racing the relay: a round that
took the rows before they were deleted is enqueueing them; the withdrawal waits until their
jobs are in Redis and takes them off the queue, so none is left to run. The handoff's case is
in tests/chat/test_chat_stream.py; here, the poll's."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from redis import Redis
from rq import Queue
from rq.job import Job
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.tts.test_speech_pipeline import wait_enqueued


def delete_requests(database_url: str) -> None:
    """What the withdrawal's transaction did: the requests deleted (and committed)."""
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM tts_outbox"))
    finally:
        engine.dispose()


async def test_a_withdrawal_waits_for_the_poll_that_read_its_rows(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    from polish_tutor.state import app_state

    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    asked = await app_client.post("/tts", json={"text": "Kot śpi na kanapie."})
    key = asked.json()["audio_job_id"]
    await wait_enqueued(settings, 1)
    redis = Redis.from_url(settings.redis_url)
    try:
        redis.flushdb()  # as a Redis restarted empty leaves it: the poll sends it again
        assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 1

        send, sending, go_on = relay._enqueuer.send, asyncio.Event(), asyncio.Event()

        async def held_send(*args: Any) -> Any:
            sending.set()
            await go_on.wait()
            return await send(*args)

        relay._enqueuer.send = held_send  # type: ignore[method-assign]
        poll = asyncio.create_task(relay.relay_once(grace=timedelta(0)))
        await asyncio.wait_for(sending.wait(), 10)  # the row read, its job on the way
        delete_requests(settings.resolved_database_url)
        withdrawal = asyncio.create_task(relay.withdraw([key]))
        await asyncio.sleep(0.3)  # without waiting, the withdrawal is over by now
        go_on.set()  # the job reaches Redis after the withdrawal began
        await asyncio.wait_for(asyncio.gather(poll, withdrawal), 10)

        assert key not in Queue(settings.tts_queue, connection=redis).get_job_ids()
        assert Job.exists(key, connection=redis) is False
    finally:
        redis.close()
