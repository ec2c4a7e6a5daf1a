"""``TUTOR_AGENT_DRIVER=flowise`` (JSON and SSE) and ``langchain`` through ``POST /chat``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import SecretStr

from tests.fakes.flowise_fake import FakeFlowise
from tests.fakes.openai_fake import FakeOpenAI
from tests.support.app import signed_in_app


@pytest.fixture
def flowise_settings(settings: Any, fake_flowise: FakeFlowise) -> Any:
    settings.agent_driver = "flowise"
    settings.flowise_base_url = fake_flowise.base_url
    settings.flowise_chatflow_id = "tutor-flow"
    settings.flowise_api_key = SecretStr("flowise-key")
    settings.provider_backoff = 0.01
    return settings


@pytest.mark.parametrize("streaming", [False, True], ids=["json", "sse"])
async def test_flowise_turns_are_bound_to_our_session(
    flowise_settings: Any, fake_flowise: FakeFlowise, streaming: bool
) -> None:
    flowise_settings.flowise_streaming = streaming
    async with signed_in_app(flowise_settings) as client:
        first = (await client.post("/chat", json={"message": "Cześć!"})).json()
        second = await client.post(
            "/chat", json={"message": "Mam na imię Ola", "session_id": first["session_id"]}
        )
    assert first["driver"] == "flowise" and first["degraded"] is False
    assert first["text"] == "Cześć! Co słychać?"
    assert first["next_dialogue"] == "Jak masz na imię?"
    assert first["prompt"]["id"] == "tutor"
    assert second.json()["degraded"] is False
    one, two = fake_flowise.requests
    assert one["streaming"] is streaming and one["question"] == "Cześć!"
    assert one["overrideConfig"]["sessionId"] == first["session_id"]
    assert two["overrideConfig"]["sessionId"] == first["session_id"]
    assert two["history"] == [
        {"role": "userMessage", "content": "Cześć!"},
        {"role": "apiMessage", "content": "Cześć! Co słychać?"},
    ]


async def test_flowise_structured_json_and_plain_text(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    structured = {"text": "Tak!", "next_dialogue": None, "corrections": []}
    fake_flowise.then({"text": "ignored", "json": structured}, {"text": "Zwykła odpowiedź."})
    async with signed_in_app(flowise_settings) as client:
        first = (await client.post("/chat", json={"message": "Czy to kot?"})).json()
        plain = (await client.post("/chat", json={"message": "A to?"})).json()
    assert first["text"] == "Tak!" and plain["text"] == "Zwykła odpowiedź."
    assert plain["feedback"] is None and plain["degraded"] is False


@pytest.mark.parametrize(
    ("streaming", "steps", "calls"),
    [
        (False, [{"status": 401, "message": "Unauthorized Access"}], 1),
        (False, [{"status": 404, "message": "Chatflow not found"}], 1),
        (False, [{"status": 500, "message": "boom"}] * 3, 3),
        (True, [{"text": "", "stream_error": "LLM failed"}] * 3, 3),
    ],
    ids=["401", "404", "500", "sse-error-event"],
)
async def test_flowise_failures_degrade_to_the_local_tutor(
    flowise_settings: Any,
    fake_flowise: FakeFlowise,
    streaming: bool,
    steps: list[dict[str, Any]],
    calls: int,
) -> None:
    flowise_settings.flowise_streaming = streaming
    fake_flowise.then(*steps)
    async with signed_in_app(flowise_settings) as client:
        body = (await client.post("/chat", json={"message": "Cześć!"})).json()
    assert body["degraded"] is True and body["driver"] == "local"
    assert len(fake_flowise.requests) == calls


async def test_langchain_turn(settings: Any, fake_openai: FakeOpenAI) -> None:
    settings.agent_driver = "langchain"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    settings.openai_model = "tutor-model"
    answer = {
        "text": "Prawie!",
        "next_dialogue": "Co jeszcze?",
        "corrections": [{"wrong": "kawa", "right": "kawę", "rule": "Accusative."}],
    }
    fake_openai.then({"content": json.dumps(answer)}, {"content": "garbage"}, {"content": "x"})
    async with signed_in_app(settings) as client:
        body = (await client.post("/chat", json={"message": "Poproszę kawa"})).json()
        broken = (await client.post("/chat", json={"message": "Poproszę kawa"})).json()
    assert body["driver"] == "langchain" and body["degraded"] is False
    assert body["text"] == "Prawie!" and body["next_dialogue"] == "Co jeszcze?"
    assert body["feedback"]["issues"][0]["expected"] == "kawę"
    request = fake_openai.requests[0]
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["strict"] is True
    assert broken["degraded"] is True and len(fake_openai.requests) == 3  # one repair
