"""Murf's text-to-speech (``POST /v1/speech/generate``), through a synchronous httpx client."""

from __future__ import annotations

import base64
from typing import Any

import httpx

from polish_tutor.tts.drivers.base import SpeechDriverError, SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.http import CONTENT_TYPES, post_error, transport_error

MURF_FORMATS = {"wav": "WAV", "mp3": "MP3"}


def murf_rate(speed: float) -> int:
    """The learner's speed as Murf's rate: 1.0 → 0, 0.5 → −50, 1.5 → 50 (clamped)."""
    return max(-50, min(50, round((speed - 1.0) * 100)))


class MurfDriver:
    name = "murf"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = "https://api.murf.ai",
        timeout: float = 30.0,
        locale: str = "pl-PL",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        # The key goes only to Murf: audioFile URLs point elsewhere (object storage).
        self._murf = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"api-key": api_key},
            timeout=timeout,
            transport=transport,
        )
        self._files = httpx.Client(timeout=timeout, transport=transport, follow_redirects=True)
        self._locale = locale

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        fmt = MURF_FORMATS.get(request.format)
        if fmt is None:
            raise SpeechDriverError(
                f"Murf is set up for WAV or MP3, not {request.format}", retryable=False
            )
        body = {
            "text": request.text,
            "voiceId": request.voice,
            "format": fmt,
            "rate": murf_rate(request.speed),
            "locale": self._locale,
            "modelVersion": "GEN2",
            "encodeAsBase64": False,
        }
        try:
            response = self._murf.post("/v1/speech/generate", json=body)
        except httpx.HTTPError as exc:
            raise transport_error("Murf", exc) from exc
        if response.status_code != 200:
            raise post_error("Murf", response)
        data: dict[str, Any] = response.json()
        duration_ms = round(float(data.get("audioLengthInSeconds") or 0) * 1000)
        if data.get("encodedAudio"):
            audio = base64.b64decode(data["encodedAudio"])
        elif data.get("audioFile"):
            audio = self._download(str(data["audioFile"]))
        else:
            raise SpeechDriverError("Murf answered without audio", retryable=True)
        return SynthesizedAudio(audio, CONTENT_TYPES[request.format], duration_ms)

    def _download(self, url: str) -> bytes:
        try:
            response = self._files.get(url)
        except httpx.HTTPError as exc:
            raise transport_error("Murf audio download", exc) from exc
        if response.status_code != 200 or not response.content:
            # The file may have expired or not be there yet: generating again is safe.
            raise SpeechDriverError(
                f"Murf audio download failed ({response.status_code})", retryable=True
            )
        return response.content

    def close(self) -> None:
        self._murf.close()
        self._files.close()
