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
