"""A local stand-in for Flowise's prediction endpoint, modelled on **Flowise 3.1.4** (read from its
source, ``packages/server`` and ``packages/components``, and run against the real server; see
PROVIDERS.md): one chatflow made of a Conversation Chain, a memory node and a chat model, as
``deploy/flowise/tutor-chatflow.json`` builds it.

Where it matters, it behaves like Flowise:

- the key is checked inside ``buildChatflow``: a wrong one is a **500**
  ``"Error: predictionsServices.buildChatflow - Unauthorized"`` (not a 401);
- the System Message (``overrideConfig.systemMessagePrompt`` when ``allow_system_override``,
  else Flowise's default) is escaped the way Flowise does (only braces holding a colon), then
  rendered as a LangChain f-string template: a lone ``{word}`` fails the prediction with
  ``Missing value for input variable `word```, a lone brace with a parse error; ``{{$vars.x}}``
  is replaced by the global variable ``x`` first, as Flowise's own variables are;
- memory is kept per ``overrideConfig.sessionId`` (else ``chatId``), and a request's
  ``history`` is put before it (so a driver that sends both doubles the history);
- a streaming request to a flow that can stream is answered with Flowise's SSE events
  (``message:\\ndata:{"event", "data"}``: ``start``, ``token``…, ``metadata``, ``end``), and a
  failure inside ``buildChatflow`` as an ``error`` event followed by ``end``, on a 200;
- a streaming request to a chatflow it does not have is never answered (Flowise's error handler
  writes nothing for a streaming request), while ``GET /api/v1/chatflows-streaming/{id}`` says
  at once that it is not found.

``model_calls`` holds what the chat model received, one list of ``{role, content}`` per call.
Steps a test can queue (``fake.then(...)``): ``{"text": "..."}`` (the model's reply),
``{"json": {...}}`` (a structured output parser's), ``{"error": "..."}`` (a failure inside
``buildChatflow``: a 500, or an ``error`` event when streaming), ``{"status": 429, "message":
"..."}`` (an HTTP answer before the flow runs). Without a step the model answers the tutor's JSON.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.server import Scripted

FLOWISE_VERSION = "3.1.4"
DEFAULT_TEXT = json.dumps(
    {"text": "Cześć! Co słychać?", "next_dialogue": "Jak masz na imię?", "corrections": []},
    ensure_ascii=False,
)
DEFAULT_SYSTEM_MESSAGE = (
    "The following is a friendly conversation between a human and an AI. The AI is talkative "
    "and provides lots of specific details from its context. If the AI does not know the "
    "answer to a question, it truthfully says it does not know."
)
_BRACES_WITH_COLON = re.compile(r"(?<!\{)\{([^{}]*?)\}(?!\})")
_FLOWISE_VARIABLE = re.compile(r"\{\{\$vars\.([^{}]+?)\}\}")


class FlowError(Exception):
    """A failure inside Flowise's ``buildChatflow``."""


def failure(status: int, message: str) -> JSONResponse:
    return JSONResponse(
        {"statusCode": status, "success": False, "message": message, "stack": {}},
        status_code=status,
    )


def transform_braces_with_colon(text: str) -> str:
    """Flowise's ``transformBracesWithColon``: ``{a: b}`` becomes ``{{a: b}}``, nothing else."""

    def double(match: re.Match[str]) -> str:
        return "{{" + match[1] + "}}" if ":" in match[1] else match[0]

    return _BRACES_WITH_COLON.sub(double, text)


def render_fstring(template: str, values: dict[str, str]) -> str:
    """LangChain JS's f-string template (``parseFString``, then formatting)."""
    out: list[str] = []
    missing: list[str] = []
    i = 0
    while i < len(template):
        if template.startswith("{{", i):
            out.append("{")
            i += 2
        elif template.startswith("}}", i):
            out.append("}")
            i += 2
        elif template[i] == "{":
            end = template.find("}", i)
            if end < 0:
                raise FlowError("Error: Unclosed '{' in template.")
            name = template[i + 1 : end]
            if name in values:
                out.append(values[name])
            else:
                missing.append(name)
            i = end + 1
        elif template[i] == "}":
            raise FlowError("Error: Single '}' in template.")
        else:
            following = [p for p in (template.find("{", i), template.find("}", i)) if p >= 0]
            stop = min(following) if following else len(template)
            out.append(template[i:stop])
            i = stop
    if missing:  # LangChain's addLangChainErrorFields adds the troubleshooting link
        raise FlowError(
            f"Missing value for input variable `{missing[0]}`\n\nTroubleshooting URL: "
            "https://docs.langchain.com/oss/javascript/langchain/errors/INVALID_PROMPT_INPUT/\n"
        )
    return "".join(out)


class FakeFlowise(Scripted):
    def __init__(
        self,
        chatflow_id: str = "tutor-flow",
        api_key: str = "flowise-key",
        *,
        memory: bool = True,
        allow_system_override: bool = True,
        streamable: bool = True,
        variables: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.chatflow_id = chatflow_id
        self.api_key = api_key
        self.memory = memory
        self.allow_system_override = allow_system_override
        self.streamable = streamable
        self.variables = variables or {"tutor_secret": "flowise-global-variable-value"}
        self.sessions: dict[str, list[dict[str, str]]] = {}
        self.model_calls: list[list[dict[str, str]]] = []
        self.app = Starlette(
            routes=[
                Route("/api/v1/prediction/{flow}", self.predict, methods=["POST"]),
                Route("/api/v1/chatflows-streaming/{flow}", self.can_stream, methods=["GET"]),
            ]
        )

    def reset(self) -> None:
        super().reset()
        self.sessions.clear()
        self.model_calls.clear()
        self.memory = True
        self.allow_system_override = True
        self.streamable = True

    async def can_stream(self, request: Request) -> Response:
        flow = request.path_params["flow"]
        if flow != self.chatflow_id:
            return failure(
                500,
                "Error: chatflowsService.checkIfChatflowIsValidForStreaming - "
                f"Chatflow {flow} not found",
            )
        return JSONResponse({"isStreaming": self.streamable})

    async def predict(self, request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        self.requests.append(body)
        if request.path_params["flow"] != self.chatflow_id:
            if body.get("streaming") in (True, "true"):
                await asyncio.sleep(3600)  # no answer, ever: the client's timeout ends it
            return failure(404, f"Chatflow {request.path_params['flow']} not found")
        step = self.next_step() or {"text": DEFAULT_TEXT}
        if "status" in step:  # e.g. the rate limiter, before the flow runs
            return failure(step["status"], step.get("message", "scripted failure"))
        override = body.get("overrideConfig") or {}
        chat_id = body.get("chatId") or override.get("sessionId") or str(uuid.uuid4())
        if body.get("streaming") in (True, "true") and self.streamable:
            return StreamingResponse(
                self._events(request, body, step, chat_id), media_type="text/event-stream"
            )
        try:
            answer = self._build(request, body, step, chat_id)
        except FlowError as exc:
            return failure(500, f"Error: predictionsServices.buildChatflow - {exc}")
        return JSONResponse(answer)

    def _build(
        self, request: Request, body: dict[str, Any], step: dict[str, Any], chat_id: str
    ) -> dict[str, Any]:
        """``utilBuildChatflow``: the key, then the flow: prompt, memory, model."""
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            raise FlowError("Unauthorized")
        if "error" in step:
            raise FlowError(step["error"])
        question = body.get("question")
        if not isinstance(question, str):
            raise FlowError("Question is required")
        override = body.get("overrideConfig") or {}
        system = DEFAULT_SYSTEM_MESSAGE
        if self.allow_system_override and isinstance(override.get("systemMessagePrompt"), str):
            system = override["systemMessagePrompt"]
        # resolveVariables (Flowise's own {{...}}), then the chain's transformBracesWithColon.
        system = _FLOWISE_VARIABLE.sub(lambda m: self.variables.get(m[1], m[0]), system)
        rendered = render_fstring(transform_braces_with_colon(system), {"input": question})
        session = str(override.get("sessionId") or chat_id)
        stored = self.sessions.setdefault(session, []) if self.memory else []
        prepended = [
            {
                "role": "user" if m.get("role") == "userMessage" else "assistant",
                "content": m["content"],
            }
            for m in body.get("history") or []
        ]
        self.model_calls.append(
            [
                {"role": "system", "content": rendered},
                *prepended,
                *stored,
                {"role": "user", "content": question},
            ]
        )
        text = step.get("text", "")
        if self.memory:
            stored += [
                {"role": "user", "content": question},
                {"role": "assistant", "content": text},
            ]
        answer: dict[str, Any] = {
            "text": text,
            "question": question,
            "chatId": chat_id,
            "chatMessageId": str(uuid.uuid4()),
            "isStreamValid": bool(body.get("streaming")) and self.streamable,
            "sessionId": session,
            "memoryType": "Buffer Window Memory" if self.memory else None,
        }
        if "json" in step:
            answer["json"] = step["json"]
        return answer

    async def _events(
        self, request: Request, body: dict[str, Any], step: dict[str, Any], chat_id: str
    ) -> AsyncIterator[str]:
        def event(kind: str, data: Any) -> str:
            return "message:\ndata:" + json.dumps({"event": kind, "data": data}) + "\n\n"

        try:
            answer = self._build(request, body, step, chat_id)
        except FlowError as exc:
            yield event("error", f"Error: predictionsServices.buildChatflow - {exc}")
            yield event("end", "[DONE]")
            return
        text = answer["text"]
        tokens = [text[start : start + 7] for start in range(0, len(text), 7)]
        if tokens:
            yield event("start", tokens[0])
        for token in tokens:
            yield event("token", token)
        metadata = {
            key: answer[key] for key in ("chatId", "chatMessageId", "question", "sessionId")
        }
        yield event("metadata", metadata)
        yield event("end", "[DONE]")
