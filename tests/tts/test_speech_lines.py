"""Several speech lines in one RQ job: the relay groups the lines handed over together, the
job makes each of them as a job of one line would, and a line that fails loses no other."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from redis import Redis
from rq.timeouts import JobTimeoutException

from polish_tutor.tts.drivers.base import SpeechDriverError, SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.espeak import EspeakDriver
from polish_tutor.tts.queue import (
    CLAIM_GRACE,
    LINE_JOB,
    LINE_JOB_TTL,
    LINES_FUNCTION,
    SpeechJob,
    enqueue_speech_lines,
)
from tests.support.db import outbox_statuses, row_counts
from tests.tts.test_speech_pipeline import status_of, wait_enqueued

LINES = ("Dzień dobry.", "Poproszę kawę.", "Z mlekiem, proszę.")


async def ask(client: httpx.AsyncClient, texts: tuple[str, ...]) -> list[str]:
    keys = []
    for text in texts:
        response = await client.post("/tts", json={"text": text})
        assert response.status_code == 202, response.text
        keys.append(response.json()["audio_job_id"])
    return keys


async def relayed_together(client: httpx.AsyncClient, settings: Any, count: int) -> None:
    """The requests go out again through the relay's poll, as rows a restart left: together."""
    from polish_tutor.state import app_state

    await wait_enqueued(settings, count)
    Redis.from_url(settings.redis_url).flushdb()  # their jobs of one line are gone
    relay = app_state(client._transport.app).relay  # type: ignore[attr-defined]
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == count
    await relay.relay_once(grace=timedelta(0))
    await wait_enqueued(settings, count)


def carriers(redis: Redis, keys: list[str]) -> set[bytes]:
    return {redis.get(LINE_JOB + key) for key in keys} - {None}


async def test_lines_handed_over_together_are_made_by_one_job(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    keys = await ask(app_client, LINES)
    await relayed_together(app_client, settings, len(keys))

    redis = Redis.from_url(settings.redis_url)
    (job_id,) = carriers(redis, keys)  # one job carries the three lines
    assert redis.hget(b"rq:job:" + job_id, "status") == b"queued"
    assert not any(redis.exists(f"rq:job:{key}") for key in keys)  # no job of one line
    assert [(await status_of(app_client, key))["status"] for key in keys] == ["queued"] * 3

    # Asked for again while it waits: the line is left to the job that carries it.
    from polish_tutor.state import app_state

    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    again = [
        SpeechJob(key, text, settings.tts_voice, 1.0, "wav", "espeak")
        for key, text in zip(keys, LINES, strict=True)
    ]
    relay.submit(again[:2])
    await relay.relay_handoff()
    relay.submit(again[2:])  # alone
    await relay.relay_handoff()
    assert carriers(redis, keys) == {job_id}
    assert not any(redis.exists(f"rq:job:{key}") for key in keys)
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 0  # its job is alive

    burst_worker()  # RQ installs signal handlers: main thread only
    assert redis.hget(b"rq:job:" + job_id, "status") == b"finished"
    assert outbox_statuses(settings.resolved_database_url) == ["done"] * 3
    for key in keys:
        status = await status_of(app_client, key)
        assert status["status"] == "finished"
        assert (await app_client.get(status["audio_url"])).status_code == 200
    assert row_counts(settings.resolved_database_url)["audio_assets"] == 3


class BrokenOnOneLine(EspeakDriver):
    """eSpeak, except for one line: a failure that may pass (or not)."""

    retryable = True

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        if request.text == LINES[1]:
            raise SpeechDriverError("the provider is down", retryable=self.retryable)
        return super().synthesize(request)


async def test_a_line_that_fails_loses_none_of_the_others(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    from polish_tutor.tts.jobs import synthesize_speech_lines
    from polish_tutor.worker.process import WorkerProcess

    keys = await ask(app_client, LINES)
    await wait_enqueued(settings, len(keys))
    lines = [
        {
            "audio_key": key,
            "text": text,
            "voice": settings.tts_voice,
            "speed": 1.0,
            "format": "wav",
            "driver": "espeak",
        }
        for key, text in zip(keys, LINES, strict=True)
    ]
    driver = BrokenOnOneLine()
    process = WorkerProcess.for_speech(settings, driver=driver)
    try:
        # A failure that may pass, with tries left: the other lines are made, and the job
        # raises for RQ to try it again.
        try:
            await asyncio.to_thread(synthesize_speech_lines, lines)
        except SpeechDriverError as exc:
            assert exc.retryable
        else:
            raise AssertionError("the job must fail for RQ to retry it")
        assert [(await status_of(app_client, key))["status"] for key in keys] == [
            "finished",
            "queued",
            "finished",
        ]
        assert row_counts(settings.resolved_database_url)["audio_assets"] == 2

        # A permanent failure: that line is closed as failed; the job ends.
        driver.retryable = False
        result = await asyncio.to_thread(synthesize_speech_lines, lines)
        assert [line["status"] for line in result["lines"]] == ["finished", "failed", "finished"]
        assert [line.get("cached") for line in result["lines"]] == [True, None, True]
        failed = await status_of(app_client, keys[1])
        assert failed["status"] == "failed" and failed["error"] == "the provider is down"
        assert (await status_of(app_client, keys[2]))["status"] == "finished"
    finally:
        process.close()


async def test_the_job_function_is_the_one_the_relay_enqueues() -> None:
    from polish_tutor.tts import jobs
    from polish_tutor.worker.process import GIVE_UP

    module, name = LINES_FUNCTION.rsplit(".", 1)
    assert module == jobs.__name__ and callable(getattr(jobs, name))
    assert GIVE_UP[LINES_FUNCTION] is jobs.give_up_lines


class TimesOutOnOneLine(EspeakDriver):
    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        if request.text == LINES[1]:
            raise JobTimeoutException("the job's alarm")
        return super().synthesize(request)


async def test_a_job_of_lines_timed_out_on_its_last_try_closes_the_lines_not_made(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    from polish_tutor.tts import jobs
    from polish_tutor.tts.synthesis import TIMED_OUT
    from polish_tutor.worker.process import WorkerProcess

    keys = await ask(app_client, LINES)
    await wait_enqueued(settings, len(keys))
    lines = [
        SpeechJob(k, t, settings.tts_voice, 1.0, "wav", "espeak")
        for k, t in zip(keys, LINES, strict=True)
    ]
    process = WorkerProcess.for_speech(settings, driver=TimesOutOnOneLine())
    try:
        assert process.speech is not None
        with pytest.raises(JobTimeoutException):  # tries left: it reaches RQ, which tries again
            await asyncio.to_thread(
                process.speech.synthesize_lines,
                lines,
                retries_left=1,
                interrupted=JobTimeoutException,
            )
        assert outbox_statuses(settings.resolved_database_url) == ["done", "enqueued", "enqueued"]
        result = await asyncio.to_thread(
            process.speech.synthesize_lines, lines, retries_left=0, interrupted=JobTimeoutException
        )
        assert [line["status"] for line in result["lines"]] == ["finished", "failed", "failed"]
        for key in keys[1:]:
            status = await status_of(app_client, key)
            assert status == {**status, "status": "failed", "error": TIMED_OUT}
        # The guard's way, for a job stuck out of its alarm's reach: the lines still open
        # are closed; the one made stays made.
        statuses = outbox_statuses(settings.resolved_database_url)
        jobs.give_up_lines(
            (),
            {
                "lines": [
                    {
                        "audio_key": j.audio_key,
                        "text": j.text,
                        "voice": j.voice,
                        "speed": j.speed,
                        "format": j.format,
                        "driver": j.driver,
                    }
                    for j in lines
                ]
            },
        )
        assert outbox_statuses(settings.resolved_database_url) == statuses
        assert (await status_of(app_client, keys[0]))["status"] == "finished"
    finally:
        process.close()


@pytest.mark.parametrize(("claimed_ago", "enqueued_again"), [(1, False), (CLAIM_GRACE + 5, True)])
def test_a_line_another_relay_just_claimed_is_not_enqueued_twice(
    redis_url: str, claimed_ago: int, enqueued_again: bool
) -> None:
    """Two relays (two API processes, or a handoff and the poll) hand over the same lines: the
    first claimed them and is enqueueing their job, which does not exist yet. The second
    leaves them to it; only a claim older than the grace, whose relay died before enqueueing,
    is taken again."""
    from rq import Queue

    redis = Redis.from_url(redis_url)
    queue = Queue("lines-race-test", connection=redis)
    jobs = [
        SpeechJob(f"race-{n}", text, "pl", 1.0, "wav", "espeak") for n, text in enumerate(LINES[:2])
    ]
    for job in jobs:  # the first relay's claim, its job not yet created
        redis.set(LINE_JOB + job.audio_key, "lines-first", ex=LINE_JOB_TTL - claimed_ago)
    enqueue_speech_lines(queue, jobs, timeout=30)
    enqueued = queue.get_jobs()
    if enqueued_again:
        (job,) = enqueued
        assert [line["audio_key"] for line in job.kwargs["lines"]] == ["race-0", "race-1"]
        assert carriers(redis, ["race-0", "race-1"]) == {job.id.encode()}
    else:
        assert enqueued == []
        assert carriers(redis, ["race-0", "race-1"]) == {b"lines-first"}
    redis.close()
