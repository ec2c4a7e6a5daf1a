"""``POST /chat/stream`` with the OpenAI-compatible driver (the fake server of tests/fakes
streaming its reply) and with the local tutor, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr
from redis import Redis
from rq import Queue
from rq.job import Job
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.chat.schemas import ChatOut
from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.fakes.fixtures import fake_openai, openai_server  # noqa: F401 - fixtures
from tests.fakes.openai_fake import FakeOpenAI
from tests.support.app import signed_in_app
from tests.support.auth import sign_up
from tests.support.db import row_counts
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"
REPLY = {
    "text": "Dzień dobry! Jak się masz? Napisz coś o sobie",
    "next_dialogue": None,
    "corrections": [],
}
SENTENCES = ["Dzień dobry!", "Jak się masz?", "Napisz coś o sobie"]


@pytest.fixture
def openai_settings(settings: Any, fake_openai: FakeOpenAI) -> Any:  # noqa: F811
    settings.agent_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    settings.openai_model = "tutor-model"
    settings.openai_timeout = 20
    settings.provider_backoff = 0.01
    settings.provider_max_backoff = 2
    fake_openai.token_chars = 3  # a few characters a chunk, as a model's tokens come
    return settings


def sse_events(body: str) -> list[tuple[str, Any]]:
    """The stream's events in order, as (name, JSON data); pings (comments) left out."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                data.append(line.split(":", 1)[1].removeprefix(" "))
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


# What /chat answers with a stream: the same events as /chat/stream.
ASK_FOR_A_STREAM = {"Accept": "text/event-stream"}


async def stream_turn(
    client: httpx.AsyncClient,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
    path: str = "/chat/stream",
) -> list[tuple[str, Any]]:
    if path == "/chat":
        headers = {**(headers or {}), **ASK_FOR_A_STREAM}
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return sse_events(response.text)


def streamed_text(events: list[tuple[str, Any]]) -> str:
    return "".join(data["delta"] for name, data in events if name == "text")


def the_turn(events: list[tuple[str, Any]]) -> dict[str, Any]:
    [turn] = [data for name, data in events if name == "turn"]
    assert events[-1] == ("turn", turn)
    ChatOut.model_validate(turn)  # the /chat response, field for field
    return turn


def outbox(database_url: str) -> list[dict[str, Any]]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT audio_key, text, status, turn_id FROM tts_outbox ORDER BY id")
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


async def test_a_streamed_reply_equals_the_whole_reply(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    fake_openai.then({"reply": REPLY}, {"reply": REPLY})
    async with signed_in_app(openai_settings) as client:
        key = {"Idempotency-Key": "streamed-1"}
        events = await stream_turn(client, {"message": "Dzień dobry"}, key)
        whole = (await client.post("/chat", json={"message": "Dzień dobry"})).json()
        streamed = the_turn(events)
        transcript = (await client.get(f"/sessions/{streamed['session_id']}")).json()
        # The same key again: the stored turn, its speech sentence by sentence.
        replayed = await client.post("/chat", json={"message": "Dzień dobry"}, headers=key)
        again = the_turn(await stream_turn(client, {"message": "Dzień dobry"}, key))
    assert replayed.json() == streamed == again

    # The words came in pieces, before the turn, and make up its text.
    assert sum(1 for name, _ in events if name == "text") > 5
    assert streamed_text(events) == streamed["text"] == whole["text"] == REPLY["text"]
    assert fake_openai.requests[0]["stream"] is True and "stream" not in fake_openai.requests[1]
    same = ("text", "next_dialogue", "feedback", "prompt", "driver", "degraded", "lesson")
    assert {k: streamed[k] for k in same} == {k: whole[k] for k in same}
    assert streamed["driver"] == "openai" and streamed["degraded"] is False

    # Speech sentence by sentence, each asked for once: by the stream, then kept by the turn.
    audio = [data for name, data in events if name == "audio"]
    assert [a["index"] for a in audio] == [0, 1, 2]
    assert streamed["audio_parts"] == [a["audio_job_id"] for a in audio]
    assert streamed["audio_job_id"] == streamed["audio_parts"][0]
    assert whole["audio_parts"] is None
    rows = outbox(openai_settings.resolved_database_url)
    assert [row["text"] for row in rows] == [*SENTENCES, REPLY["text"]]
    assert [row["audio_key"] for row in rows[:3]] == streamed["audio_parts"]
    assert {uuid.UUID(str(row["turn_id"])) for row in rows[:3]} == {uuid.UUID(streamed["turn_id"])}

    # Stored once, as the turn the stream ended with.
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 4
    [learner, tutor] = transcript["turns"]
    assert learner["text"] == "Dzień dobry"
    assert (tutor["id"], tutor["text"]) == (streamed["turn_id"], streamed["text"])
    assert tutor["audio_job_id"] == streamed["audio_job_id"]
    assert tutor["audio_parts"] == streamed["audio_parts"]


async def test_a_lesson_turn_streamed_is_judged_as_the_whole_one(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The engine's feedback, the next line and the progress are the final result's, as in
    /chat; the next line is spoken after the reply's sentences."""
    opening = {"text": "Zaczynamy lekcję. Odpowiedz kelnerowi.", "next_dialogue": None}
    wrong = {"text": "Prawie dobrze. Powiedz: kawę.", "next_dialogue": None}
    fake_openai.then(
        *({"reply": {**step, "corrections": []}} for step in (opening, wrong, opening, wrong))
    )
    async with signed_in_app(openai_settings) as client:
        first = the_turn(await stream_turn(client, {"message": "start", "lesson_id": LESSON}))
        body = {"message": "Poproszę kawa", "session_id": first["session_id"]}
        events = await stream_turn(client, body)
        streamed = the_turn(events)
        start = await client.post("/chat", json={"message": "start", "lesson_id": LESSON})
        body["session_id"] = start.json()["session_id"]
        whole = (await client.post("/chat", json=body)).json()

    assert streamed_text(events) == wrong["text"]
    assert streamed["feedback"]["verdict"] == "incorrect"
    [issue] = streamed["feedback"]["issues"]
    assert (issue["expected"], issue["got"]) == ("kawę", "kawa")
    same = ("text", "next_dialogue", "feedback", "lesson")
    assert {k: streamed[k] for k in same} == {k: whole[k] for k in same}
    # "Prawie dobrze.", "Powiedz: kawę." and the lesson's line, each a job.
    assert len(streamed["audio_parts"]) == 3
    audio = [data["audio_job_id"] for name, data in events if name == "audio"]
    assert streamed["audio_parts"][:2] == audio
    texts = {row["audio_key"]: row["text"] for row in outbox(openai_settings.resolved_database_url)}
    assert texts[streamed["audio_parts"][2]] == streamed["next_dialogue"]


async def test_the_first_sentence_is_spoken_before_the_model_has_finished(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The model is held after its first sentence until the test has seen that sentence's
    speech job in the queue: the reply can only finish if the job came first."""
    fake_openai.then({"reply": REPLY, "hold_after": "Jak"})
    async with signed_in_app(openai_settings) as client:
        turn = asyncio.create_task(stream_turn(client, {"message": "Dzień dobry"}))
        redis = Redis.from_url(openai_settings.redis_url)
        queue = Queue(openai_settings.tts_queue, connection=redis)
        rows: list[dict[str, Any]] = []

        async def first_sentence_queued() -> bool:
            rows[:] = outbox(openai_settings.resolved_database_url)
            return bool(rows) and rows[0]["audio_key"] in queue.get_job_ids()

        try:
            await eventually(first_sentence_queued, 15, "the first sentence's speech job")
        finally:
            redis.close()
        assert [row["text"] for row in rows] == [SENTENCES[0]]
        assert not turn.done()
        fake_openai.release()
        events = await turn
    assert fake_openai.released_by_test is True
    streamed = the_turn(events)
    assert streamed["audio_parts"][0] == rows[0]["audio_key"]
    assert streamed_text(events) == REPLY["text"]


async def test_a_reply_broken_off_mid_stream_is_an_error_event_and_stores_nothing(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    fake_openai.then({"reply": REPLY, "break_after": "Jak się"})
    labels = {"code": "reply_interrupted", "status": "503"}
    before = REGISTRY.get_sample_value("tutor_chat_stream_errors_total", labels) or 0.0
    async with signed_in_app(openai_settings) as client:
        events = await stream_turn(client, {"message": "Dzień dobry"})
        sessions = (await client.get("/sessions")).json()
    names = [name for name, _ in events]
    assert names[0] == "text" and names[-1] == "error" and "turn" not in names
    # the response was a 200: the error is counted for the server-errors alert
    assert REGISTRY.get_sample_value("tutor_chat_stream_errors_total", labels) == before + 1
    assert REPLY["text"].startswith(streamed_text(events))
    error = events[-1][1]["error"]
    assert error["code"] == "reply_interrupted" and error["status"] == 503
    assert "nothing was saved" in error["message"]
    assert len(fake_openai.requests) == 1  # not retried: the words were shown
    counts = row_counts(openai_settings.resolved_database_url)
    assert counts["agent_turns"] == 0 and counts["agent_sessions"] == 0
    assert sessions == []


async def break_off_after_the_first_sentence(
    client: httpx.AsyncClient,
    settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> tuple[list[tuple[str, Any]], str, Queue]:
    """A streamed turn whose reply breaks off after its first sentence, once that sentence's
    speech job waits in the queue; returns the events, that job's id and the queue."""
    fake_openai.then({"reply": REPLY, "hold_after": "Jak", "break_after": "Jak się"})
    turn = asyncio.create_task(stream_turn(client, {"message": "Dzień dobry"}))
    queue = Queue(settings.tts_queue, connection=Redis.from_url(settings.redis_url))
    keys: list[str] = []

    async def first_sentence_queued() -> bool:
        rows = [row for row in outbox(settings.resolved_database_url) if row["turn_id"]]
        keys[:] = [row["audio_key"] for row in rows]
        return bool(keys) and keys[0] in queue.get_job_ids()

    await eventually(first_sentence_queued, 15, "the first sentence's speech job")
    fake_openai.release()
    events = await turn
    assert [data["audio_job_id"] for name, data in events if name == "audio"] == keys
    return events, keys[0], queue


async def test_a_reply_broken_off_withdraws_the_speech_its_sentences_asked_for(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The first sentence's speech was asked for (and queued) before the reply broke off: no
    turn, so no request and no job is left for it."""
    async with signed_in_app(openai_settings) as client:
        events, key, queue = await break_off_after_the_first_sentence(
            client, openai_settings, fake_openai
        )
        status = await client.get(f"/tts/status/{key}")
    try:
        assert events[-1][0] == "error"
        assert outbox(openai_settings.resolved_database_url) == []
        assert key not in queue.get_job_ids()
        assert Job.exists(key, connection=queue.connection) is False
    finally:
        queue.connection.close()
    assert status.status_code == 404
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 0


async def test_a_withdrawn_sentence_another_request_waits_for_keeps_its_job(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The same words asked for by POST /tts before: that request, and the job it waits
    for, stay; only the stream's request goes."""
    async with signed_in_app(openai_settings) as client:
        asked = await client.post("/tts", json={"text": SENTENCES[0]})
        assert asked.status_code == 202
        events, key, queue = await break_off_after_the_first_sentence(
            client, openai_settings, fake_openai
        )
        status = (await client.get(f"/tts/status/{key}")).json()
    try:
        assert key == asked.json()["audio_job_id"]
        rows = outbox(openai_settings.resolved_database_url)
        assert [(row["audio_key"], row["turn_id"]) for row in rows] == [(key, None)]
        assert key in queue.get_job_ids()
    finally:
        queue.connection.close()
    assert status["status"] == "queued"


def well_formed_error(
    events: list[tuple[str, Any]], code: str, status: int, learner_text: str
) -> dict[str, Any]:
    """The stream's last event is its one error event, in SPEC §3's error body (plus the
    status /chat would have answered), telling neither the learner's words nor the key."""
    assert [name for name, _ in events].count("error") == 1 and events[-1][0] == "error"
    body = events[-1][1]
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"code", "message", "status", "retry_after"}
    assert (error["code"], error["status"]) == (code, status)
    assert error["message"].endswith(".") and len(error["message"]) > 20
    assert learner_text not in json.dumps(body, ensure_ascii=False)
    assert "sk-test-key" not in json.dumps(body)
    return error


async def test_a_turn_that_fails_as_it_is_stored_ends_with_an_error_and_no_speech(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A failure after the whole reply was shown (a bug: an exception that names the
    learner's words and the key): a 500 error event that names neither, in the log neither;
    every sentence's speech withdrawn."""
    message = "Mam na imię Zofia"

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"could not store {message!r} (key sk-test-key)")

    monkeypatch.setattr("polish_tutor.chat.service.ChatService._store", broken)
    fake_openai.then({"reply": REPLY})
    async with signed_in_app(openai_settings) as client:
        events = await stream_turn(client, {"message": message})
    assert streamed_text(events) == REPLY["text"]
    assert len([name for name, _ in events if name == "audio"]) == 3
    error = well_formed_error(events, "internal_error", 500, message)
    assert "nothing was saved" in error["message"] and "retry_after" not in error
    assert message not in caplog.text and "sk-test-key" not in caplog.text
    assert outbox(openai_settings.resolved_database_url) == []
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 0


async def test_errors_in_the_stream_have_the_error_body_and_retry_after(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """A reply broken off (503) and a learner past the rate limit (429): the status /chat
    would have answered, its Retry-After as retry_after."""
    openai_settings.chat_per_user = 1
    fake_openai.then({"reply": REPLY, "break_after": "Jak się"})
    message = "Dzień dobry, tu Zofia"
    async with signed_in_app(openai_settings) as client:
        broken = await stream_turn(client, {"message": message})
        limited = await stream_turn(client, {"message": message})
    error = well_formed_error(broken, "reply_interrupted", 503, message)
    assert error["retry_after"].isdigit()
    error = well_formed_error(limited, "too_many_requests", 429, message)
    assert [name for name, _ in limited] == ["error"]
    assert int(error["retry_after"]) > 0


async def test_a_provider_down_before_any_word_falls_back_to_the_local_tutor(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    openai_settings.provider_max_retries = 0
    fake_openai.then({"status": 500})
    async with signed_in_app(openai_settings) as client:
        events = await stream_turn(client, {"message": "start", "lesson_id": LESSON})
    turn = the_turn(events)
    assert turn["degraded"] is True and turn["driver"] == "local"
    # The local tutor's whole reply as one piece, spoken in one job as by /chat.
    assert [name for name, _ in events] == ["turn"]
    assert turn["audio_parts"] is None and len(turn["audio_job_id"]) == 40


async def test_the_local_tutor_streams_its_whole_reply_at_once(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    body = {"message": "start", "lesson_id": LESSON}
    events = await stream_turn(app_client, body)
    turn = the_turn(events)
    assert [name for name, _ in events] == ["turn"]
    assert turn["next_dialogue"] == "Dzień dobry! Co podać?" and turn["audio_parts"] is None
    refused = await app_client.post("/chat/stream", json={**body, "lesson_id": "no-such-lesson"})
    assert [name for name, _ in sse_events(refused.text)] == ["error"]
    assert sse_events(refused.text)[0][1]["error"]["code"] == "lesson_not_found"
    empty = await app_client.post("/chat/stream", json={"message": "   "})
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_message"
    assert row_counts(settings.resolved_database_url)["agent_turns"] == 2


async def test_a_streamed_reply_that_needs_repair_ends_with_the_repaired_turn(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """Malformed JSON streamed (no text field to show), then the repair request (not
    streamed): the turn is the repaired reply, spoken in one job as by /chat."""
    fake_openai.then({"content": "Dzień dobry! (not JSON)"}, {"reply": REPLY})
    async with signed_in_app(openai_settings) as client:
        events = await stream_turn(client, {"message": "Dzień dobry"})
    turn = the_turn(events)
    assert [name for name, _ in events] == ["turn"]
    assert turn["text"] == REPLY["text"] and turn["degraded"] is False
    assert fake_openai.requests[0]["stream"] is True and "stream" not in fake_openai.requests[1]
    assert turn["audio_parts"] is None
    assert [row["text"] for row in outbox(openai_settings.resolved_database_url)] == [REPLY["text"]]


async def test_the_openapi_schema_describes_the_stream_and_its_errors(
    app_client: httpx.AsyncClient,
) -> None:
    operation = (await app_client.get("/openapi.json")).json()["paths"]["/chat/stream"]["post"]
    streamed = operation["responses"]["200"]
    assert "text/event-stream" in streamed["content"]
    for said in ("`text`", "`audio`", "`turn`", "`error`", "reply_interrupted", "retry_after"):
        assert said in streamed["description"]
    # 429 and most 409s come as error events, in a 200; as HTTP statuses only what is found
    # before the stream starts.
    assert "429" not in operation["responses"]
    assert {"401", "404", "409", "422", "503"} <= set(operation["responses"])


async def test_a_streamed_turn_whose_client_left_is_stored_before_the_app_stops(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The client leaves mid-stream and the app stops while the model is still writing: the
    shutdown waits for the turn (stored, its speech kept) before it closes the database and
    Redis, and no streamed turn is left running."""
    fake_openai.then({"reply": REPLY, "hold_after": "Jak"})
    async with signed_in_app(openai_settings) as client:
        services = client._transport.app.state.chat_services  # type: ignore[attr-defined]
        left = asyncio.create_task(stream_turn(client, {"message": "Dzień dobry"}))

        async def first_sentence_asked() -> bool:
            return bool(outbox(openai_settings.resolved_database_url))

        await eventually(first_sentence_asked, 15, "the first sentence's speech")
        left.cancel()  # the client leaves
        with pytest.raises(asyncio.CancelledError):
            await left
        fake_openai.release()  # the model goes on as the app stops
    assert not services._streams
    assert fake_openai.released_by_test is True
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 2
    rows = outbox(openai_settings.resolved_database_url)
    assert [row["text"] for row in rows] == SENTENCES


async def test_chat_asked_for_an_event_stream_answers_what_chat_stream_does(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """``POST /chat`` with ``Accept: text/event-stream``: the same events, the same turn
    stored, the same speech sentence by sentence; a replay of its key is the stored turn."""
    fake_openai.then({"reply": REPLY}, {"reply": REPLY})
    async with signed_in_app(openai_settings) as client:
        key = {"Idempotency-Key": "negotiated-1"}
        negotiated = await stream_turn(client, {"message": "Dzień dobry"}, key, path="/chat")
        routed = await stream_turn(client, {"message": "Dzień dobry"})
        replayed = await client.post("/chat", json={"message": "Dzień dobry"}, headers=key)
        again = await stream_turn(client, {"message": "Dzień dobry"}, key, path="/chat")
    turn = the_turn(negotiated)
    assert replayed.json() == turn == the_turn(again)
    assert [name for name, _ in negotiated] == [name for name, _ in routed]
    assert streamed_text(negotiated) == streamed_text(routed) == turn["text"] == REPLY["text"]
    assert sum(1 for name, _ in negotiated if name == "text") > 5
    audio = [data["audio_job_id"] for name, data in negotiated if name == "audio"]
    assert turn["audio_parts"] == audio and len(audio) == 3
    assert fake_openai.requests[0]["stream"] is True
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 4


async def test_chat_broken_off_as_an_event_stream_withdraws_its_speech(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    fake_openai.then({"reply": REPLY, "break_after": "Jak się"})
    async with signed_in_app(openai_settings) as client:
        events = await stream_turn(client, {"message": "Dzień dobry"}, path="/chat")
    assert events[-1][1]["error"]["code"] == "reply_interrupted"
    assert [name for name, _ in events][-1] == "error"
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 0
    assert outbox(openai_settings.resolved_database_url) == []  # the first sentence's withdrawn


@pytest.mark.parametrize(
    ("accept", "streamed"),
    [
        (None, False),
        ("application/json", False),
        ("*/*", False),
        ("text/*", False),  # a stream only for a client that names it
        ("application/json, text/event-stream", False),  # a tie keeps JSON
        ("text/event-stream;q=0.5, application/json", False),
        ("text/event-stream;q=0, */*", False),
        ("text/event-stream", True),
        ("Text/Event-Stream", True),
        ("text/event-stream, application/json;q=0.9", True),
        ("text/event-stream, */*;q=0.1", True),
    ],
)
async def test_chat_streams_only_when_the_event_stream_is_preferred(
    app_client: httpx.AsyncClient, accept: str | None, streamed: bool
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    body = {"message": "start", "lesson_id": LESSON}
    response = await app_client.post("/chat", json=body, headers=headers)
    assert response.status_code == 200, response.text
    if streamed:
        assert response.headers["content-type"].startswith("text/event-stream")
        assert the_turn(sse_events(response.text))["next_dialogue"] == "Dzień dobry! Co podać?"
    else:
        assert response.headers["content-type"] == "application/json"
        assert response.json()["next_dialogue"] == "Dzień dobry! Co podać?"


@pytest.mark.parametrize("accept", [None, "application/json", "text/event-stream"])
async def test_every_answer_of_chat_says_it_varies_by_accept(
    app_client: httpx.AsyncClient, accept: str | None
) -> None:
    """A cache between must not give one representation to a client that asked for the
    other: the turn, its refusals (answered differently by Accept: a 404 or an error event)
    and a bad token's 401 all say so; /chat/stream, whose answer Accept never changes, not."""
    headers = {"Accept": accept} if accept is not None else {}
    answers = [
        await app_client.post(
            "/chat", json={"message": "start", "lesson_id": LESSON}, headers=headers
        ),
        await app_client.post("/chat", json={"message": "   "}, headers=headers),
        await app_client.post("/chat", json={"message": "x", "lesson_id": "nope"}, headers=headers),
        await app_client.post("/chat", content=b"{", headers=headers),
        await app_client.post(
            "/chat", json={"message": "x"}, headers={**headers, "Authorization": "Bearer bad"}
        ),
    ]
    assert [a.status_code for a in answers][1:] == [422, answers[2].status_code, 422, 401]
    for answer in answers:
        assert answer.headers.get_list("vary", split_commas=True) == ["Accept"], answer.text
    streamed = await app_client.post("/chat/stream", json={"message": "start", "lesson_id": LESSON})
    assert "vary" not in streamed.headers


async def test_chat_says_it_varies_by_accept_in_the_one_vary_cors_writes_too(
    settings: Any,
) -> None:
    settings.cors_origins = ["https://tutor.example"]
    async with signed_in_app(settings) as client:
        answer = await client.post(
            "/chat",
            json={"message": "start", "lesson_id": LESSON},
            headers={"Origin": "https://tutor.example"},
        )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "https://tutor.example"
    assert answer.headers.get_list("vary") == ["Origin, Accept"]


async def test_chat_asked_for_a_stream_refuses_a_bad_turn_before_it_as_chat_stream_does(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    empty = await app_client.post("/chat", json={"message": "   "}, headers=ASK_FOR_A_STREAM)
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_message"
    body = {"message": "start", "lesson_id": "no-such-lesson"}
    refused = await app_client.post("/chat", json=body, headers=ASK_FOR_A_STREAM)
    assert [name for name, _ in sse_events(refused.text)] == ["error"]
    assert sse_events(refused.text)[0][1]["error"]["code"] == "lesson_not_found"
    assert row_counts(settings.resolved_database_url)["agent_turns"] == 0


async def test_the_openapi_schema_says_chat_can_answer_an_event_stream(
    app_client: httpx.AsyncClient,
) -> None:
    operation = (await app_client.get("/openapi.json")).json()["paths"]["/chat"]["post"]
    answered = operation["responses"]["200"]
    assert {"application/json", "text/event-stream"} <= set(answered["content"])
    chat_out = {"$ref": "#/components/schemas/ChatOut"}
    assert answered["content"]["application/json"]["schema"] == chat_out
    assert "Accept: text/event-stream" in answered["description"]
    assert "POST /chat/stream" in answered["description"]


async def test_a_sentence_withdrawn_while_the_relay_enqueues_it_leaves_no_job(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    """The relay took the first sentence's row and is enqueueing it when the reply breaks off
    and the turn's speech is withdrawn: the withdrawal waits for the job to be in Redis and
    takes it off the queue (it used to find nothing there, and the job landed after it)."""
    from polish_tutor.app import create_app
    from polish_tutor.state import app_state

    fake_openai.then({"reply": REPLY, "break_after": "Jak się"})
    app = create_app(openai_settings)
    async with app.router.lifespan_context(app):
        relay = app_state(app).relay
        send, withdraw = relay._enqueuer.send, relay.withdraw
        sending, withdrawing, go_on = asyncio.Event(), asyncio.Event(), asyncio.Event()
        sent = asyncio.Event()

        async def held_send(*args: Any) -> Any:
            sending.set()
            await go_on.wait()
            try:
                return await send(*args)
            finally:
                sent.set()

        async def watched_withdraw(keys: Any) -> None:
            withdrawing.set()
            await withdraw(keys)

        relay._enqueuer.send = held_send  # type: ignore[method-assign]
        relay.withdraw = watched_withdraw  # type: ignore[method-assign]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            turn = asyncio.create_task(stream_turn(client, {"message": "Dzień dobry"}))
            await asyncio.wait_for(withdrawing.wait(), 30)
            assert sending.is_set() and not go_on.is_set()
            await asyncio.sleep(0.3)  # what the withdrawal does without waiting, done
            go_on.set()  # the job reaches Redis after the withdrawal began
            events = await turn
            await asyncio.wait_for(sent.wait(), 30)
    [key] = [data["audio_job_id"] for name, data in events if name == "audio"]
    assert events[-1][0] == "error"
    assert outbox(openai_settings.resolved_database_url) == []
    redis = Redis.from_url(openai_settings.redis_url)
    try:
        assert key not in Queue(openai_settings.tts_queue, connection=redis).get_job_ids()
        assert Job.exists(key, connection=redis) is False
    finally:
        redis.close()
