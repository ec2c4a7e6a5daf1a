"""Transcript summaries: queued past a threshold, written by a real RQ worker, bounded context."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from polish_tutor.ai_agent.summariser import MAX_SUMMARY_CHARS, SessionFacts, extractive_summary
from polish_tutor.sessions.models import AgentTurn
from tests.fakes.fixtures import fake_openai, openai_server  # noqa: F401 - fixtures
from tests.fakes.openai_fake import DEFAULT_NOTES, FakeOpenAI
from tests.sessions.test_hot_state import app_state, cold_state, hot_state, turn

CONTEXT_TURNS = 4
SUMMARY_AFTER = 4
# A learner who keeps getting the accusative wrong before getting it right: 12 messages.
MESSAGES = [
    "Dzień dobry",
    *["poproszę kawa"] * 7,
    "Poproszę kawę.",
    "Z mlekiem, proszę.",
    "Poprosze herbate i ciastko.",
    "Tak. Ile płacę?",
]


@pytest.fixture
def settings(settings: Any) -> Any:
    settings.context_turns = CONTEXT_TURNS
    settings.summary_after = SUMMARY_AFTER
    return settings


async def relay_idle(state: Any) -> None:
    """Until no outbox row is pending: the in-process worker blocks the event loop, so no
    relay transaction may be open when it starts."""
    from sqlalchemy import func, select

    from polish_tutor.tts.models import OutboxStatus, TtsOutbox

    for _ in range(200):
        async with state.read_sessionmaker() as session:
            pending = await session.scalar(
                select(func.count()).where(TtsOutbox.status == OutboxStatus.PENDING)
            )
        if not pending:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the relay left speech requests pending")


def tutor_turn(seq: int, feedback: dict[str, Any] | None) -> AgentTurn:
    return AgentTurn(seq=seq, role="tutor", text="…", feedback=feedback)


def test_the_extractive_summary_names_mistakes_and_words_and_stays_bounded() -> None:
    wrong = {
        "verdict": "incorrect",
        "issues": [
            {
                "type": "inflection",
                "feature": "case",
                "expected": "kawę",
                "got": "kawa",
                "explanation": "…",
            }
        ],
    }
    right = {"verdict": "correct", "issues": [], "expected": "Poproszę kawę."}
    turns = [tutor_turn(2 * i + 1, wrong if i % 3 else right) for i in range(3000)]
    facts = SessionFacts(
        lesson="At the café (a1-04-cafe)", step_index=1, steps_total=5, completed=False
    )
    summary = extractive_summary(turns, facts)
    assert summary.startswith("Lesson At the café (a1-04-cafe): at line 2 of 5.")
    assert "1000 of 3000 accepted" in summary
    assert "inflection (case): kawa → kawę (×2000)" in summary
    assert "poproszę" in summary and "kawę" in summary
    assert len(summary) <= MAX_SUMMARY_CHARS
    assert extractive_summary(turns, facts) == summary  # deterministic


async def test_a_long_session_is_summarised_by_a_worker_and_its_context_stays_bounded(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    state = app_state(app_client)
    session_id = None
    for index, message in enumerate(MESSAGES):
        session_id = (await turn(app_client, message, session_id))["session_id"]
        if index % 4 == 3:
            await relay_idle(state)
            burst_worker()  # speech and, once past the threshold, the summary
    assert session_id is not None
    stored = await cold_state(state, session_id)
    assert stored is not None and stored.state.turn_count == 24
    # Queued after the turn that left 5 turns outside the window; folded up to its window.
    assert stored.summary_upto >= 2 * 8 - CONTEXT_TURNS
    assert "Recurring mistakes: inflection (case): kawa → kawę (×7)" in stored.summary
    assert "Earlier answers: 2 of 9 accepted." in stored.summary
    assert await hot_state(state, session_id) == stored  # the worker updated Redis too
    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert len(transcript["turns"]) == 24  # old turns stay; only the prompt is compressed


@pytest.fixture
def openai_settings(settings: Any, fake_openai: FakeOpenAI) -> Any:  # noqa: F811
    settings.agent_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    settings.openai_model = "tutor-model"
    settings.openai_timeout = 5
    return settings


async def test_with_an_llm_the_model_writes_the_summary_and_sees_it_each_turn(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    from tests.support.app import run_speech_worker, signed_in_app

    async with signed_in_app(openai_settings) as client:
        session_id = None
        for index in range(20):
            result = await client.post(
                "/chat",
                json={"message": f"Lubię kawę numer {index}.", "session_id": session_id},
            )
            assert result.status_code == 200, result.text
            session_id = result.json()["session_id"]
            if index % 5 == 4:
                run_speech_worker(openai_settings)
        state = app_state(client)
        stored = await cold_state(state, str(session_id))
    assert stored is not None and stored.summary == DEFAULT_NOTES
    summary_requests = [r for r in fake_openai.requests if not r.get("response_format")]
    turn_requests = [r for r in fake_openai.requests if r.get("response_format")]
    assert summary_requests and len(turn_requests) == 20
    assert "Lubię kawę numer 0." in summary_requests[0]["messages"][0]["content"]
    # Every turn: the system prompt, at most CONTEXT_TURNS earlier turns, the message.
    assert max(len(r["messages"]) for r in turn_requests) == CONTEXT_TURNS + 2
    assert DEFAULT_NOTES in turn_requests[-1]["messages"][0]["content"]
    sizes = [sum(len(m["content"]) for m in r["messages"]) for r in turn_requests]
    assert max(sizes[10:]) < 2 * min(sizes[10:])  # flat, not growing with the session
    assert uuid.UUID(str(session_id))
