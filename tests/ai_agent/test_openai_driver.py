"""``TUTOR_AGENT_DRIVER=openai`` through ``POST /chat``, against the local OpenAI fake."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from polish_tutor.ai_agent import grounding
from tests.fakes.openai_fake import FakeOpenAI
from tests.support.app import signed_in_app
from tests.support.db import row_counts

LESSON = "a1-04-cafe"


@pytest.fixture
def openai_settings(settings: Any, fake_openai: FakeOpenAI) -> Any:
    settings.agent_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    settings.openai_model = "tutor-model"
    settings.openai_timeout = 5
    settings.provider_backoff = 0.01
    settings.provider_max_backoff = 2
    return settings


def reply(text: str = "Dobrze.", **extra: Any) -> dict[str, Any]:
    return {"reply": {"text": text, "next_dialogue": None, "corrections": [], **extra}}


async def chat(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_free_turn_with_grounded_corrections(
    openai_settings: Any, fake_openai: FakeOpenAI
) -> None:
    dropped_before = grounding.dropped_total.value
    corrections = [
        {"wrong": "kawa", "right": "kawę", "rule": "After poproszę: the accusative."},
        {"wrong": "herbata", "right": "herbatę", "rule": "Not in the message at all."},
        {"wrong": "mlekiem", "right": "mlekkiem", "rule": "Not a Polish word."},
    ]
    fake_openai.then(
        reply("Prawie! Mówimy: poproszę kawę.", corrections=corrections, next_dialogue="Z cukrem?")
    )
    async with signed_in_app(openai_settings) as client:
        body = await chat(client, message="Poproszę kawa z mlekiem")
        transcript = (await client.get(f"/sessions/{body['session_id']}")).json()

    assert body["driver"] == "openai" and body["degraded"] is False
    assert body["text"] == "Prawie! Mówimy: poproszę kawę." and body["next_dialogue"] == "Z cukrem?"
    assert body["prompt"]["id"] == "tutor" and body["prompt"]["version"] == "3"
    assert body["prompt"]["commit"]
    feedback = body["feedback"]
    assert feedback["verdict"] == "incorrect"
    [issue] = feedback["issues"]
    assert (issue["type"], issue["expected"], issue["got"]) == ("inflection", "kawę", "kawa")
    assert grounding.dropped_total.value == dropped_before + 2

    [request] = fake_openai.requests
    assert request["model"] == "tutor-model"
    assert request["response_format"]["json_schema"]["strict"] is True
    system = request["messages"][0]
    assert system["role"] == "system" and "English" in system["content"]
    assert request["messages"][-1] == {"role": "user", "content": "Poproszę kawa z mlekiem"}
    tutor_turn = transcript["turns"][1]
    assert tutor_turn["driver"] == "openai" and tutor_turn["degraded"] is False
    assert (tutor_turn["prompt_id"], tutor_turn["prompt_version"]) == ("tutor", "3")


async def test_a_lesson_is_judged_by_the_engine_not_the_model(
    openai_settings: Any, fake_openai: FakeOpenAI
) -> None:
    # The model claims the answer is fine; the engine's judgement is what the learner gets.
    fake_openai.then(reply("Witaj!"), reply("Super!"), reply("Brawo!"))
    async with signed_in_app(openai_settings) as client:
        opening = await chat(client, message="Cześć!", lesson_id=LESSON)
        session = opening["session_id"]
        wrong = await chat(client, message="poproszę kawa", session_id=session)
        right = await chat(client, message="Poproszę kawę.", session_id=session)

    assert opening["next_dialogue"] == "Dzień dobry! Co podać?" and opening["feedback"] is None
    assert wrong["text"] == "Super!" and wrong["feedback"]["verdict"] == "incorrect"
    [issue] = wrong["feedback"]["issues"]
    assert (issue["expected"], issue["got"]) == ("kawę", "kawa")
    assert wrong["next_dialogue"] == "Dzień dobry! Co podać?"
    assert right["feedback"]["verdict"] == "correct"
    assert right["next_dialogue"] == "Z mlekiem czy bez?"

    second = fake_openai.requests[1]
    system = second["messages"][0]["content"]
    assert "Dzień dobry! Co podać?" in system and "Poproszę kawę." in system
    assert "incorrect" in system and "A1" in system
    # The recent turns travel with the message.
    assert [m["role"] for m in second["messages"][1:]] == ["user", "assistant", "user"]
    assert second["messages"][1]["content"] == "Cześć!"


async def test_malformed_output_is_repaired_once(
    openai_settings: Any, fake_openai: FakeOpenAI
) -> None:
    fake_openai.then({"content": "Sure! Here is your answer: Dzień dobry"}, reply("Naprawione."))
    async with signed_in_app(openai_settings) as client:
        body = await chat(client, message="Dzień dobry")
    assert body["text"] == "Naprawione." and body["degraded"] is False
    repair = fake_openai.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": "Sure! Here is your answer: Dzień dobry"}
    assert "could not be used" in repair[-1]["content"]


@pytest.mark.parametrize(
    "steps",
    [
        [{"content": "not json"}, {"content": '{"text": "no other fields"}'}],
        [{"length": '{"text": "Dzień'}, {"length": '{"text": "Dzień'}],
        [{"refusal": "I can't help with that."}],
    ],
    ids=["malformed-twice", "cut-off-twice", "refusal"],
)
async def test_unusable_output_falls_back_to_the_local_tutor(
    openai_settings: Any, fake_openai: FakeOpenAI, steps: list[dict[str, Any]]
) -> None:
    fake_openai.then(*steps)
    async with signed_in_app(openai_settings) as client:
        body = await chat(client, message="poproszę kawa", lesson_id=LESSON)
    assert body["degraded"] is True and body["driver"] == "local"
    assert body["next_dialogue"] == "Dzień dobry! Co podać?"  # the local tutor's lesson
    assert len(fake_openai.requests) == len(steps)
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 2


async def test_rate_limit_is_retried_after_retry_after(
    openai_settings: Any, fake_openai: FakeOpenAI
) -> None:
    fake_openai.then(
        {"status": 429, "code": "rate_limit_exceeded", "headers": {"Retry-After": "1"}},
        reply("Po chwili."),
    )
    async with signed_in_app(openai_settings) as client:
        started = time.monotonic()
        body = await chat(client, message="Dzień dobry")
        elapsed = time.monotonic() - started
    assert body["text"] == "Po chwili." and body["degraded"] is False
    assert len(fake_openai.requests) == 2 and elapsed >= 1.0


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 429, "code": "insufficient_quota"},
        {"status": 400, "code": "invalid_request"},
    ],
    ids=["quota", "bad-request"],
)
async def test_permanent_errors_are_not_retried(
    openai_settings: Any, fake_openai: FakeOpenAI, failure: dict[str, Any]
) -> None:
    fake_openai.then(failure, reply("never used"))
    async with signed_in_app(openai_settings) as client:
        body = await chat(client, message="Dzień dobry")
    assert body["degraded"] is True and len(fake_openai.requests) == 1


async def test_a_bad_key_degrades_without_leaking_it(
    openai_settings: Any, fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    openai_settings.openai_api_key = SecretStr("sk-secret-wrong-key")
    async with signed_in_app(openai_settings) as client:
        body = await chat(client, message="Dzień dobry")
    assert body["degraded"] is True and len(fake_openai.requests) == 1
    assert "sk-secret" not in caplog.text and "sk-te" not in caplog.text
    assert "rejected the API key (401)" in caplog.text


async def test_the_breaker_opens_and_every_turn_is_still_answered_and_stored(
    openai_settings: Any, fake_openai: FakeOpenAI
) -> None:
    openai_settings.provider_max_retries = 1
    openai_settings.breaker_failure_threshold = 2
    openai_settings.breaker_reset_seconds = 60
    fake_openai.then(*[{"status": 500, "code": None}] * 10)
    async with signed_in_app(openai_settings) as client:
        first = await chat(client, message="poproszę kawa", lesson_id=LESSON)
        session = first["session_id"]
        second = await chat(client, message="poproszę kawa", session_id=session)
        assert len(fake_openai.requests) == 4  # two turns, each tried twice: the breaker opens
        third = await chat(client, message="Poproszę kawę.", session_id=session)
        assert len(fake_openai.requests) == 4  # open: the provider is not called at all
        transcript = (await client.get(f"/sessions/{session}")).json()

    for body in (first, second, third):
        assert body["degraded"] is True and body["driver"] == "local"
    assert third["feedback"]["verdict"] == "correct"
    assert third["next_dialogue"] == "Z mlekiem czy bez?"
    tutor_turns = [t for t in transcript["turns"] if t["role"] == "tutor"]
    assert [t["degraded"] for t in tutor_turns] == [True, True, True]
    assert {t["driver"] for t in tutor_turns} == {"local"}
    assert row_counts(openai_settings.resolved_database_url)["agent_turns"] == 6
