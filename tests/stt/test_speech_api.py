"""POST /speech → the transcription job in a real RQ worker with the real model → what was
heard, told to its owner only; bad recordings get clear errors; a turn by voice.

The model loads once for the module (``whisper``); each test runs a burst ``SimpleWorker``
with it, as ``polish-tutor worker --stt`` does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from redis import Redis
from rq import Queue

from polish_tutor.settings import Settings
from polish_tutor.stt.drivers import RecognitionDriverProtocol, build_recognition_driver
from tests.support.app import run_transcription_worker
from tests.support.auth import sign_up
from tests.support.db import outbox_statuses
from tests.support.speech import encode, espeak_clip, fixture_clip, item_of, silence, tone
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"
FIRST_LINE = "Dzień dobry! Co podać?"
SECOND_LINE = "Z mlekiem czy bez?"


@pytest.fixture(scope="module")
def whisper() -> Iterator[RecognitionDriverProtocol]:
    driver = build_recognition_driver(Settings(stt_driver="whisper"))
    getattr(driver, "prewarm")()  # noqa: B009 - the whisper driver's, not the protocol's
    yield driver
    driver.close()


@pytest.fixture
def stt_settings(settings: Settings) -> Settings:
    settings.stt_queue = f"stt-{uuid.uuid4().hex[:8]}"
    return settings


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, Any]]:
    from polish_tutor.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            yield client, app.state.tutor


async def upload(
    client: httpx.AsyncClient,
    data: bytes,
    content_type: str = "audio/wav",
    **fields: str,
) -> httpx.Response:
    return await client.post(
        "/speech", files={"audio": ("speech.wav", data, content_type)}, data=fields
    )


async def transcribe(settings: Settings, driver: RecognitionDriverProtocol) -> None:
    """Wait for the relay to enqueue (and to have marked the rows enqueued: the worker then
    runs in this thread, and the relay's write left open meanwhile would lock SQLite), then
    run a worker until the queue is empty."""
    queue = Queue(settings.stt_queue, connection=Redis.from_url(str(settings.redis_url)))

    async def enqueued() -> bool:
        marked = "pending" not in outbox_statuses(settings.resolved_database_url, "stt_requests")
        return queue.count > 0 and marked

    await eventually(enqueued, 20, "the transcription job on its queue")
    run_transcription_worker(settings, driver)  # signal handlers: the main thread


async def listening_item(
    client: httpx.AsyncClient, settings: Settings, lesson: str, step: int
) -> dict[str, Any]:
    """A listening item of ``lesson``'s line ``step`` (items are drawn at random), once the
    speech requested for every item drawn is on its queue: the transcription worker then
    runs in this thread, and a relay's write left open meanwhile would lock SQLite."""
    for _ in range(60):
        response = await client.post("/drills/listening", json={})
        assert response.status_code == 200, response.text
        if item_of(response.json()["token"]) == [lesson, str(step)]:
            break
    else:
        raise AssertionError(f"no listening item of {lesson} line {step} in 60 draws")

    async def relayed() -> bool:
        return "pending" not in outbox_statuses(settings.resolved_database_url)

    await eventually(relayed, 20, "the items' speech requests on their queue")
    return dict(response.json())


async def stored_expected(state: Any, speech_job_id: str) -> str | None:
    from sqlalchemy import select

    from polish_tutor.stt.models import SpeechRecognition

    async with state.sessionmaker() as session:
        found: str | None = await session.scalar(
            select(SpeechRecognition.expected).where(
                SpeechRecognition.id == uuid.UUID(speech_job_id)
            )
        )
    return found


async def stored_audio(state: Any, speech_job_id: str) -> tuple[bytes | None, Any]:
    from sqlalchemy import select

    from polish_tutor.stt.models import SpeechRecognition

    async with state.sessionmaker() as session:
        row = (
            await session.execute(
                select(SpeechRecognition.audio, SpeechRecognition.audio_deleted_at).where(
                    SpeechRecognition.id == uuid.UUID(speech_job_id)
                )
            )
        ).one()
    return row.audio, row.audio_deleted_at


async def test_a_recording_is_heard_and_told_to_its_owner_only(
    stt_settings: Settings, whisper: RecognitionDriverProtocol
) -> None:
    async with served(stt_settings) as (client, state):
        accepted = await upload(client, fixture_clip(), expected="Daj mi malinę.")
        assert accepted.status_code == 202, accepted.text
        job = accepted.json()["speech_job_id"]
        assert accepted.json()["status"] == "queued"
        assert (await client.get(f"/speech/{job}")).json()["status"] in ("queued", "started")

        other = httpx.AsyncClient(transport=client._transport, base_url="http://tutor")
        async with other:
            other.headers.update((await sign_up(other))["headers"])
            hidden = await other.get(f"/speech/{job}")
            assert hidden.status_code == 404
            assert hidden.json()["error"]["code"] == "speech_job_not_found"

        events = Redis.from_url(str(stt_settings.redis_url)).pubsub()
        me = (await client.get("/auth/me")).json()["id"]
        events.subscribe(f"tutor:events:user:{me}")
        await transcribe(stt_settings, whisper)

        done = (await client.get(f"/speech/{job}")).json()
        assert done["status"] == "finished", done
        assert done["expected"] == "Daj mi malinę."
        assert done["transcript"].casefold().startswith("daj mi"), done
        assert [w["word"].casefold().strip(".,") for w in done["words"]][:2] == ["daj", "mi"]
        assert all(0 <= w["probability"] <= 1 for w in done["words"])
        # The recording is deleted once transcribed (TUTOR_STT_KEEP_AUDIO=0).
        audio, deleted_at = await stored_audio(state, job)
        assert audio is None and deleted_at is not None

        told = None
        for _ in range(50):
            message = events.get_message(timeout=0.2)
            if message and message["type"] == "message":
                told = json.loads(message["data"])
                break
        events.close()
        assert told is not None and told["event"] == "transcript_ready"
        assert told["speech_job_id"] == job and told["transcript"] == done["transcript"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("container", ["webm", "ogg", "mp4"])
@pytest.mark.slow  # more transcriptions; fast: a recording heard
async def test_what_browsers_record_is_read(
    stt_settings: Settings, whisper: RecognitionDriverProtocol, container: str
) -> None:
    recording = encode(fixture_clip(), container)
    async with served(stt_settings) as (client, _):
        accepted = await upload(client, recording, f"audio/{container};codecs=opus")
        assert accepted.status_code == 202, accepted.text
        await transcribe(stt_settings, whisper)
        done = (await client.get(f"/speech/{accepted.json()['speech_job_id']}")).json()
    assert done["status"] == "finished" and "mi" in done["transcript"].casefold(), done


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.slow  # more transcriptions; fast: a recording heard
async def test_silence_is_heard_as_nothing(
    stt_settings: Settings, whisper: RecognitionDriverProtocol
) -> None:
    async with served(stt_settings) as (client, _):
        accepted = await upload(client, silence(2.0), expected="Poproszę kawę.")
        await transcribe(stt_settings, whisper)
        done = (await client.get(f"/speech/{accepted.json()['speech_job_id']}")).json()
    assert done["status"] == "finished"
    assert done["transcript"] == "" and done["words"] == []  # nothing invented


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_bad_recordings_get_clear_errors(stt_settings: Settings) -> None:
    stt_settings.stt_max_bytes = 200_000
    async with served(stt_settings) as (client, _):
        cases = [
            (await upload(client, b""), 422, "empty_audio"),
            (await upload(client, b"this is not audio at all" * 10), 422, "not_audio"),
            (await upload(client, fixture_clip(), "text/plain"), 422, "unsupported_audio_type"),
            (await upload(client, tone(16.0, rate=4000)), 413, "audio_too_long"),
            (await upload(client, tone(7.0)), 413, "payload_too_large"),  # 224 kB, limit 200 kB
            (await upload(client, b"\0" * 400_000, "audio/webm"), 413, "payload_too_large"),
            (await upload(client, fixture_clip(), expected="Daj\x00 mi"), 422, "invalid_input"),
            (await client.post("/speech", data={"expected": "Daj mi"}), 422, None),
            (await upload(client, fixture_clip(), session_id=str(uuid.uuid4())), 404, None),
            (await client.get(f"/speech/{uuid.uuid4()}"), 404, "speech_job_not_found"),
            (await client.get("/speech/not-a-job"), 422, None),
        ]
        for response, status, code in cases:
            assert response.status_code == status, (status, code, response.text)
            error = response.json()["error"]
            assert error["message"]
            if code is not None:
                assert error["code"] == code, response.text
        anonymous = await client.post(
            "/speech",
            files={"audio": ("a.wav", fixture_clip(), "audio/wav")},
            headers={"Authorization": ""},
        )
        assert anonymous.status_code == 401


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.slow  # more transcriptions; fast: a recording heard
async def test_a_recording_kept_for_a_while_is_deleted_after_it(
    stt_settings: Settings, whisper: RecognitionDriverProtocol
) -> None:
    from polish_tutor.stt.relay import TranscriptionRelay

    stt_settings.stt_keep_audio = 3600
    async with served(stt_settings) as (client, state):
        accepted = await upload(client, fixture_clip())
        job = accepted.json()["speech_job_id"]
        await transcribe(stt_settings, whisper)
        audio, _ = await stored_audio(state, job)
        assert audio == fixture_clip()  # kept, as the setting says
        sooner = TranscriptionRelay(
            state.sessionmaker, lambda: None, poll_interval=1, job_timeout=5, keep_audio=0
        )
        assert await sooner.delete_old_recordings() == 1
        audio, deleted_at = await stored_audio(state, job)
        assert audio is None and deleted_at is not None
        assert (await client.get(f"/speech/{job}")).json()["status"] == "finished"


@pytest.mark.slow  # more transcriptions; fast: a recording heard
async def test_a_turn_by_voice(stt_settings: Settings, whisper: RecognitionDriverProtocol) -> None:
    async with served(stt_settings) as (client, _):
        opening = await client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": LESSON})
        session_id = opening.json()["session_id"]
        assert opening.json()["next_dialogue"] == FIRST_LINE

        # Another sentence than the line's answer: the tutor says what it heard, no rule.
        other = await upload(client, fixture_clip(), session_id=session_id)
        await transcribe(stt_settings, whisper)
        heard = (await client.get(f"/speech/{other.json()['speech_job_id']}")).json()
        assert heard["expected"] == "Poproszę kawę."  # the step's answer was the prompt
        turn = await client.post(
            "/chat",
            json={
                "message": heard["transcript"],
                "session_id": session_id,
                "input": "speech",
                "speech_job_id": heard["speech_job_id"],
            },
        )
        assert turn.status_code == 200, turn.text
        out = turn.json()
        assert out["text"].startswith("I heard: „"), out["text"]
        assert heard["transcript"] in out["text"]
        assert out["feedback"]["verdict"] == "incorrect"
        assert out["feedback"]["issues"] == []  # no grammar lecture
        assert out["feedback"]["heard"]["say_again"] is True
        assert out["feedback"]["heard"]["transcript"] == heard["transcript"]
        assert out["next_dialogue"] == FIRST_LINE

        # The right answer, said (by eSpeak): correct, and the lesson moves on.
        right = await upload(client, espeak_clip("Poproszę kawę."), session_id=session_id)
        await transcribe(stt_settings, whisper)
        said = (await client.get(f"/speech/{right.json()['speech_job_id']}")).json()
        turn = await client.post(
            "/chat",
            json={
                "message": said["transcript"],
                "session_id": session_id,
                "input": "speech",
                "speech_job_id": said["speech_job_id"],
            },
        )
        out = turn.json()
        assert out["feedback"]["verdict"] == "correct", out
        assert out["feedback"]["heard"]["transcript"] == said["transcript"]
        assert out["next_dialogue"] == SECOND_LINE

        # A spoken turn names a finished job of this learner's.
        missing = await client.post(
            "/chat", json={"message": "tak", "session_id": session_id, "input": "speech"}
        )
        assert missing.status_code == 422
        unknown = await client.post(
            "/chat",
            json={
                "message": "tak",
                "session_id": session_id,
                "input": "speech",
                "speech_job_id": str(uuid.uuid4()),
            },
        )
        assert unknown.status_code == 404
        waiting = await upload(client, fixture_clip())
        early = await client.post(
            "/chat",
            json={
                "message": "tak",
                "session_id": session_id,
                "input": "speech",
                "speech_job_id": waiting.json()["speech_job_id"],
            },
        )
        assert early.status_code == 409
        assert early.json()["error"]["code"] == "speech_not_ready"


async def test_a_listening_item_answered_by_voice(
    stt_settings: Settings, whisper: RecognitionDriverProtocol
) -> None:
    async with served(stt_settings) as (client, state):
        opening = await client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": LESSON})
        assert opening.status_code == 200, opening.text  # the café lesson's lines are heard
        item = await listening_item(client, stt_settings, LESSON, 0)

        # The item's sentence is the recogniser's prompt, found from the signed token; the
        # page is never told it before the answer.
        accepted = await upload(
            client, espeak_clip("Poproszę kawę."), listening_token=item["token"]
        )
        assert accepted.status_code == 202, accepted.text
        job = accepted.json()["speech_job_id"]
        assert await stored_expected(state, job) == "Poproszę kawę."
        assert (await client.get(f"/speech/{job}")).json()["expected"] is None
        await transcribe(stt_settings, whisper)
        heard = (await client.get(f"/speech/{job}")).json()
        assert heard["status"] == "finished" and heard["expected"] is None, heard
        assert heard["transcript"].strip().casefold().startswith("poproszę kaw"), heard

        # What was heard is the answer: the same call as a typed one, read as heard by voice.
        judged = await client.post(
            "/drills/listening/answer",
            json={
                "token": item["token"],
                "answer": heard["transcript"],
                "input": "speech",
                "words": heard["words"],
            },
        )
        assert judged.status_code == 200, judged.text
        out = judged.json()
        assert out["verdict"] == "correct" and out["expected"] == "Poproszę kawę.", out
        assert out["heard"]["transcript"] == heard["transcript"].strip()
        assert out["heard"]["say_again"] is False
        assert [w["word"] for w in out["heard"]["words"]] == ["Poproszę", "kawę"]

        # A lesson's prompt is still told back: only a listening item's is kept secret.
        lesson_line = await upload(client, fixture_clip(), session_id=opening.json()["session_id"])
        told = (await client.get(f"/speech/{lesson_line.json()['speech_job_id']}")).json()
        assert told["expected"] == "Poproszę kawę."


async def test_a_damaged_listening_token_is_refused(stt_settings: Settings) -> None:
    async with served(stt_settings) as (client, state):
        item = (await client.post("/drills/listening", json={})).json()
        drill = (await client.get("/drills", params={"count": 1})).json()["drills"][0]
        body, mac = item["token"].split(".")
        cases = [
            (f"{body}.{mac[:-2]}xx", "bad_token"),  # the signature changed
            (f"{body[:-4]}AAAA.{mac}", "bad_token"),  # what it names changed
            (f"{body}.żółw", "bad_token"),
            ("nonsense", "bad_token"),
            (drill["token"], "bad_token"),  # a drill's token is not a listening item's
            ("x" * 401, "invalid_input"),
            ("tab\there", "invalid_input"),
        ]
        for token, code in cases:
            response = await upload(client, fixture_clip(), listening_token=token)
            assert response.status_code == 422, (token, response.text)
            error = response.json()["error"]
            assert error["code"] == code and error["message"], response.text
        both = await upload(
            client, fixture_clip(), listening_token=item["token"], expected="Poproszę kawę."
        )
        assert both.status_code == 422, both.text
        assert "listening_token" in both.json()["error"]["message"]
        from sqlalchemy import func, select

        from polish_tutor.stt.models import SpeechRecognition

        me = uuid.UUID((await client.get("/auth/me")).json()["id"])
        async with state.sessionmaker() as session:
            stored = await session.scalar(
                select(func.count()).where(SpeechRecognition.user_id == me)
            )
        assert stored == 0  # nothing refused was kept


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_recordings_are_rate_limited_per_learner(stt_settings: Settings) -> None:
    stt_settings.stt_per_user = 2
    async with served(stt_settings) as (client, _):
        statuses = [(await upload(client, fixture_clip())).status_code for _ in range(3)]
        limited = await upload(client, fixture_clip())
    assert statuses == [202, 202, 429]
    assert limited.status_code == 429 and "retry-after" in limited.headers
