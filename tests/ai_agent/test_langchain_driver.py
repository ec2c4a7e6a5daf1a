"""``TUTOR_AGENT_DRIVER=langchain`` through ``POST /chat`` (Flowise: test_flowise_driver.py)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import SecretStr

from tests.fakes.openai_fake import FakeOpenAI
from tests.support.app import signed_in_app


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
