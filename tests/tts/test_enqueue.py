"""The relay's enqueue script (``tts/enqueue.py``) leaves Redis as RQ's own enqueue does, key
for key and field for field (timestamps aside), case by case — so an RQ upgrade that changes
what RQ writes fails here — and the project's worker runs the jobs it writes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from rq import Queue

from polish_tutor.tts.enqueue import SpeechEnqueuer, SpeechGroup
from polish_tutor.tts.queue import (
    LINE_JOB,
    LINE_JOB_TTL,
    SpeechJob,
    enqueue_speech_each,
    enqueue_speech_lines,
)
from tests.tts.test_speech_lines import ask, carriers, relayed_together
from tests.tts.test_speech_pipeline import wait_enqueued

TIMESTAMPS = {b"created_at", b"enqueued_at"}
RETRY = (2, 10)


def lines(*texts: str) -> list[SpeechJob]:
    return [
        SpeechJob(f"enqueue-{index:02d}", text, "pl", 1.0, "wav", "espeak")
        for index, text in enumerate(texts, start=1)
    ]


def dump(redis: Redis) -> dict[str, Any]:
    """Every key of the database and what it holds; a job of several lines' random id is
    replaced by its place among such ids, a TTL by whether there is one, and the jobs'
    timestamps are left out."""
    ids: dict[str, str] = {}

    def named(text: str) -> str:
        return re.sub(
            r"lines-[0-9a-f]{32}", lambda m: ids.setdefault(m[0], f"lines-{len(ids)}"), text
        )

    everything: dict[str, Any] = {}
    for raw in sorted(redis.keys("*")):
        key = raw.decode()
        kind = redis.type(raw).decode()
        value: Any
        if kind == "hash":
            value = {
                field: named(data.decode()) if field == b"origin" else data
                for field, data in redis.hgetall(raw).items()
                if field not in TIMESTAMPS
            }
        elif kind == "list":
            value = [named(item.decode()) for item in redis.lrange(raw, 0, -1)]
        elif kind == "set":
            value = sorted(redis.smembers(raw))
        elif kind == "string":
            value = named(redis.get(raw).decode())  # type: ignore[union-attr]
        else:
            value = kind
        everything[named(key)] = (value, redis.ttl(raw) > 0)
    return everything


@pytest.fixture
def redis(redis_url: str) -> Iterator[Redis]:
    client = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        client.close()


Setup = Callable[[Queue, Queue, Redis], None]


def nothing(queue: Queue, ahead: Queue, redis: Redis) -> None:
    pass


def waiting_ahead(*texts: str) -> Setup:
    def setup(queue: Queue, ahead: Queue, redis: Redis) -> None:
        enqueue_speech_each(ahead, lines(*texts), timeout=30, retry_intervals=RETRY)

    return setup


def taken_by_a_dead_worker(queue: Queue, ahead: Queue, redis: Redis) -> None:
    first, second = lines("Raz.", "Dwa.")
    enqueue_speech_each(ahead, [first, second], timeout=30, retry_intervals=RETRY)
    assert redis.lrem(ahead.key, 1, first.audio_key) == 1  # the dead worker's BLPOP


def claimed(ago: int) -> Setup:
    def setup(queue: Queue, ahead: Queue, redis: Redis) -> None:
        for job in lines("Raz.", "Dwa."):  # another relay's claim, its job not written yet
            redis.set(LINE_JOB + job.audio_key, "lines-" + "0" * 32, ex=LINE_JOB_TTL - ago)

    return setup


def finished(queue: Queue, ahead: Queue, redis: Redis) -> None:
    (line,) = lines("Raz.")
    enqueue_speech_lines(queue, [line], timeout=30, retry_intervals=RETRY)
    redis.hset(f"rq:job:{line.audio_key}", "status", "finished")
    redis.lpop(queue.key)


CASES = {
    # case: (what is in Redis before, the lines, made ahead of time)
    "a learner's new line": (nothing, lines("Raz."), False),
    "lines made ahead of time": (nothing, lines("Raz.", "Dwa.", "Trzy."), True),
    "the same asked for again": (waiting_ahead("Raz.", "Dwa."), lines("Raz.", "Dwa."), True),
    "a learner's new lines": (nothing, lines("Raz.", "Dwa.", "Trzy."), False),
    "a line made ahead moved": (waiting_ahead("Raz.", "Dwa."), lines("Raz."), False),
    "one moved, two in a job": (waiting_ahead("Raz."), lines("Raz.", "Dwa.", "Trzy."), False),
    "one moved, one alone": (waiting_ahead("Raz."), lines("Raz.", "Dwa."), False),
    "taken by a dead worker": (taken_by_a_dead_worker, lines("Raz.", "Dwa."), True),
    "claimed just now": (claimed(1), lines("Raz.", "Dwa."), False),
    "claimed by a relay that died": (claimed(120), lines("Raz.", "Dwa."), False),
    "its job ended": (finished, lines("Raz."), False),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_the_script_leaves_redis_as_rq_s_own_enqueue_does(
    case: str, redis: Redis, redis_url: str
) -> None:
    setup, jobs, made_ahead = CASES[case]
    queue = Queue("enqueue-test", connection=redis)
    ahead = Queue("enqueue-test-ahead", connection=redis)

    redis.flushdb()
    setup(queue, ahead, redis)
    if made_ahead:
        enqueue_speech_each(ahead, jobs, timeout=30, retry_intervals=RETRY, request_id="req-1")
    else:
        enqueue_speech_lines(
            queue, jobs, timeout=30, retry_intervals=RETRY, request_id="req-1", behind=ahead
        )
    by_rq = dump(redis)

    redis.flushdb()
    setup(queue, ahead, redis)
    async_redis = AsyncRedis.from_url(redis_url)
    try:
        enqueuer = SpeechEnqueuer(async_redis, job_timeout=30, retry_intervals=RETRY)
        await enqueuer.send([SpeechGroup(jobs, "req-1", made_ahead)], queue, ahead)
    finally:
        await async_redis.aclose()
    by_script = dump(redis)

    assert by_script == by_rq
    assert by_script  # not two empty databases


async def test_jobs_the_script_writes_are_run_by_the_worker_and_audio_ready_arrives(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    """Lines relayed together (one job of several lines) and a line alone (a job of its
    own), both written by the relay's script: the project's worker makes them, and each
    line's ``audio_ready`` reaches the learner who asked."""
    from polish_tutor.state import app_state

    together = await ask(app_client, ("Dzień dobry.", "Poproszę kawę."))
    await relayed_together(app_client, settings, len(together))
    (alone,) = await ask(app_client, ("Z mlekiem, proszę.",))
    await wait_enqueued(settings, 3)

    redis = Redis.from_url(settings.redis_url)
    assert len(carriers(redis, together)) == 1
    assert redis.hget(f"rq:job:{alone}", "status") == b"queued"
    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 0

    # Redis's channels are not per database: another process's learners (a parallel test
    # run, a benchmark) publish on the same pattern, so only this test's jobs are counted.
    asked = {*together, alone}
    events = redis.pubsub()
    events.psubscribe("tutor:events:user:*")
    try:
        burst_worker()
        ready: set[str] = set()
        while ready != asked and (message := events.get_message(timeout=1.0)):
            if message["type"] == "pmessage" and b'"audio_ready"' in message["data"]:
                job = re.search(rb'"audio_job_id": "([^"]+)"', message["data"])[1].decode()  # type: ignore[index]
                if job in asked:
                    ready.add(job)
    finally:
        events.close()
        redis.close()
    assert ready == asked


def lost(queue: Queue, ahead: Queue, redis: Redis) -> None:
    redis.flushdb()  # a Redis restarted without its data


@pytest.mark.parametrize(
    "between", [nothing, lost], ids=["then asked for by a learner", "then lost from Redis"]
)
async def test_a_line_the_relay_saw_with_a_job_is_sent_without_one(
    between: Setup, redis: Redis, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learner's line the relay enqueued ahead of time is moved without its job built (RQ's
    job for nothing); one that lost its job meanwhile gets it in a second call. Either way
    Redis ends as RQ's own enqueue leaves it."""
    jobs = lines("Raz.")
    queue = Queue("enqueue-test", connection=redis)
    ahead = Queue("enqueue-test-ahead", connection=redis)

    redis.flushdb()
    enqueue_speech_each(ahead, jobs, timeout=30, retry_intervals=RETRY, request_id="req-0")
    between(queue, ahead, redis)
    enqueue_speech_lines(
        queue, jobs, timeout=30, retry_intervals=RETRY, request_id="req-1", behind=ahead
    )
    by_rq = dump(redis)

    built: list[str] = []
    packed = SpeechEnqueuer._packed

    def counted(queue: Queue, function: str, options: dict[str, Any]) -> bytes:
        built.append(options["job_id"])
        return packed(queue, function, options)

    monkeypatch.setattr(SpeechEnqueuer, "_packed", staticmethod(counted))
    redis.flushdb()
    async_redis = AsyncRedis.from_url(redis_url)
    try:
        enqueuer = SpeechEnqueuer(async_redis, job_timeout=30, retry_intervals=RETRY)
        await enqueuer.send([SpeechGroup(jobs, "req-0", True)], queue, ahead)
        assert built == [jobs[0].audio_key]
        between(queue, ahead, redis)
        await enqueuer.send([SpeechGroup(jobs, "req-1", False)], queue, ahead)
    finally:
        await async_redis.aclose()
    assert dump(redis) == by_rq
    assert built == [jobs[0].audio_key] * (1 if between is nothing else 2)
