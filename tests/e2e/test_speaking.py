"""Speaking practice over HTTP against ``polish-tutor serve`` with its transcription worker and
the real model: a recording goes up, ``transcript_ready`` comes down the learner's event
stream, and ``/chat`` with what was heard gives the feedback.

Embedded (SQLite, Valkey and the workers ``serve`` starts) and production (PostgreSQL, Redis,
``--stt-workers 1``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.test_served_turn import Served, start_server, stop_server
from tests.support.auth import sign_up
from tests.support.speech import espeak_clip, fixture_clip

LESSON = "a1-04-cafe"
FIRST_LINE = "Dzień dobry! Co podać?"
SECOND_LINE = "Z mlekiem czy bez?"


@pytest.fixture(params=["embedded", "production"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    if request.param == "embedded":
        server = start_server(tmp_path, {})
    else:
        server = start_server(
            tmp_path,
            {
                "TUTOR_DATABASE_URL": request.getfixturevalue("postgres_url"),
                "TUTOR_REDIS_URL": request.getfixturevalue("redis_url"),
            },
            "--tts-workers",
            "1",
            "--stt-workers",
            "1",
        )
    try:
        yield server
    finally:
        stop_server(server)


async def next_event(lines: AsyncIterator[str], name: str, job_id: str) -> dict[str, Any]:
    event = None
    async for line in lines:
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event == name:
            data: dict[str, Any] = json.loads(line.split(":", 1)[1])
            if data.get("speech_job_id") == job_id:
                return data
    raise AssertionError("the event stream ended")


async def say(
    client: httpx.AsyncClient, events: AsyncIterator[str], audio: bytes, session_id: str
) -> dict[str, Any]:
    """Upload a recording for the session's line; what was heard, from the event stream."""
    accepted = await client.post(
        "/speech",
        files={"audio": ("answer.wav", audio, "audio/wav")},
        data={"session_id": session_id},
    )
    assert accepted.status_code == 202, accepted.text
    job = accepted.json()["speech_job_id"]
    heard = await asyncio.wait_for(next_event(events, "transcript_ready", job), timeout=120)
    status = (await client.get(f"/speech/{job}")).json()
    assert status["status"] == "finished" and status["transcript"] == heard["transcript"]
    return heard


async def spoken_turn(
    client: httpx.AsyncClient, heard: dict[str, Any], session_id: str
) -> dict[str, Any]:
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
    out: dict[str, Any] = turn.json()
    return out


async def test_a_lesson_line_answered_by_voice(served: Served) -> None:
    async with httpx.AsyncClient(base_url=served.base_url, timeout=60) as client:
        client.headers.update((await sign_up(client))["headers"])
        opening = await client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": LESSON})
        session_id = opening.json()["session_id"]
        async with client.stream("GET", "/events") as stream:
            events = stream.aiter_lines()
            # Another sentence than the line's answer: "I heard …", no grammar lecture.
            heard = await say(client, events, fixture_clip(), session_id)
            assert heard["transcript"].casefold().startswith("daj mi"), heard
            assert all(0 <= w["probability"] <= 1 for w in heard["words"])
            out = await spoken_turn(client, heard, session_id)
            assert out["text"].startswith(f"I heard: „{heard['transcript']}”"), out["text"]
            assert out["feedback"]["issues"] == []
            assert out["feedback"]["heard"]["say_again"] is True
            assert out["next_dialogue"] == FIRST_LINE

            # The right answer, said: the same praise and next line as when typed.
            heard = await say(client, events, espeak_clip("Poproszę kawę."), session_id)
            out = await spoken_turn(client, heard, session_id)
            assert out["feedback"]["verdict"] == "correct", out
            assert out["feedback"]["heard"]["transcript"] == heard["transcript"]
            assert out["next_dialogue"] == SECOND_LINE
    stop_server(served)
    log = served.log.read_text()
    assert "transcription" in log and "done in" in log  # the worker says what it did …
    assert "malin" not in log.casefold() and "marin" not in log.casefold()  # … not what was said
