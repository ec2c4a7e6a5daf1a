"""The ``openai`` recognition driver, through the official SDK, against the local fake of
``POST /v1/audio/transcriptions`` (tests/fakes/openai_fake.py); the SDK itself is pointed at
the fake too, so a fake that drifts from the real API fails here."""

from __future__ import annotations

import openai
import pytest

from polish_tutor.settings import Settings
from polish_tutor.stt.drivers import (
    HeardWord,
    RecognitionDriverError,
    TranscriptionRequest,
    build_recognition_driver,
)
from tests.fakes.openai_fake import FakeOpenAI
from tests.support.speech import encode, fixture_clip


def driver_for(fake: FakeOpenAI, key: str = "sk-test-key"):  # type: ignore[no-untyped-def]
    return build_recognition_driver(
        Settings(
            stt_driver="openai",
            openai_base_url=f"{fake.base_url}/v1",
            openai_api_key=key,
            openai_stt_model="whisper-1",
        )
    )


def test_the_sdk_speaks_to_the_fake(fake_openai: FakeOpenAI) -> None:
    client = openai.OpenAI(base_url=f"{fake_openai.base_url}/v1", api_key="sk-test-key")
    result = client.audio.transcriptions.create(
        model="whisper-1",
        file=("speech.wav", fixture_clip(), "audio/wav"),
        language="pl",
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    assert result.text == "Dzień dobry."
    assert [w.word for w in result.words or []] == ["Dzień", "dobry."]
    plain = client.audio.transcriptions.create(
        model="whisper-1", file=("speech.wav", fixture_clip(), "audio/wav")
    )
    assert plain.text == "Dzień dobry."
    with pytest.raises(openai.BadRequestError):  # granularities need verbose_json
        client.audio.transcriptions.create(
            model="whisper-1",
            file=("speech.wav", fixture_clip(), "audio/wav"),
            response_format="json",
            timestamp_granularities=["word"],
        )


def test_what_was_heard_with_the_prompt_and_the_confidence(fake_openai: FakeOpenAI) -> None:
    fake_openai.then({"heard": [("Poproszę", 0.93), ("kawę.", 0.31)]})
    driver = driver_for(fake_openai)
    try:
        webm = encode(fixture_clip(), "webm")
        heard = driver.transcribe(
            TranscriptionRequest(webm, "audio/webm", expected="Poproszę kawę.")
        )
    finally:
        driver.close()
    assert heard.text == "Poproszę kawę."
    assert heard.words == (HeardWord("Poproszę", 0.93), HeardWord("kawę.", 0.31))
    sent = fake_openai.requests[-1]
    assert sent["model"] == "whisper-1" and sent["language"] == "pl"
    assert sent["prompt"] == "Poproszę kawę."
    assert sent["response_format"] == "verbose_json"
    assert sent["timestamp_granularities"] == ["word"]
    assert sent["file_bytes"] == len(webm) and sent["file_type"] == "audio/webm"


def test_words_without_confidence_are_taken_as_heard(fake_openai: FakeOpenAI) -> None:
    fake_openai.then({"heard": [("Tak.", 0.2)], "probability": False})
    driver = driver_for(fake_openai)
    try:
        heard = driver.transcribe(TranscriptionRequest(fixture_clip(), "audio/wav"))
    finally:
        driver.close()
    assert heard.words == (HeardWord("Tak.", None),)
    assert "prompt" not in fake_openai.requests[-1]


@pytest.mark.parametrize(
    ("step", "retryable", "says"),
    [
        ({"status": 429, "code": "rate_limit_exceeded"}, True, "unavailable (429)"),
        ({"status": 503}, True, "unavailable (503)"),
        ({"status": 400}, False, "rejected the recording (400)"),
    ],
)
def test_failures_are_classified(
    fake_openai: FakeOpenAI, step: dict[str, object], retryable: bool, says: str
) -> None:
    fake_openai.then(step)
    driver = driver_for(fake_openai)
    try:
        with pytest.raises(RecognitionDriverError) as failure:
            driver.transcribe(TranscriptionRequest(fixture_clip(), "audio/wav"))
    finally:
        driver.close()
    assert failure.value.retryable is retryable
    assert says in failure.value.message


def test_a_wrong_key_fails_at_once_without_quoting_it(fake_openai: FakeOpenAI) -> None:
    driver = driver_for(fake_openai, key="sk-wrong-secret")
    try:
        with pytest.raises(RecognitionDriverError) as failure:
            driver.transcribe(TranscriptionRequest(fixture_clip(), "audio/wav"))
    finally:
        driver.close()
    assert failure.value.retryable is False
    assert "sk-wrong" not in failure.value.message
    assert "API key" in failure.value.message
