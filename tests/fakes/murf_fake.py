"""A local stand-in for Murf's ``POST /v1/speech/generate`` and its audio files (PROVIDERS.md).

Steps: ``{"status": 402}`` / ``{"status": 503}`` … answer one request with that error.
Without a step it generates: the audio is served at ``audioFile`` (or inline, base64).
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import FAKE_MP3, Scripted, tone_wav

FORMATS = {"MP3", "WAV", "FLAC", "ALAW", "ULAW", "PCM", "OGG"}
MESSAGES = {
    400: "Invalid request",
    402: "Character limit exhausted for this billing cycle",
    403: "Invalid api key",
    429: "Too many concurrent requests",
    500: "Internal server error",
    503: "Service temporarily unavailable",
}


def failure(status: int) -> JSONResponse:
    return JSONResponse(
        {"errorMessage": MESSAGES.get(status, "error"), "errorCode": status}, status_code=status
    )


class FakeMurf(Scripted):
    def __init__(self, api_key: str = "murf-key") -> None:
        super().__init__()
        self.api_key = api_key
        self.files: dict[str, bytes] = {}
        self.generated = 0
        self.app = Starlette(
            routes=[
                Route("/v1/speech/generate", self.generate, methods=["POST"]),
                Route("/files/{name}", self.file, methods=["GET"]),
            ]
        )

    def reset(self) -> None:
        super().reset()
        self.files.clear()
        self.generated = 0

    async def generate(self, request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        self.requests.append({"body": body, "headers": dict(request.headers)})
        if request.headers.get("api-key") != self.api_key:
            return failure(403)
        step = self.next_step()
        if step is not None and "status" in step:
            return failure(step["status"])
        rate = body.get("rate", 0)
        if (
            not body.get("text")
            or not body.get("voiceId")
            or body.get("format", "MP3") not in FORMATS
            or not isinstance(rate, int)
            or not -50 <= rate <= 50
        ):
            return failure(400)
        self.generated += 1
        fmt = body.get("format", "MP3")
        audio = tone_wav() if fmt == "WAV" else FAKE_MP3
        name = f"{uuid.uuid4().hex}.{fmt.lower()}"
        self.files[name] = audio
        answer: dict[str, Any] = {
            "audioFile": f"{self.base_url}/files/{name}",
            "audioLengthInSeconds": 0.3,
            "remainingCharacterCount": 100_000,
            "consumedCharacterCount": len(body["text"]),
            "wordDurations": [
                {"word": w, "startMs": 0, "endMs": 100} for w in body["text"].split()
            ],
            "warning": None,
        }
        if body.get("encodeAsBase64"):
            answer["encodedAudio"] = base64.b64encode(audio).decode()
        return JSONResponse(answer)

    async def file(self, request: Request) -> Response:
        if "api-key" in request.headers:  # the key must never leave for the file host
            return Response(status_code=400)
        audio = self.files.get(request.path_params["name"])
        if audio is None:
            return Response(status_code=404)
        kind = "audio/wav" if request.path_params["name"].endswith(".wav") else "audio/mpeg"
        return Response(audio, media_type=kind)
