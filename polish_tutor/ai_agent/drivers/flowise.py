"""The tutor through a Flowise chatflow (``POST /api/v1/prediction/{chatflowId}``).

The flow keeps its own memory under ``overrideConfig.sessionId``, bound to our session id; the
recent turns also go in ``history`` for flows without memory. A flow with a structured output
parser answers in ``json``; otherwise its ``text`` is read as the tutor's JSON object when it is
one, and as a plain reply (no corrections) when it is not.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import ValidationError

from polish_tutor.ai_agent.conversation import PlannedTurn, TurnPlanner, parse_tutor_output
from polish_tutor.ai_agent.resilience import (
    OutputError,
    ProviderError,
    ResilientCaller,
    parse_retry_after,
    retryable_status,
)
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, TutorOutput


class FlowiseDriver:
    name = "flowise"

    def __init__(
        self,
        *,
        base_url: str,
        chatflow_id: str,
        api_key: str | None,
        timeout: float,
        streaming: bool,
        planner: TurnPlanner,
        caller: ResilientCaller,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self._path = f"/api/v1/prediction/{chatflow_id}"
        self._streaming = streaming
        self._planner = planner
        self._caller = caller

    async def aclose(self) -> None:
        await self._client.aclose()

    async def reply(self, context: ConversationContext) -> AgentReply:
        planned = self._planner.plan(context)
        body = self._body(planned)
        answer = await self._caller.call(
            (lambda: self._stream(body)) if self._streaming else (lambda: self._predict(body))
        )
        return self._planner.finish(planned, self._output(answer))

    def _body(self, planned: PlannedTurn) -> dict[str, Any]:
        history = [
            {"role": "userMessage" if m.role == "user" else "apiMessage", "content": m.content}
            for m in planned.messages[1:-1]
        ]
        return {
            "question": planned.context.message,
            "streaming": self._streaming,
            "history": history,
            "overrideConfig": {
                "sessionId": str(planned.context.session_id),
                "systemMessagePrompt": planned.system,
            },
        }

    async def _predict(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self._client.post(self._path, json=body)
        except httpx.TimeoutException as exc:
            raise ProviderError("flowise timed out", retryable=True) from exc
        except httpx.TransportError as exc:
            raise ProviderError("flowise is unreachable", retryable=True) from exc
        if response.status_code != 200:
            raise _status_error(response)
        try:
            data = response.json()
        except ValueError:
            raise ProviderError(
                "flowise answered with something not JSON", retryable=True
            ) from None
        if not isinstance(data, dict):
            raise ProviderError("flowise answered with an unexpected body", retryable=True)
        return data

    async def _stream(self, body: dict[str, Any]) -> dict[str, Any]:
        tokens: list[str] = []
        try:
            async with self._client.stream("POST", self._path, json=body) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise _status_error(response)
                if "text/event-stream" not in response.headers.get("content-type", ""):
                    await response.aread()
                    data = response.json()  # a flow that cannot stream answers in one piece
                    return data if isinstance(data, dict) else {}
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    event = _event(line[len("data:") :].strip())
                    kind, payload = event.get("event"), event.get("data")
                    if kind == "token" and isinstance(payload, str):
                        tokens.append(payload)
                    elif kind == "error":
                        raise ProviderError(
                            f"flowise stream failed: {str(payload)[:200]}", retryable=True
                        )
                    elif kind == "end":
                        break
        except httpx.TimeoutException as exc:
            raise ProviderError("flowise timed out", retryable=True) from exc
        except httpx.TransportError as exc:
            raise ProviderError("flowise is unreachable", retryable=True) from exc
        return {"text": "".join(tokens)}

    def _output(self, answer: dict[str, Any]) -> TutorOutput:
        structured = answer.get("json")
        if isinstance(structured, dict):
            try:
                return TutorOutput.model_validate(structured)
            except ValidationError:
                pass
        text = answer.get("text")
        if not isinstance(text, str) or not text.strip():
            raise OutputError("flowise answered without text")
        try:
            return parse_tutor_output(text)
        except OutputError:
            return TutorOutput(text=text.strip(), next_dialogue=None, corrections=[])


def _event(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _status_error(response: httpx.Response) -> ProviderError:
    status = response.status_code
    message = ""
    try:
        body = response.json()
        if isinstance(body, dict):
            message = str(body.get("message", ""))[:200]
    except ValueError:
        pass
    if status in (401, 403):
        message = "the API key was rejected"
    elif status == 404:
        message = "no such chatflow"
    return ProviderError(
        f"flowise answered {status}" + (f": {message}" if message else ""),
        retryable=retryable_status(status),
        retry_after=parse_retry_after(response.headers),
        status=status,
    )
