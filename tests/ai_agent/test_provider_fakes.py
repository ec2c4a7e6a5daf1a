"""The fake providers answered by the official SDKs: a fake that drifts from the API fails here."""

from __future__ import annotations

import json

import openai
import pytest

from polish_tutor.ai_agent.drivers.openai import RESPONSE_FORMAT
from polish_tutor.ai_agent.schemas import TutorOutput
from tests.fakes.openai_fake import FakeOpenAI
from tests.support.wav import wav_duration

REPLY = {
    "text": "Prawie dobrze!",
    "next_dialogue": "Co jeszcze?",
    "corrections": [{"wrong": "kawa", "right": "kawę", "rule": "Accusative after poproszę."}],
}


def sdk(fake: FakeOpenAI, key: str = "sk-test-key") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{fake.base_url}/v1", api_key=key, max_retries=0)


def test_chat_completion_with_strict_structured_output(fake_openai: FakeOpenAI) -> None:
    fake_openai.then({"reply": REPLY})
    completion = sdk(fake_openai).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Poproszę kawa"}],
        response_format=RESPONSE_FORMAT,  # type: ignore[arg-type]
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "stop" and choice.message.refusal is None
    assert TutorOutput.model_validate_json(choice.message.content or "").model_dump() == REPLY
    sent = fake_openai.requests[0]["response_format"]["json_schema"]
    assert sent["strict"] is True
    # Built from the pydantic model by the SDK: no hand-copied schema to drift from it.
    assert set(sent["schema"]["properties"]) == set(TutorOutput.model_fields)
    assert "minLength" not in json.dumps(sent)  # a keyword strict mode does not take


def test_the_sdk_parses_refusals_and_truncation(fake_openai: FakeOpenAI) -> None:
    fake_openai.then({"refusal": "I can't help with that."}, {"length": '{"text": "Dzie'})
    client = sdk(fake_openai)
    refused = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert refused.choices[0].message.refusal == "I can't help with that."
    cut = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert cut.choices[0].finish_reason == "length"


def test_errors_are_the_sdks_typed_errors(fake_openai: FakeOpenAI) -> None:
    fake_openai.then(
        {"status": 429, "code": "rate_limit_exceeded", "headers": {"Retry-After": "2"}},
        {"status": 429, "code": "insufficient_quota"},
        {"status": 503, "code": None},
    )
    client = sdk(fake_openai)
    messages = [{"role": "user", "content": "x"}]
    with pytest.raises(openai.RateLimitError) as limited:
        client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
    assert limited.value.code == "rate_limit_exceeded"
    assert limited.value.response.headers["retry-after"] == "2"
    with pytest.raises(openai.RateLimitError) as quota:
        client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
    assert quota.value.code == "insufficient_quota"
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
    with pytest.raises(openai.AuthenticationError):
        sdk(fake_openai, key="sk-wrong").chat.completions.create(
            model="m",
            messages=messages,  # type: ignore[arg-type]
        )


def test_a_non_strict_schema_is_refused_like_openai_does(fake_openai: FakeOpenAI) -> None:
    loose = json.loads(json.dumps(RESPONSE_FORMAT))
    loose["json_schema"]["schema"]["required"] = ["text"]
    with pytest.raises(openai.BadRequestError):
        sdk(fake_openai).chat.completions.create(
            model="m",
            messages=[{"role": "user", "content": "x"}],
            response_format=loose,
        )


def test_speech(fake_openai: FakeOpenAI) -> None:
    client = sdk(fake_openai)
    audio = client.audio.speech.create(
        model="gpt-4o-mini-tts",
        input="Dzień dobry",
        voice="alloy",
        response_format="wav",
        speed=0.75,
    )
    assert wav_duration(audio.content) > 0.1
    with pytest.raises(openai.BadRequestError):
        client.audio.speech.create(model="tts-1", input="x", voice="alloy", speed=9)


def test_a_streamed_completion(fake_openai: FakeOpenAI) -> None:
    fake_openai.then({"reply": REPLY})
    stream = sdk(fake_openai).chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": "Poproszę kawa"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert json.loads(text) == REPLY
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == 70
