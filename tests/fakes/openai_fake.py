"""A local stand-in for OpenAI's chat-completions and speech endpoints (PROVIDERS.md).

Steps a test can queue (``fake.then(...)``), each answering one request:
``{"reply": {...}}`` (the tutor's JSON), ``{"content": "raw text"}``, ``{"refusal": "..."}``,
``{"length": "partial text"}``, ``{"status": 429, "code": "rate_limit_exceeded",
"headers": {"Retry-After": "1"}}``. Without a step, chat answers a plain reply and speech a tone.
A request with ``"stream": true`` is answered with ``chat.completion.chunk`` events, as OpenAI
streams (Flowise's chat model nodes stream by default): ``token_chars`` characters a chunk,
``token_delay`` seconds apart (a model writing at a fixed pace; a reply not streamed then takes
as long). ``first_tokens``: when each reply's first chunk was (or would have been) written.
A streamed step may also say
``"hold_after": "words"``: the stream pauses once its content contains them, until the test
calls ``release()`` (at most ``HOLD_SECONDS``; ``released_by_test`` tells which), and
``"break_after": "words"``: the stream then ends with an error event, as OpenAI's does when
the server fails mid-stream.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.server import FAKE_MP3, Scripted, tone_wav

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "invalid_request_error",
    404: "invalid_request_error",
    429: "requests",
    500: "server_error",
    503: "server_error",
}
DEFAULT_REPLY: dict[str, Any] = {
    "text": "Dzień dobry! Jak się masz?",
    "next_dialogue": None,
    "corrections": [],
}
DEFAULT_NOTES = "Notes: the learner orders coffee; recurring mistake: kawa → kawę (accusative)."
HOLD_SECONDS = 10
VOICES = {"alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer"}


def error(status: int, message: str, code: str | None = None, **headers: str) -> JSONResponse:
    body = {
        "error": {
            "message": message,
            "type": ERROR_TYPES.get(status, "api_error"),
            "param": None,
            "code": code,
        }
    }
    return JSONResponse(body, status_code=status, headers=headers)


class FakeOpenAI(Scripted):
    def __init__(self, api_key: str = "sk-test-key") -> None:
        super().__init__()
        self.api_key = api_key
        self.token_chars = 8
        self.token_delay = 0.0
        self._release = threading.Event()
        self.released_by_test: bool | None = None
        self.first_tokens: list[float] = []  # time.monotonic() of each stream's first content
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/audio/speech", self.speech, methods=["POST"]),
                Route("/v1/audio/transcriptions", self.transcriptions, methods=["POST"]),
            ]
        )

    def release(self) -> None:
        """Lets a stream held by ``hold_after`` go on."""
        self._release.set()

    def reset(self) -> None:
        super().reset()
        self.token_chars = 8
        self.token_delay = 0.0
        self._release.clear()
        self.released_by_test = None
        self.first_tokens.clear()

    async def _hold(self) -> None:
        self.released_by_test = await asyncio.to_thread(self._release.wait, HOLD_SECONDS)

    def _unauthorised(self, request: Request) -> JSONResponse | None:
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return error(401, "Incorrect API key provided: sk-te***ey.", "invalid_api_key")
        return None

    def _scripted_error(self, step: dict[str, Any] | None) -> JSONResponse | None:
        if step is None or "status" not in step:
            return None
        return error(
            step["status"],
            step.get("message", "scripted failure"),
            step.get("code"),
            **step.get("headers", {}),
        )

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        if (denied := self._unauthorised(request)) is not None:
            return denied
        step = self.next_step()
        if (failure := self._scripted_error(step)) is not None:
            return failure
        if not isinstance(body.get("messages"), list) or not body.get("model"):
            return error(400, "'messages' and 'model' are required", "invalid_request")
        fmt = body.get("response_format") or {}
        if fmt.get("type") == "json_schema":
            schema = fmt["json_schema"]
            if schema.get("strict") and not _strict_ok(schema["schema"]):
                return error(400, "Invalid schema for response_format", "invalid_json_schema")
        # A request without a response format is a summary request (plain text back).
        step = step or ({"reply": DEFAULT_REPLY} if fmt else {"content": DEFAULT_NOTES})
        content: str | None = None
        refusal = None
        finish = "stop"
        if "reply" in step:
            content = json.dumps(step["reply"], ensure_ascii=False)
        elif "content" in step:
            content = step["content"]
        elif "refusal" in step:
            refusal = step["refusal"]
        elif "length" in step:
            content, finish = step["length"], "length"
        message: dict[str, Any] = {
            "role": "assistant",
            "content": content,
            "refusal": refusal,
            "annotations": [],
        }
        if body.get("stream"):
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(
                self._chunks(body["model"], content or "", finish, usage, step),
                media_type="text/event-stream",
            )
        if self.token_delay:
            # As long as the same reply takes streamed: a model writes it at the same pace.
            chunks = -(-len(content or "") // self.token_chars)
            self.first_tokens.append(time.monotonic() + self.token_delay)
            await asyncio.sleep(chunks * self.token_delay)
        return JSONResponse(
            {
                "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [
                    {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
                ],
                "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
                "system_fingerprint": "fp_fake",
            }
        )

    async def _chunks(
        self, model: str, content: str, finish: str, usage: bool, step: dict[str, Any]
    ) -> AsyncIterator[str]:
        """A completion as OpenAI streams it: a role delta, content deltas, the finish reason,
        the usage when asked for, then ``[DONE]``."""
        head = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fp_fake",
        }

        def chunk(delta: dict[str, Any], reason: str | None = None) -> str:
            choice = {"index": 0, "delta": delta, "finish_reason": reason, "logprobs": None}
            return f"data: {json.dumps({**head, 'choices': [choice]}, ensure_ascii=False)}\n\n"

        yield chunk({"role": "assistant", "content": ""})
        hold, cut = step.get("hold_after"), step.get("break_after")
        for start in range(0, len(content), self.token_chars):
            if self.token_delay:
                await asyncio.sleep(self.token_delay)
            if start == 0:
                self.first_tokens.append(time.monotonic())
            yield chunk({"content": content[start : start + self.token_chars]})
            written = content[: start + self.token_chars]
            if hold is not None and hold in written:
                hold = None
                await self._hold()
            if cut is not None and cut in written:
                failure = {"message": "The server had an error", "type": "server_error"}
                yield f"data: {json.dumps({'error': failure})}\n\n"
                return
        yield chunk({}, finish)
        if usage:
            totals = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
            yield f"data: {json.dumps({**head, 'choices': [], 'usage': totals})}\n\n"
        yield "data: [DONE]\n\n"

    async def speech(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        if (denied := self._unauthorised(request)) is not None:
            return denied
        if (failure := self._scripted_error(self.next_step())) is not None:
            return failure
        text = body.get("input")
        if not body.get("model") or not isinstance(text, str) or not text:
            return error(400, "'model' and 'input' are required", "invalid_request")
        if len(text) > 4096:
            return error(400, "'input' is longer than 4096 characters", "string_above_max_length")
        if body.get("voice") not in VOICES:
            return error(400, f"Invalid voice {body.get('voice')!r}", "invalid_value")
        speed = float(body.get("speed", 1.0))
        if not 0.25 <= speed <= 4.0:
            return error(400, "'speed' must be between 0.25 and 4.0", "invalid_value")
        fmt = body.get("response_format", "mp3")
        if fmt == "wav":
            return Response(tone_wav(), media_type="audio/wav")
        if fmt == "mp3":
            return Response(FAKE_MP3, media_type="audio/mpeg")
        return error(400, f"unsupported response_format {fmt!r}", "invalid_value")

    async def transcriptions(self, request: Request) -> Response:
        return await transcriptions(self, request)


# What the transcription endpoint hears without a scripted step: (word, probability).
DEFAULT_HEARD = [("Dzień", 0.9), ("dobry.", 0.8)]
TRANSCRIPTION_FORMATS = {"json", "text", "srt", "verbose_json", "vtt"}


async def transcriptions(fake: FakeOpenAI, request: Request) -> Response:
    """``POST /v1/audio/transcriptions`` (multipart): ``file`` and ``model`` required;
    ``timestamp_granularities[]`` only with ``verbose_json``. A step ``{"heard": [(word,
    probability), ...]}`` says what is heard; ``"probability": False`` leaves it out of the
    words, as OpenAI does (faster-whisper-server includes it)."""
    form = await request.form()
    upload = form.get("file")
    body: dict[str, Any] = {key: value for key, value in form.items() if key != "file"}
    body["timestamp_granularities"] = form.getlist("timestamp_granularities[]")
    audio = await upload.read() if upload is not None and not isinstance(upload, str) else b""
    body["file_bytes"] = len(audio)
    body["file_type"] = getattr(upload, "content_type", None)
    fake.requests.append(body)
    if (denied := fake._unauthorised(request)) is not None:
        return denied
    step = fake.next_step()
    if (failure := fake._scripted_error(step)) is not None:
        return failure
    if not audio or not body.get("model"):
        return error(400, "'file' and 'model' are required", "invalid_request")
    fmt = str(body.get("response_format") or "json")
    if fmt not in TRANSCRIPTION_FORMATS:
        return error(400, f"unsupported response_format {fmt!r}", "invalid_value")
    if body["timestamp_granularities"] and fmt != "verbose_json":
        return error(
            400, "timestamp_granularities requires response_format=verbose_json", "invalid_value"
        )
    heard = (step or {}).get("heard", DEFAULT_HEARD)
    text = " ".join(word for word, _ in heard)
    if fmt == "text":
        return Response(text, media_type="text/plain")
    if fmt != "verbose_json":
        return JSONResponse({"text": text})
    with_probability = (step or {}).get("probability", True)
    words = []
    for n, (word, probability) in enumerate(heard):
        entry: dict[str, Any] = {"word": word, "start": n * 0.4, "end": n * 0.4 + 0.35}
        if with_probability:
            entry["probability"] = probability
        words.append(entry)
    out: dict[str, Any] = {
        "task": "transcribe",
        "language": "polish",
        "duration": round(len(heard) * 0.4, 2),
        "text": text,
        "segments": [],
    }
    if "word" in body["timestamp_granularities"]:
        out["words"] = words
    return JSONResponse(out)


def _strict_ok(schema: Any) -> bool:
    """OpenAI's strict mode: every object lists all its properties as required, and no others."""
    if not isinstance(schema, dict):
        return True
    if schema.get("type") == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            return False
        if set(schema.get("required", [])) != set(props):
            return False
        if not all(_strict_ok(p) for p in props.values()):
            return False
    if "items" in schema and not _strict_ok(schema["items"]):
        return False
    return all(_strict_ok(d) for d in schema.get("$defs", {}).values())
