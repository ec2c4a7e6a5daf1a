"""Murf and OpenAI speech: real jobs on a real RQ worker, against local fakes of the APIs."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from murf import Murf, MurfEnvironment, PaymentRequiredError
from pydantic import SecretStr

from polish_tutor.tts.drivers.murf import murf_rate
from tests.fakes.murf_fake import FakeMurf
from tests.fakes.openai_fake import FakeOpenAI
from tests.fakes.server import FAKE_MP3
from tests.support.app import run_speech_worker, signed_in_app
from tests.support.db import outbox_statuses, row_counts
from tests.support.waiting import eventually
from tests.support.wav import wav_duration


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: these tests are about providers; test_speech_pipeline covers both."""
    return sqlite_url


@pytest.fixture
def murf_settings(settings: Any, fake_murf: FakeMurf) -> Any:
    settings.tts_driver = "murf"
    settings.tts_format = "mp3"
    settings.murf_base_url = fake_murf.base_url
    settings.murf_api_key = SecretStr("murf-key")
    settings.tts_retry_intervals = [1, 1, 1]
    return settings


def murf_sdk(fake: FakeMurf, key: str = "murf-key") -> Murf:
    base = fake.base_url
    hosts = dict.fromkeys(
        [
            "global_router",
            "us_east",
            "us_west",
            "india",
            "canada",
            "south_korea",
            "uae",
            "japan",
            "australia",
            "eu_central",
            "uk",
            "south_america",
            "production",
        ],
        base,
    )
    return Murf(api_key=key, environment=MurfEnvironment(base=base, **hosts))


def test_the_murf_fake_speaks_the_sdks_language(fake_murf: FakeMurf) -> None:
    client = murf_sdk(fake_murf)
    speech = client.text_to_speech.generate(
        text="Dzień dobry", voice_id="pl-PL-jacek", format="MP3", rate=-25, locale="pl-PL"
    )
    assert speech.audio_length_in_seconds > 0 and speech.remaining_character_count > 0
    assert [w.word for w in speech.word_durations or []] == ["Dzień", "dobry"]
    assert httpx.get(speech.audio_file).content == FAKE_MP3
    inline = client.text_to_speech.generate(
        text="Cześć", voice_id="pl-PL-jacek", format="WAV", encode_as_base_64=True
    )
    assert inline.encoded_audio
    fake_murf.then({"status": 402})
    with pytest.raises(PaymentRequiredError):
        client.text_to_speech.generate(
            text="x", voice_id="pl-PL-jacek", request_options={"max_retries": 0}
        )
    assert fake_murf.requests[0]["headers"]["api-key"] == "murf-key"


@pytest.mark.parametrize(("speed", "rate"), [(1.0, 0), (0.5, -50), (0.75, -25), (1.5, 50), (3, 50)])
def test_the_learners_speed_is_murfs_rate(speed: float, rate: int) -> None:
    assert murf_rate(speed) == rate


async def ask_for_speech(client: httpx.AsyncClient, settings: Any, text: str) -> str:
    accepted = await client.post("/tts", json={"text": text, "speed": 0.75})
    assert accepted.status_code == 202, accepted.text

    async def enqueued() -> bool:
        return outbox_statuses(settings.resolved_database_url) == ["enqueued"]

    await eventually(enqueued, 10, "the relay to enqueue the request")
    job_id: str = accepted.json()["audio_job_id"]
    return job_id


async def test_murf_quota_exhausted_fails_the_job_at_once_with_a_clear_error(
    murf_settings: Any, fake_murf: FakeMurf
) -> None:
    fake_murf.then({"status": 402})
    async with signed_in_app(murf_settings) as client:
        job_id = await ask_for_speech(client, murf_settings, "żółw")
        run_speech_worker(murf_settings, with_scheduler=True)  # signals: main thread
        status = (await client.get(f"/tts/status/{job_id}")).json()
    assert status["status"] == "failed"
    assert status["error"] == "Murf quota exhausted (402)"
    assert len(fake_murf.requests) == 1  # no retry storm
    assert outbox_statuses(murf_settings.resolved_database_url) == ["failed"]


async def test_murf_unavailable_twice_then_the_audio_is_stored_once(
    murf_settings: Any, fake_murf: FakeMurf
) -> None:
    fake_murf.then({"status": 503}, {"status": 503})
    async with signed_in_app(murf_settings) as client:
        job_id = await ask_for_speech(client, murf_settings, "Dzień dobry, poproszę kawę.")
        deadline = time.monotonic() + 15
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            # Retries wait 1 s in RQ's scheduled registry; a burst worker with the scheduler
            # moves the due ones back to the queue when it starts.
            run_speech_worker(murf_settings, with_scheduler=True)  # signals: main thread
            status = (await client.get(f"/tts/status/{job_id}")).json()
            if status["status"] in ("finished", "failed"):
                break
            await asyncio.sleep(0.3)
        assert status["status"] == "finished", status
        audio = await client.get(status["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content == FAKE_MP3
    assert len(fake_murf.requests) == 3 and fake_murf.generated == 1
    body = fake_murf.requests[-1]["body"]
    assert (body["voiceId"], body["rate"], body["format"]) == ("pl-PL-jacek", -25, "MP3")
    assert row_counts(murf_settings.resolved_database_url)["audio_assets"] == 1


async def test_openai_speech(settings: Any, fake_openai: FakeOpenAI) -> None:
    settings.tts_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    async with signed_in_app(settings) as client:
        job_id = await ask_for_speech(client, settings, "Dzień dobry")
        run_speech_worker(settings)  # RQ installs signal handlers: main thread
        status = (await client.get(f"/tts/status/{job_id}")).json()
        assert status["status"] == "finished", status
        audio = await client.get(status["audio_url"])
    assert wav_duration(audio.content) > 0.1
    [request] = fake_openai.requests
    assert (request["voice"], request["speed"], request["response_format"]) == (
        "alloy",
        0.75,
        "wav",
    )
