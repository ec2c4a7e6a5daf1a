"""Putting speech on the queue several lines at a time: each line still gets one job of its own
(with everything a job enqueued alone carries), a line whose job appeared meanwhile is not
enqueued twice, a line waiting among those made ahead of time moves to the front, and one
that says "queued" in no queue is put back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from redis import Redis
from redis.client import Pipeline
from rq import Queue
from rq.job import Job, JobStatus

from polish_tutor.tts.queue import (
    JOB_FUNCTION,
    RESULT_TTL,
    SpeechJob,
    enqueue_speech,
    enqueue_speech_each,
    enqueue_speech_lines,
)

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def lines(*texts: str) -> list[SpeechJob]:
    return [
        SpeechJob(f"{index:040x}", text, "pl", 1.0, "wav", "espeak")
        for index, text in enumerate(texts, start=1)
    ]


@pytest.fixture
def redis(settings: Any) -> Iterator[Redis]:
    client = Redis.from_url(settings.redis_url)
    try:
        yield client
    finally:
        client.close()


def test_lines_enqueued_together_each_get_the_job_one_alone_gets(
    settings: Any, redis: Redis
) -> None:
    ahead = Queue(settings.tts_ahead_queue, connection=redis)
    alone, *together = lines("Raz.", "Dwa.", "Trzy.", "Cztery.")
    enqueue_speech(ahead, alone, timeout=30, retry_intervals=(2, 10), request_id="req-1")
    enqueue_speech_each(ahead, together, timeout=30, retry_intervals=(2, 10), request_id="req-1")

    assert ahead.get_job_ids() == [job.audio_key for job in (alone, *together)]
    reference = Job.fetch(alone.audio_key, connection=redis)
    for line in together:
        job = Job.fetch(line.audio_key, connection=redis)
        assert job.func_name == JOB_FUNCTION
        assert job.kwargs == {
            "audio_key": line.audio_key,
            "text": line.text,
            "voice": "pl",
            "speed": 1.0,
            "format": "wav",
            "driver": "espeak",
        }
        assert job.get_status() == JobStatus.QUEUED
        assert job.origin == ahead.name
        assert job.meta == {"request_id": "req-1"} == reference.meta
        assert (job.timeout, job.retries_left, job.retry_intervals) == (30, 2, [2, 10])
        assert (job.result_ttl, job.failure_ttl) == (reference.result_ttl, reference.failure_ttl)
        assert job.result_ttl == RESULT_TTL
        assert job.description == f"speech {line.audio_key}"

    # Asked for again while they wait: nothing changes.
    enqueue_speech_each(ahead, [alone, *together], timeout=30)
    assert ahead.get_job_ids() == [job.audio_key for job in (alone, *together)]


def test_a_line_whose_job_appears_while_the_others_are_enqueued_is_not_enqueued_twice(
    settings: Any, redis: Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another relay enqueues one of the lines between this one's look and its write: the
    write is not made on top of it (the line keeps the one job, queued once)."""
    queue = Queue(settings.tts_queue, connection=redis)
    first, second, third = lines("Raz.", "Dwa.", "Trzy.")
    watch: Callable[..., Any] = Pipeline.watch

    def watch_then_race(pipe: Pipeline, *names: Any) -> Any:
        result = watch(pipe, *names)
        other = Redis.from_url(settings.redis_url)
        try:
            enqueue_speech(Queue(settings.tts_queue, connection=other), second, timeout=30)
        finally:
            other.close()
        return result

    monkeypatch.setattr(Pipeline, "watch", watch_then_race)
    enqueue_speech_each(queue, [first, second, third], timeout=30)
    monkeypatch.undo()

    assert sorted(queue.get_job_ids()) == sorted(job.audio_key for job in (first, second, third))
    assert all(
        Job.fetch(job.audio_key, connection=redis).get_status() == JobStatus.QUEUED
        for job in (first, second, third)
    )


def test_a_line_made_ahead_moves_to_the_front_when_a_learner_waits_for_it(
    settings: Any, redis: Redis
) -> None:
    queue = Queue(settings.tts_queue, connection=redis)
    ahead = Queue(settings.tts_ahead_queue, connection=redis)
    waiting, made_ahead, other = lines("Już czeka.", "Z wyprzedzeniem.", "Inna.")
    enqueue_speech(queue, waiting, timeout=30)
    enqueue_speech_each(ahead, [made_ahead, other], timeout=30)

    enqueue_speech_lines(queue, [made_ahead], timeout=30, request_id="req-2", behind=ahead)

    assert queue.get_job_ids() == [made_ahead.audio_key, waiting.audio_key]
    assert ahead.get_job_ids() == [other.audio_key]
    moved = Job.fetch(made_ahead.audio_key, connection=redis)
    assert moved.origin == queue.name and moved.get_status() == JobStatus.QUEUED


def test_a_job_that_says_queued_but_waits_in_no_queue_is_put_back(
    settings: Any, redis: Redis
) -> None:
    """Taken by a worker that died as it took it: asked for again, it is queued again (the
    sweep does the same for a request nobody asks for again)."""
    ahead = Queue(settings.tts_ahead_queue, connection=redis)
    lost, kept = lines("Zgubiona.", "Czeka.")
    enqueue_speech_each(ahead, [lost, kept], timeout=30)
    assert redis.lrem(ahead.key, 1, lost.audio_key) == 1  # the dead worker's BLPOP

    enqueue_speech_each(ahead, [lost, kept], timeout=30)

    assert ahead.get_job_ids() == [lost.audio_key, kept.audio_key]
