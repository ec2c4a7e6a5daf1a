"""Voices come from the driver's list (never free text for eSpeak's C library), and the shared
speech cache does not tell one learner what another asked to hear."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from polish_tutor.app import create_app
from polish_tutor.tts.drivers import SpeechDriverError, SpeechRequest
from polish_tutor.tts.drivers.espeak import EspeakDriver
from polish_tutor.tts.drivers.voices import allowed_voices
from tests.support.auth import sign_up

HOSTILE_VOICES = ["../../etc/passwd", "pl --stdout; id", "pl\u0000", "-v", "pl/../../x", ""]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_voice_must_be_one_the_driver_has(app_client: httpx.AsyncClient) -> None:
    for voice in [*HOSTILE_VOICES, "en-us", "alloy", "pl+nobody"]:
        spoken = await app_client.post("/tts", json={"text": "kawa", "voice": voice})
        assert spoken.status_code == 422, (voice, spoken.text)
        assert spoken.json()["error"]["code"] in ("invalid_input", "unknown_voice")
        turn = await app_client.post(
            "/chat", json={"message": "hej", "lesson_id": "a1-04-cafe", "prefs": {"voice": voice}}
        )
        assert turn.status_code == 422, (voice, turn.text)
    unknown = await app_client.post("/tts", json={"text": "kawa", "voice": "en-us"})
    assert unknown.json()["error"]["code"] == "unknown_voice"
    assert "pl" in unknown.json()["error"]["message"]  # it says which voices there are
    for voice in ("pl", "pl+f3", "pl+m2"):
        accepted = await app_client.post("/tts", json={"text": "kawa", "voice": voice})
        assert accepted.status_code == 202, (voice, accepted.text)
    schema = (await app_client.get("/openapi.json")).json()["components"]["schemas"]
    assert "pattern" in str(schema["SpeechIn"]["properties"]["voice"])


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_each_driver_has_its_own_voices(settings: Any) -> None:
    settings.tts_driver = "murf"
    assert "pl-PL-jacek" in allowed_voices(settings) and "pl" not in allowed_voices(settings)
    settings.tts_driver = "openai"
    assert "alloy" in allowed_voices(settings) and "pl-PL-jacek" not in allowed_voices(settings)
    settings.tts_voices = ["nova-pl"]  # an operator's own voice, for any driver
    assert "nova-pl" in allowed_voices(settings)
    settings.tts_driver = "murf"
    settings.tts_voices = []
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            kasia = await client.post("/tts", json={"text": "kawa", "voice": "pl-PL-kasia"})
            assert kasia.status_code == 202, kasia.text
            espeak = await client.post("/tts", json={"text": "kawa", "voice": "pl"})
            assert espeak.status_code == 422


def test_espeak_itself_refuses_a_voice_not_on_its_list() -> None:
    """A job that reached the worker some other way (an old row, a forged job) still never
    hands a free-text voice to the C library."""
    driver = EspeakDriver()
    try:
        for voice in HOSTILE_VOICES:
            with pytest.raises(SpeechDriverError) as refused:
                driver.synthesize(SpeechRequest(text="kawa", voice=voice, speed=1.0, format="wav"))
            assert refused.value.retryable is False
        audio = driver.synthesize(
            SpeechRequest(text="kawa", voice="pl+f3", speed=1.0, format="wav")
        )
        assert audio.data
    finally:
        driver.close()


async def test_cached_speech_does_not_tell_one_learner_what_another_heard(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    secret = "Mam na imię Zofia i mieszkam na ulicy Długiej."
    alice = (await app_client.post("/tts", json={"text": secret})).json()["audio_job_id"]
    await asyncio.sleep(0.5)  # the relay enqueues after the commit
    burst_worker()
    assert (await app_client.get(f"/tts/status/{alice}")).json()["status"] == "finished"

    bob = await sign_up(app_client)
    as_bob = bob["headers"]
    asked = await app_client.post("/tts", json={"text": secret}, headers=as_bob)
    assert asked.status_code == 202 and asked.json()["audio_job_id"] == alice
    # Not "finished" at once: for Bob it is a new request, queued like any other.
    status = (await app_client.get(f"/tts/status/{alice}", headers=as_bob)).json()
    assert status["status"] == "queued" and status.get("audio_url") is None
    await asyncio.sleep(0.5)
    burst_worker()  # the job finds the audio stored and finishes at once
    status = (await app_client.get(f"/tts/status/{alice}", headers=as_bob)).json()
    assert status["status"] == "finished" and status["audio_url"]
    # Now it is Bob's too: asking again needs no job.
    again = await app_client.post("/tts", json={"text": secret}, headers=as_bob)
    assert again.status_code == 202
    status = (await app_client.get(f"/tts/status/{alice}", headers=as_bob)).json()
    assert status["status"] == "finished"
