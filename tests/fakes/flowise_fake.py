"""A local stand-in for Flowise's prediction endpoint, JSON and SSE (PROVIDERS.md).

Steps: ``{"text": "..."}``, ``{"json": {...}}``, ``{"status": 401, "message": "..."}``,
``{"stream_error": "..."}`` (an ``error`` event on a 200 stream). Without a step it answers the
tutor's JSON object as ``text``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.server import Scripted

DEFAULT_TEXT = json.dumps(
    {"text": "Cześć! Co słychać?", "next_dialogue": "Jak masz na imię?", "corrections": []},
    ensure_ascii=False,
)


def failure(status: int, message: str) -> JSONResponse:
    return JSONResponse(
        {"statusCode": status, "success": False, "message": message}, status_code=status
    )


class FakeFlowise(Scripted):
    def __init__(self, chatflow_id: str = "tutor-flow", api_key: str = "flowise-key") -> None:
        super().__init__()
        self.chatflow_id = chatflow_id
        self.api_key = api_key
        self.app = Starlette(
            routes=[Route("/api/v1/prediction/{flow}", self.predict, methods=["POST"])]
        )

    async def predict(self, request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        self.requests.append(body)
        if request.path_params["flow"] != self.chatflow_id:
            return failure(404, f"Chatflow {request.path_params['flow']} not found")
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return failure(401, "Unauthorized Access")
        step = self.next_step() or {"text": DEFAULT_TEXT}
        if "status" in step:
            return failure(step["status"], step.get("message", "scripted failure"))
        if not isinstance(body.get("question"), str):
            return failure(400, "Question is required")
        override = body.get("overrideConfig") or {}
        chat_id = body.get("chatId") or override.get("sessionId") or str(uuid.uuid4())
        text = step.get("text", "")
        if body.get("streaming"):
            return StreamingResponse(
                self._events(text, chat_id, step.get("stream_error")),
                media_type="text/event-stream",
            )
        answer: dict[str, Any] = {
            "text": text,
            "question": body["question"],
            "chatId": chat_id,
            "chatMessageId": str(uuid.uuid4()),
            "sessionId": chat_id,
            "followUpPrompts": "[]",
        }
        if "json" in step:
            answer["json"] = step["json"]
        return JSONResponse(answer)

    async def _events(self, text: str, chat_id: str, error: str | None) -> AsyncIterator[str]:
        def event(kind: str, data: Any) -> str:
            return f"message:\ndata:{json.dumps({'event': kind, 'data': data})}\n\n"

        yield event("start", "")
        if error is not None:
            yield event("error", error)
            return
        for start in range(0, len(text), 7):
            yield event("token", text[start : start + 7])
        yield event("metadata", {"chatId": chat_id, "chatMessageId": str(uuid.uuid4())})
        yield event("end", "[DONE]")
