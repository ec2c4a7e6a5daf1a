"""A withdrawal (speech of a streamed turn that was not stored) racing the relay: a round that
took the rows before they were deleted is enqueueing them; the withdrawal waits until their
jobs are in Redis and takes them off the queue, so none is left to run. The handoff's case is
in tests/chat/test_chat_stream.py; here, the poll's, and a job a worker already held when
its line was withdrawn."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import httpx
from redis import Redis
from rq import Queue
from rq.job import Job
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.settings import normalise_database_url, sync_database_url
from polish_tutor.tts.drivers.base import SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.espeak import EspeakDriver
from polish_tutor.tts.events import user_channel
from polish_tutor.tts.queue import withdraw_waiting
from tests.support.app import signals_kept
from tests.support.db import outbox_statuses, row_counts
from tests.tts.test_speech_lines import ask, relayed_together
from tests.tts.test_speech_pipeline import status_of, wait_enqueued


def delete_requests(database_url: str, key: str | None = None) -> None:
    """What the withdrawal's transaction did: the requests (for ``key``) deleted (and
    committed)."""
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.begin() as connection:
            if key is None:
                connection.execute(text("DELETE FROM tts_outbox"))
            else:
                connection.execute(
                    text("DELETE FROM tts_outbox WHERE audio_key = :key"), {"key": key}
                )
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


WITHDRAWN_LINES = ("Dzień dobry.", "Poproszę kawę.")


class WithdrawsTheNextLine(EspeakDriver):
    """eSpeak, which, as it makes the job's first line, has the second one withdrawn as a
    broken-off stream withdraws it (``withdraw_waiting``, what ``OutboxRelay.withdraw``
    runs), its request deleted first unless ``asked_again`` (someone asked for the same
    words after the withdrawal): the job of both lines is in the worker's hands."""

    def __init__(self, settings: Any, key: str, *, asked_again: bool) -> None:
        super().__init__()
        self.settings, self.key, self.asked_again = settings, key, asked_again
        self.made: list[str] = []

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        self.made.append(request.text)
        if request.text == WITHDRAWN_LINES[0]:
            if not self.asked_again:
                delete_requests(self.settings.resolved_database_url, self.key)
            redis = Redis.from_url(self.settings.redis_url)
            try:
                queue = Queue(self.settings.tts_queue, connection=redis)
                assert withdraw_waiting(queue, [self.key]) == []  # nothing left to take
            finally:
                redis.close()
        return super().synthesize(request)


async def run_withdrawing_worker(
    client: httpx.AsyncClient, settings: Any, *, asked_again: bool
) -> tuple[list[str], WithdrawsTheNextLine, list[dict[str, Any]]]:
    """Both lines asked for, relayed as one job of two lines, run by a real worker whose
    driver has the second withdrawn as it makes the first; returns the keys, the driver
    and the events the learner was sent."""
    from polish_tutor.worker.process import WorkerProcess
    from polish_tutor.worker.run import speech_worker

    keys = await ask(client, WITHDRAWN_LINES)
    await relayed_together(client, settings, len(keys))
    user_id = (await client.get("/auth/me")).json()["id"]
    driver = WithdrawsTheNextLine(settings, keys[1], asked_again=asked_again)
    redis = Redis.from_url(settings.redis_url)
    listener = redis.pubsub()
    listener.subscribe(user_channel(user_id))
    confirmed = listener.get_message(timeout=5)
    assert confirmed is not None and confirmed["type"] == "subscribe"
    process = WorkerProcess.for_speech(settings, driver=driver)
    try:
        worker = speech_worker(settings, process, restart_when_stuck=False)
        with signals_kept():
            worker.work(burst=True)
        sent = []
        while (message := listener.get_message(timeout=0.5)) is not None:
            sent.append(json.loads(message["data"]))
    finally:
        process.close()
        listener.close()
        redis.close()
    return keys, driver, sent


async def test_a_line_withdrawn_while_a_worker_holds_its_job_is_not_made(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    """No synthesis, no audio stored, no ``audio_ready``; its request deleted (the status
    answers 404), while the job's other line is made and announced as ever."""
    keys, driver, sent = await run_withdrawing_worker(app_client, settings, asked_again=False)
    assert driver.made == [WITHDRAWN_LINES[0]]
    assert [(event["event"], event["audio_job_id"]) for event in sent] == [("audio_ready", keys[0])]
    assert outbox_statuses(settings.resolved_database_url) == ["done"]
    assert row_counts(settings.resolved_database_url)["audio_assets"] == 1
    assert (await app_client.get(f"/tts/status/{keys[1]}")).status_code == 404
    assert (await status_of(app_client, keys[0]))["status"] == "finished"
    assert not list(settings.var_dir.rglob(f"{keys[1]}*"))  # no file for it


async def test_a_withdrawn_line_asked_for_again_since_is_made(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    """The withdrawal's mark alone does not stop a line: a request open for it (asked for
    after the withdrawal) has it made, closed and announced."""
    keys, driver, sent = await run_withdrawing_worker(app_client, settings, asked_again=True)
    assert driver.made == list(WITHDRAWN_LINES)
    assert sorted(event["audio_job_id"] for event in sent) == sorted(keys)
    assert outbox_statuses(settings.resolved_database_url) == ["done", "done"]
    assert (await status_of(app_client, keys[1]))["status"] == "finished"
