"""Starting a lesson synthesises its lines ahead of time; a later turn's audio is a cache hit."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.ai_agent.drivers.local import LocalDriver
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.sessions.test_hot_state import app_state
from tests.support.app import signed_in_app
from tests.support.db import outbox_statuses
from tests.support.statements import counting, kind_of
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"


def outbox(database_url: str) -> list[tuple[str, str, float, str | None]]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT text, status, speed, CAST(user_id AS VARCHAR) FROM tts_outbox")
            )
            return [(row[0], row[1], float(row[2]), row[3]) for row in rows]
    finally:
        engine.dispose()


async def test_starting_a_lesson_presynthesises_its_lines(settings: Any, burst_worker: Any) -> None:
    settings = settings.model_copy(update={"presynthesis": True})
    async with signed_in_app(settings) as client:
        await presynthesised_lesson(client, settings, burst_worker)


async def test_without_presynthesis_only_the_turn_asks_for_speech(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    started = await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
    assert started.status_code == 200
    assert len(outbox(settings.resolved_database_url)) == 1


async def presynthesised_lesson(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Any
) -> None:
    lesson = LessonCatalog.from_directory().get(LESSON)
    assert lesson is not None
    lines = set(LocalDriver().lesson_utterances(lesson.lesson, 1.0))
    assert len(lines) == 1 + 5 * 4  # the opening; per step: right, retry, hint, slower repeat
    url = settings.resolved_database_url

    started = await app_client.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
    assert started.status_code == 200, started.text
    session_id = started.json()["session_id"]

    async def all_requested_and_enqueued() -> bool:
        rows = outbox(url)
        return {(t, s) for t, _, s, _ in rows} >= lines and all(
            status != "pending" for _, status, _, _ in rows
        )

    await eventually(all_requested_and_enqueued, 20, "the lesson's lines in the outbox")
    rows = outbox(url)
    # The learner who started the lesson owns the requests (so /tts/status answers them).
    me = (await app_client.get("/auth/me")).json()["id"]
    assert {uuid.UUID(user) for *_, user in rows if user} == {uuid.UUID(me)}
    burst_worker()
    assert {status for _, status, _, _ in outbox(url)} == {"done"}

    # The right answer's reply (praise + next line) was made before it was needed.
    right = await app_client.post(
        "/chat", json={"message": "Poproszę kawę.", "session_id": session_id}
    )
    job = right.json()["audio_job_id"]
    status = (await app_client.get(f"/tts/status/{job}")).json()
    assert status["status"] == "finished" and status["audio_url"].startswith("/audio/")
    repeat = await app_client.post("/chat", json={"message": "powtórz", "session_id": session_id})
    slow = (await app_client.get(f"/tts/status/{repeat.json()['audio_job_id']}")).json()
    assert slow["status"] == "finished"

    # A second learner (or session) starting the lesson finds the audio ready: nothing to make.
    before = len(outbox(url))
    again = await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
    opening = (await app_client.get(f"/tts/status/{again.json()['audio_job_id']}")).json()
    assert opening["status"] == "finished"
    assert len(outbox(url)) == before + 1  # only the turn's own request


async def test_speech_made_ahead_waits_behind_speech_a_learner_waits_for(
    settings: Any, burst_worker: Any
) -> None:
    """Pre-synthesis goes to the "-ahead" queue, which workers serve last; a learner's turn
    that needs a line still waiting there moves its job to the front of the main queue."""
    from redis import Redis
    from rq import Queue

    settings = settings.model_copy(update={"presynthesis": True})
    redis = Redis.from_url(settings.redis_url)
    main, ahead = (
        Queue(name, connection=redis) for name in (settings.tts_queue, settings.tts_ahead_queue)
    )
    lesson = LessonCatalog.from_directory().get(LESSON)
    assert lesson is not None
    lines = LocalDriver().lesson_utterances(lesson.lesson, 1.0)
    async with signed_in_app(settings) as client:
        started = await client.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
        assert started.status_code == 200, started.text
        opening = started.json()["audio_job_id"]

        async def ahead_queued() -> bool:
            return len(ahead.get_job_ids()) == len(set(lines)) - 1

        await eventually(ahead_queued, 20, "the lesson's other lines on the -ahead queue")
        # The opening the learner is waiting for is the only job on the main queue.
        assert main.get_job_ids() == [opening]
        assert opening not in ahead.get_job_ids()

        # A right answer: its reply (praise + next line) is waiting on the -ahead queue...
        right = await client.post(
            "/chat",
            json={"message": "Poproszę kawę.", "session_id": started.json()["session_id"]},
        )
        reply = right.json()["audio_job_id"]

        async def moved_to_the_front() -> bool:
            return main.get_job_ids()[:1] == [reply]

        # ...and moves to the front of the main queue, out of the -ahead one.
        await eventually(moved_to_the_front, 10, "the reply's job to move to the main queue")
        assert reply not in ahead.get_job_ids()
        assert len(ahead.get_job_ids()) == len(set(lines)) - 2

        # Every row marked: a mark in flight holds SQLite's write lock, and the burst worker
        # below (in this thread) would block the loop that commits it.
        async def all_marked() -> bool:
            return "pending" not in outbox_statuses(settings.resolved_database_url)

        await eventually(all_marked, 10, "the relay to mark the rows it enqueued")
        burst_worker()  # serves both queues, the main one first
        assert not main.get_job_ids() and not ahead.get_job_ids()
        status = (await client.get(f"/tts/status/{reply}")).json()
        assert status["status"] == "finished"


def sql(database_url: str, statement: str, **values: Any) -> list[Any]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement), values)
            return list(result) if result.returns_rows else []
    finally:
        engine.dispose()


async def test_presynthesis_asks_only_for_the_lines_whose_audio_is_not_stored(
    settings: Any, burst_worker: Any
) -> None:
    """Stored audio is found by its mark in Redis or, marks lost, by its asset row: a lesson
    started again (in another process) asks only for the lines that are really missing."""
    from redis import Redis

    from polish_tutor.tts.cache_index import audio_mark

    settings = settings.model_copy(update={"presynthesis": True})
    url = settings.resolved_database_url
    lesson = LessonCatalog.from_directory().get(LESSON)
    assert lesson is not None
    lines = set(LocalDriver().lesson_utterances(lesson.lesson, 1.0))
    async with signed_in_app(settings) as first:
        started = await first.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
        opening = started.json()["audio_job_id"]

        async def all_enqueued() -> bool:
            rows = outbox(url)
            return len(rows) == len(lines) + 1 and all(r[1] != "pending" for r in rows)

        await eventually(all_enqueued, 20, "the lesson's lines enqueued")
    burst_worker()
    stored = {key for (key,) in sql(url, "SELECT key FROM audio_assets")}
    assert len(stored) == len(lines)

    # Redis forgets every mark (evicted, flushed); two lines lose their audio altogether.
    redis = Redis.from_url(settings.redis_url)
    try:
        redis.delete(*(audio_mark(key) for key in stored))
    finally:
        redis.close()
    lost = sorted(stored - {opening})[:2]
    sql(url, "DELETE FROM audio_assets WHERE key IN (:a, :b)", a=lost[0], b=lost[1])
    [(opening_text,)] = sql(
        url, "SELECT DISTINCT text FROM tts_outbox WHERE audio_key = :k", k=opening
    )
    lost_texts = {
        row[0]
        for row in sql(
            url, "SELECT text FROM tts_outbox WHERE audio_key IN (:a, :b)", a=lost[0], b=lost[1]
        )
    }

    async with signed_in_app(settings) as second:  # a fresh process: nothing prepared yet
        me = uuid.UUID((await second.get("/auth/me")).json()["id"])
        state = app_state(second)
        with counting(state.engine, state.read_engine, requests_only=False) as sql_sent:
            again = await second.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
            assert again.status_code == 200, again.text
            await state.presynthesis.wait()
        # However many lines the lesson has: one read of stored audio, and one insert of
        # requests beside the turn's own (on PostgreSQL part of the turn's one statement).
        statements = sql_sent.statements
        assert [kind_of(q) for q in statements if "audio_assets" in q] == ["read"], statements
        assert sum("INSERT INTO tts_outbox" in q for q in statements) == 2, statements

        def mine() -> list[str]:
            return [t for t, _, _, user in outbox(url) if user and uuid.UUID(user) == me]

        async def requested() -> bool:
            return len(mine()) >= 3

        await eventually(requested, 20, "the missing lines requested")
        await asyncio.sleep(0.2)  # nothing more follows
        # The turn's own opening (its mark is gone: it goes through the queue, where the
        # worker finds the stored file) and the two lines whose audio is gone.
        assert again.json()["audio_job_id"] == opening
        assert sorted(mine()) == sorted([opening_text, *lost_texts])


async def test_the_relay_enqueues_a_learner_s_speech_before_speech_made_ahead(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    """A lesson's lines handed over just before a learner's turn do not delay the turn's
    speech: each round enqueues every waiting turn's speech and only a few lines made ahead."""
    from redis import Redis
    from redis.asyncio import Redis as AsyncRedis
    from rq import Queue

    from polish_tutor.kit.db import create_engine as create_async_engine
    from polish_tutor.kit.db import create_sessionmaker
    from polish_tutor.tts.queue import SpeechJob
    from polish_tutor.tts.relay import AHEAD_CHUNK, OutboxRelay

    redis = Redis.from_url(settings.redis_url)
    main = Queue(settings.tts_queue, connection=redis)
    ahead = Queue(settings.tts_ahead_queue, connection=redis)
    engine = create_async_engine(settings.resolved_database_url)
    async_redis = AsyncRedis.from_url(settings.redis_url)

    def job(name: str) -> SpeechJob:
        return SpeechJob(f"relay-test-{name}", name, "pl", 1.0, "wav", "espeak")

    try:
        relay = OutboxRelay(
            create_sessionmaker(engine),
            lambda: main,
            redis=async_redis,
            ahead_queue=lambda: ahead,
            poll_interval=3600,
            job_timeout=30,
        )
        lesson = [job(f"line-{n:02d}") for n in range(3 * AHEAD_CHUNK)]
        relay.submit(lesson, ahead=True)
        relay.submit([job("reply-1")])
        assert await relay.relay_handoff() == 1 + AHEAD_CHUNK
        assert main.get_job_ids() == ["relay-test-reply-1"]
        assert ahead.get_job_ids() == [j.audio_key for j in lesson[:AHEAD_CHUNK]]

        # Turns keep coming: the lesson's lines still move on, a few every round.
        relay.submit([job("reply-2")])
        assert await relay.relay_handoff() == 1 + AHEAD_CHUNK
        for _ in range(len(lesson)):
            if not await relay.relay_handoff():
                break
        assert main.get_job_ids() == ["relay-test-reply-1", "relay-test-reply-2"]
        assert ahead.get_job_ids() == [j.audio_key for j in lesson]
    finally:
        await engine.dispose()
        redis.close()
        await async_redis.aclose()


async def test_the_poll_relays_rows_left_behind_to_their_own_queues_waiting_ones_first(
    settings: Any,
) -> None:
    """Rows no handoff relayed (a Redis outage, a restart, another process) keep their place:
    the poll sends speech a learner waits for to the main queue ahead of lesson lines made
    ahead of time, which go to the "-ahead" queue, however old those are. (No app runs: its
    relay's poll would race this one for the rows.)"""
    from datetime import timedelta

    from redis import Redis
    from redis.asyncio import Redis as AsyncRedis
    from rq import Queue

    from polish_tutor.kit.db import create_engine as create_async_engine
    from polish_tutor.kit.db import create_sessionmaker, utcnow
    from polish_tutor.tts.relay import OutboxRelay

    rows = [(f"poll-test-line-{n}", True) for n in range(3)]
    rows += [("poll-test-reply", False), ("poll-test-line-3", True), ("poll-test-word", False)]
    for key, ahead in rows:
        sql(
            settings.resolved_database_url,
            "INSERT INTO tts_outbox (audio_key, text, voice, speed, format, driver, status,"
            " attempts, created_at, ahead) VALUES (:key, :text, 'pl', 1.0, 'wav', 'espeak',"
            " 'pending', 0, :created_at, :ahead)",
            key=key,
            text=key,
            created_at=utcnow() - timedelta(minutes=1),
            ahead=ahead,
        )
    redis = Redis.from_url(settings.redis_url)
    main = Queue(settings.tts_queue, connection=redis)
    ahead_queue = Queue(settings.tts_ahead_queue, connection=redis)
    engine = create_async_engine(settings.resolved_database_url)
    async_redis = AsyncRedis.from_url(settings.redis_url)
    try:
        sessionmaker = create_sessionmaker(engine)
        relay = OutboxRelay(
            sessionmaker,
            lambda: main,
            redis=async_redis,
            ahead_queue=lambda: ahead_queue,
            poll_interval=3600,
            job_timeout=30,
            read_sessionmaker=create_sessionmaker(engine, read_only=True),
        )
        assert await relay.relay_once() == 6
        # The two a learner waits for go out together: one job of lines, in their order.
        (job,) = main.get_jobs()
        assert [line["audio_key"] for line in job.kwargs["lines"]] == [
            "poll-test-reply",
            "poll-test-word",
        ]
        assert ahead_queue.get_job_ids() == [f"poll-test-line-{n}" for n in range(4)]
    finally:
        await engine.dispose()
        redis.close()
        await async_redis.aclose()
    statuses = sql(settings.resolved_database_url, "SELECT DISTINCT status FROM tts_outbox")
    assert [row[0] for row in statuses] == ["enqueued"]
