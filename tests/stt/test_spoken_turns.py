"""Turns by voice through ``POST /speech`` → worker → ``/chat input: speech``, with what is
heard scripted: the ``openai`` recognition driver against the local OpenAI fake, so each test
chooses the words and the recogniser's confidence. The local tutor and an LLM tutor alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from redis import Redis

from polish_tutor.settings import Settings
from polish_tutor.stt.drivers import RecognitionDriverProtocol, build_recognition_driver
from tests.fakes.openai_fake import FakeOpenAI
from tests.stt.test_speech_api import served, transcribe, upload
from tests.support.speech import fixture_clip
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"
FIRST_LINE = "Dzień dobry! Co podać?"


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: tests/stt/test_speech_api.py covers both databases."""
    return sqlite_url


@pytest.fixture
def heard_settings(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    settings.stt_queue = f"stt-{uuid.uuid4().hex[:8]}"
    settings.stt_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    return settings


@pytest.fixture
def recogniser(heard_settings: Settings) -> Iterator[RecognitionDriverProtocol]:
    driver = build_recognition_driver(heard_settings)
    yield driver
    driver.close()


async def spoken(
    client: httpx.AsyncClient,
    settings: Settings,
    driver: RecognitionDriverProtocol,
    fake: FakeOpenAI,
    session_id: str,
    heard: list[tuple[str, float]],
) -> dict[str, Any]:
    """Say something (the fake decides what was heard) and send it as the answer."""
    fake.then({"heard": heard})
    job = (await upload(client, fixture_clip(), session_id=session_id)).json()["speech_job_id"]
    await transcribe(settings, driver)
    status = (await client.get(f"/speech/{job}")).json()
    assert status["status"] == "finished", status
    turn = await client.post(
        "/chat",
        json={
            "message": status["transcript"],
            "session_id": session_id,
            "input": "speech",
            "speech_job_id": job,
        },
    )
    assert turn.status_code == 200, turn.text
    out: dict[str, Any] = turn.json()
    return out


async def test_the_local_tutor_hears_clearly_or_asks_again(
    heard_settings: Settings, recogniser: RecognitionDriverProtocol, fake_openai: FakeOpenAI
) -> None:
    async with served(heard_settings) as (client, _):
        opening = await client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": LESSON})
        session_id = opening.json()["session_id"]

        unsure = await spoken(
            client,
            heard_settings,
            recogniser,
            fake_openai,
            session_id,
            [("Poproszę", 0.92), ("kawa.", 0.31)],
        )
        assert fake_openai.requests[-1]["prompt"] == "Poproszę kawę."  # the line's answer
        assert unsure["feedback"]["issues"] == []  # not clear is not wrong: no rule
        heard = unsure["feedback"]["heard"]
        assert heard["say_again"] is True and heard["unclear"] == ["kawa"]
        assert [w["clear"] for w in heard["words"]] == [True, False]
        assert "did not hear every word clearly (kawa)" in unsure["text"]
        assert unsure["next_dialogue"] == FIRST_LINE

        clear = await spoken(
            client,
            heard_settings,
            recogniser,
            fake_openai,
            session_id,
            [("Poproszę", 0.92), ("kawa.", 0.88)],
        )
        [issue] = clear["feedback"]["issues"]  # heard clearly: the same feedback as typed
        assert (issue["type"], issue["expected"], issue["got"]) == ("inflection", "kawę", "kawa")
        assert clear["text"].startswith("Jeszcze nie.")
        assert clear["feedback"]["heard"]["say_again"] is False

        right = await spoken(
            client,
            heard_settings,
            recogniser,
            fake_openai,
            session_id,
            [("Poproszę", 0.95), ("kawę.", 0.9)],
        )
        assert right["feedback"]["verdict"] == "correct"
        assert right["next_dialogue"] != FIRST_LINE


async def test_an_llm_tutor_is_told_what_was_heard_and_explains_no_rule(
    heard_settings: Settings, recogniser: RecognitionDriverProtocol, fake_openai: FakeOpenAI
) -> None:
    heard_settings.agent_driver = "openai"
    heard_settings.openai_model = "tutor-model"
    heard_settings.openai_timeout = 5
    reply = {"text": "Słyszę: daj mi malina. Powiedz jeszcze raz?", "next_dialogue": None}
    async with served(heard_settings) as (client, _):
        fake_openai.then({"reply": {**reply, "corrections": []}})
        opening = await client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": LESSON})
        session_id = opening.json()["session_id"]
        fake_openai.then({"heard": [("Daj", 0.9), ("mi", 0.9), ("malina.", 0.9)]})
        job = (await upload(client, fixture_clip(), session_id=session_id)).json()
        await transcribe(heard_settings, recogniser)
        fake_openai.then({"reply": {**reply, "corrections": []}})
        turn = await client.post(
            "/chat",
            json={
                "message": "Daj mi malina.",
                "session_id": session_id,
                "input": "speech",
                "speech_job_id": job["speech_job_id"],
            },
        )
    out = turn.json()
    assert out["driver"] == "openai" and out["text"] == reply["text"]
    assert out["feedback"]["issues"] == [] and out["feedback"]["heard"]["say_again"] is True
    assert out["next_dialogue"] == FIRST_LINE
    system = fake_openai.requests[-1]["messages"][0]["content"]
    assert "the recogniser heard 'Daj mi malina.'" in system
    assert "explain no grammar" in system


async def test_a_recording_whose_job_vanished_is_transcribed_all_the_same(
    heard_settings: Settings, recogniser: RecognitionDriverProtocol, fake_openai: FakeOpenAI
) -> None:
    """Redis lost the queue (restarted without persistence, flushed): the row is still in the
    database, the relay's sweep sends it back to pending and it is enqueued again."""
    async with served(heard_settings) as (client, state):
        job = (await upload(client, fixture_clip())).json()["speech_job_id"]
        redis = Redis.from_url(str(heard_settings.redis_url))

        async def enqueued() -> bool:
            return bool(redis.exists(f"rq:job:stt-{job}"))

        await eventually(enqueued, 20, "the transcription job on its queue")
        redis.flushdb()  # the queue and the job are gone
        relay = state.transcriptions

        async def swept() -> bool:  # once the row says "enqueued" (just after the job is)
            return await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 1

        await eventually(swept, 20, "the sweep to find the lost job")
        await relay.relay_once(grace=timedelta(0))  # or the relay's own poll, whichever is first
        await eventually(enqueued, 20, "the transcription job on its queue again")
        await transcribe(heard_settings, recogniser)
        done = (await client.get(f"/speech/{job}")).json()
    assert done["status"] == "finished" and done["transcript"] == "Dzień dobry."
