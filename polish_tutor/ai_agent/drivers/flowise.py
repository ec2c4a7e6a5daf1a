"""The tutor through a Flowise chatflow (``POST /api/v1/prediction/{chatflowId}``), as Flowise 3
behaves (checked against 3.1.4; PROVIDERS.md).

- The tutor prompt goes to the Conversation Chain's *System Message* as
  ``overrideConfig.systemMessagePrompt``. Flowise compiles that text as a LangChain f-string
  template, so every value put in ``overrideConfig`` has its braces doubled
  (:func:`escape_template`): the model then gets it exactly as written.
- ``overrideConfig.sessionId`` is our session id: the flow's memory is keyed by it (Flowise
  reads it whatever the flow's override settings say). A flow with memory prepends a request's
  ``history`` to what it holds already, so ``history`` is sent only to a flow without memory
  (``flow_memory=False``).
- Flowise answers most failures with a 500 (a wrong API key included) or, when streaming, an
  ``error`` event on a 200: :func:`classify` reads the message and tells an operator's mistake
  (``auth``, ``configuration``: neither retried nor counted by the breaker) from what may pass
  (``transient``). The error's message says what to fix and never repeats Flowise's text, which
  can hold parts of the prompt.
- Flowise never answers a streaming prediction for a chatflow it does not have (the request
  hangs until our timeout): before streaming, and again after a streamed call that got no
  answer, the driver asks ``GET /api/v1/chatflows-streaming/{id}``, which says "not found" at once.
- Flowise does not pass a response format to the model: a reply that is not the tutor's JSON
  object gets one repair request in the same session, then the turn fails (and the local tutor
  answers it, degraded), as with the other drivers.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
from pydantic import ValidationError

from polish_tutor.ai_agent.conversation import PlannedTurn, TurnPlanner, parse_tutor_output
from polish_tutor.ai_agent.resilience import (
    OutputError,
    ProviderError,
    ResilientCaller,
    parse_retry_after,
)
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, TutorOutput

# What Flowise 3 itself reads between ``{{`` and ``}}`` in a node's input (its variables: global
# ``$vars``, ``$flow`` state, the question, another node's output): such a pair, made by
# doubling ``{x}``, gets a space after its opening brace so that it stays text.
_FLOWISE_VARIABLE = re.compile(
    r"\{(?=\$|(?:question|chat_history|file_attachment)\}|[A-Za-z][A-Za-z0-9]*_\d+[.}])"
)


def escape_template(text: str) -> str:
    """``text`` as a LangChain f-string template that renders to ``text``: ``{`` and ``}``
    doubled. (Flowise's own "braces with a colon" escaping leaves doubled braces alone.)"""
    text = _FLOWISE_VARIABLE.sub("{ ", text)
    return text.replace("{", "{{").replace("}", "}}")


def escape_override(value: Any) -> Any:
    """Every string in an ``overrideConfig`` value escaped by :func:`escape_template`."""
    if isinstance(value, str):
        return escape_template(value)
    if isinstance(value, dict):
        return {key: escape_override(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_override(item) for item in value]
    return value


# (kind, pattern in Flowise's message, what the operator reads); the first match wins.
_KNOWN_FAILURES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), advice)
    for kind, pattern, advice in (
        (
            "auth",
            r"check your API key|incorrect API key",
            "the chatflow's chat model was refused by its provider: check the credential of "
            "its chat model node",
        ),
        (
            "auth",
            r"(?:^|- )Unauthorized(?: Access)?\s*$",
            "Flowise rejected our API key: set TUTOR_FLOWISE_API_KEY to a key the chatflow accepts",
        ),
        (
            "configuration",
            r"Missing value for input|Single '\}' in template|Unclosed '\{' in template"
            r"|Invalid prompt schema",
            "a prompt in the chatflow is not a valid template (Missing value for input "
            "variable): braces in its own text must be doubled; the tutor prompt is escaped "
            "by this driver",
        ),
        (
            "configuration",
            r"isDeniedIP|denied by policy",
            "Flowise refused to call its chat model's address (isDeniedIP): start Flowise "
            "with HTTP_SECURITY_CHECK=false for a model on loopback or a private network",
        ),
        (
            "configuration",
            r"exceeded your current quota|insufficient_quota",
            "the chatflow's chat model has no quota left with its provider",
        ),
        (
            "configuration",
            r"Ending node|Node not found|Invalid sessionId|Invalid chatId|not allowed to access",
            "the chatflow cannot run as set up (see Flowise's log for the node)",
        ),
    )
)


def classify(
    status: int, message: str, *, chatflow_id: str, retry_after: float | None = None
) -> ProviderError:
    """A Flowise failure as a :class:`ProviderError` of kind ``auth``, ``configuration`` or
    ``transient``, from its HTTP status and the ``message`` of its body (or of a stream's
    ``error`` event, which is what a 500 says in a non-streaming call)."""
    for kind, pattern, advice in _KNOWN_FAILURES:
        if pattern.search(message):
            return ProviderError(f"flowise: {advice}", retryable=False, status=status, kind=kind)
    if status == 404:
        return ProviderError(
            f"flowise: there is no chatflow {chatflow_id!r} (TUTOR_FLOWISE_CHATFLOW_ID)",
            retryable=False,
            status=status,
            kind="configuration",
        )
    if status in (401, 403):
        return ProviderError(
            f"flowise refused the call ({status}): check TUTOR_FLOWISE_API_KEY",
            retryable=False,
            status=status,
            kind="auth",
        )
    if status in (408, 409, 429) or status >= 500:
        what = "is rate limiting us" if status == 429 else "or its chat model failed"
        return ProviderError(
            f"flowise {what} ({status}; Flowise's log has the details)",
            retryable=True,
            retry_after=retry_after,
            status=status,
            kind="transient",
        )
    return ProviderError(
        f"flowise refused the request ({status})",
        retryable=False,
        status=status,
        kind="configuration",
    )


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
        planner: TurnPlanner | None,
        caller: ResilientCaller,
        flow_memory: bool = True,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self._chatflow_id = chatflow_id
        self._path = f"/api/v1/prediction/{chatflow_id}"
        self._streaming = streaming
        self._stream_answered = False  # the last streamed call got an answer: no need to ask
        self._flow_memory = flow_memory
        self._planner = planner
        self._caller = caller

    @property
    def _plan(self) -> TurnPlanner:
        """The turn planner (a driver built for completions only has none)."""
        if self._planner is None:
            raise RuntimeError(f"{self.name}: built for completions only, not for turns")
        return self._planner

    async def aclose(self) -> None:
        await self._client.aclose()

    async def reply(self, context: ConversationContext) -> AgentReply:
        planned = self._plan.plan(context)
        override = escape_override(
            {"sessionId": str(context.session_id), "systemMessagePrompt": planned.system}
        )
        history = self._history(planned)
        answer = await self._ask(context.message, history, override)
        try:
            output = _output(answer)
        except OutputError as problem:
            # One repair request in the same session: a flow with memory holds the reply that
            # could not be used; one without gets it in the history.
            if not self._flow_memory:
                history = [
                    *history,
                    {"role": "userMessage", "content": context.message},
                    {"role": "apiMessage", "content": _text(answer)},
                ]
            repair = self._plan.repair_message(str(problem)).content
            try:
                output = _output(await self._ask(repair, history, override))
            except OutputError as again:
                raise OutputError(f"flowise: no usable reply after a repair ({again})") from None
        return self._plan.finish(planned, output)

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        """The prompt as a question of its own, in a chat of its own (a new ``sessionId``:
        never in a learner's memory); the flow's model decides the length."""
        override = escape_override({"sessionId": f"summary-{uuid.uuid4()}"})
        return _text(await self._ask(prompt, [], override)) or None

    def _history(self, planned: PlannedTurn) -> list[dict[str, str]]:
        if self._flow_memory:
            return []  # the flow's memory has the session's turns already
        return [
            {"role": "userMessage" if m.role == "user" else "apiMessage", "content": m.content}
            for m in planned.messages[1:-1]
        ]

    async def _ask(
        self, question: str, history: list[dict[str, str]], override: dict[str, Any]
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "question": question,
            "streaming": self._streaming,
            "overrideConfig": override,
        }
        if history:
            body["history"] = history
        return await self._caller.call(
            (lambda: self._stream(body)) if self._streaming else (lambda: self._predict(body))
        )

    async def _predict(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self._client.post(self._path, json=body)
        except httpx.TimeoutException as exc:
            raise ProviderError("flowise timed out", retryable=True, kind="transient") from exc
        except httpx.TransportError as exc:
            raise ProviderError("flowise is unreachable", retryable=True, kind="transient") from exc
        if response.status_code != 200:
            raise self._status_error(response)
        return _json_body(response)

    async def _stream(self, body: dict[str, Any]) -> dict[str, Any]:
        tokens: list[str] = []
        try:
            if not self._stream_answered:
                await self._check_chatflow()
            self._stream_answered = False
            async with self._client.stream("POST", self._path, json=body) as response:
                self._stream_answered = True
                if response.status_code != 200:
                    await response.aread()
                    raise self._status_error(response)
                if "text/event-stream" not in response.headers.get("content-type", ""):
                    await response.aread()  # a flow that cannot stream answers in one piece
                    return _json_body(response)
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue  # the "message:" line before each event, blank lines
                    event = _event(line[len("data:") :].strip())
                    kind, payload = event.get("event"), event.get("data")
                    if kind == "token" and isinstance(payload, str):
                        tokens.append(payload)
                    elif kind == "error":
                        # What a non-streaming call answers with a 500.
                        raise classify(500, str(payload), chatflow_id=self._chatflow_id)
                    elif kind == "end":
                        break
        except httpx.TimeoutException as exc:
            raise ProviderError("flowise timed out", retryable=True, kind="transient") from exc
        except httpx.TransportError as exc:
            raise ProviderError("flowise is unreachable", retryable=True, kind="transient") from exc
        return {"text": "".join(tokens)}

    async def _check_chatflow(self) -> None:
        """A chatflow Flowise does not have is a configuration error, found out at once."""
        response = await self._client.get(f"/api/v1/chatflows-streaming/{self._chatflow_id}")
        if response.status_code != 200 and "not found" in _message(response).lower():
            raise classify(404, "", chatflow_id=self._chatflow_id)
        # Anything else is for the prediction itself to say.

    def _status_error(self, response: httpx.Response) -> ProviderError:
        return classify(
            response.status_code,
            _message(response),
            chatflow_id=self._chatflow_id,
            retry_after=parse_retry_after(response.headers),
        )


def _message(response: httpx.Response) -> str:
    """The ``message`` of a Flowise error body (``{statusCode, success, message}``), if any."""
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("message", "")) if isinstance(body, dict) else ""


def _json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise ProviderError(
            "flowise answered with something not JSON", retryable=True, kind="transient"
        ) from None
    if not isinstance(data, dict):
        raise ProviderError(
            "flowise answered with an unexpected body", retryable=True, kind="transient"
        )
    return data


def _text(answer: dict[str, Any]) -> str:
    text = answer.get("text")
    return text if isinstance(text, str) else ""


def _output(answer: dict[str, Any]) -> TutorOutput:
    """The tutor's object from a flow's structured ``json``, else from its ``text``;
    ``OutputError`` says what is wrong with it."""
    structured = answer.get("json")
    if isinstance(structured, dict):
        try:
            return TutorOutput.model_validate(structured)
        except ValidationError:
            pass
    return parse_tutor_output(_text(answer))


def _event(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}
