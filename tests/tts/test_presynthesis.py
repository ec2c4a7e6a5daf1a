"""Starting a lesson synthesises its lines ahead of time; a later turn's audio is a cache hit."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.ai_agent.drivers.local import LocalDriver
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.support.app import signed_in_app
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

        burst_worker()  # serves both queues, the main one first
        assert not main.get_job_ids() and not ahead.get_job_ids()
        status = (await client.get(f"/tts/status/{reply}")).json()
        assert status["status"] == "finished"
