"""OpenAI's speech endpoint (``POST /v1/audio/speech``) or any server that copies it."""

from __future__ import annotations

import io
import wave

import httpx

from polish_tutor.tts.drivers.base import SpeechDriverError, SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.http import CONTENT_TYPES, post_error, transport_error

MAX_INPUT = 4096


class OpenAISpeechDriver:
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self._model = model

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        if request.format not in CONTENT_TYPES:
            raise SpeechDriverError(f"unsupported format {request.format}", retryable=False)
        if len(request.text) > MAX_INPUT:
            raise SpeechDriverError(
                f"text longer than {MAX_INPUT} characters for OpenAI speech", retryable=False
            )
        body = {
            "model": self._model,
            "input": request.text,
            "voice": request.voice,
            "response_format": request.format,
            "speed": max(0.25, min(4.0, request.speed)),
        }
        try:
            response = self._client.post("/audio/speech", json=body)
        except httpx.HTTPError as exc:
            raise transport_error("OpenAI speech", exc) from exc
        if response.status_code != 200:
            raise post_error("OpenAI speech", response)
        if not response.content:
            raise SpeechDriverError("OpenAI speech answered without audio", retryable=True)
        return SynthesizedAudio(
            response.content, CONTENT_TYPES[request.format], _duration_ms(response.content)
        )

    def close(self) -> None:
        self._client.close()


def _duration_ms(data: bytes) -> int:
    """Known for WAV; 0 (unknown) for compressed formats."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            return int(wav.getnframes() * 1000 // wav.getframerate())
    except (wave.Error, EOFError):
        return 0
