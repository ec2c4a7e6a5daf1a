"""The tutor through any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama,
llama.cpp), with strict structured output and one repair attempt for servers that ignore it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import openai
from openai.lib._parsing import type_to_response_format_param

from polish_tutor.ai_agent.conversation import ChatMessage, TurnPlanner, parse_tutor_output
from polish_tutor.ai_agent.drivers.base import ReplyInterrupted, ReplyTextSink
from polish_tutor.ai_agent.partial_json import FieldTextStream
from polish_tutor.ai_agent.resilience import (
    OutputError,
    ProviderError,
    ResilientCaller,
    parse_retry_after,
    retryable_status,
)
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, TutorOutput

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

# Strict structured output, built by the SDK from the pydantic model (what
# ``chat.completions.parse(response_format=TutorOutput)`` sends). The driver calls ``create``
# and validates the content itself: ``parse`` raises on a reply that is not the schema's JSON
# without giving its text, and the repair request quotes that text back to the model (servers
# that ignore the schema, such as llama.cpp or Ollama, get it right the second time).
RESPONSE_FORMAT = type_to_response_format_param(TutorOutput)


def provider_error(exc: Exception, provider: str) -> ProviderError:
    """Classify an ``openai`` SDK exception; the provider's own message is never repeated
    (a 401's message can quote part of the key)."""
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(f"{provider} timed out", retryable=True)
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(f"{provider} is unreachable", retryable=True)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        code = exc.code or ""
        if code == "insufficient_quota":
            return ProviderError(f"{provider} quota exhausted ({status})", retryable=False)
        if status in (401, 403):
            return ProviderError(
                f"{provider} rejected the API key ({status})", retryable=False, status=status
            )
        return ProviderError(
            f"{provider} answered {status}" + (f" ({code})" if code else ""),
            retryable=retryable_status(status),
            retry_after=parse_retry_after(exc.response.headers),
            status=status,
        )
    return ProviderError(f"{provider} failed ({type(exc).__name__})", retryable=False)


def as_openai_messages(messages: list[ChatMessage]) -> list[ChatCompletionMessageParam]:
    return cast(
        "list[ChatCompletionMessageParam]",
        [{"role": m.role, "content": m.content} for m in messages],
    )


class OpenAIDriver:
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float,
        planner: TurnPlanner | None,
        caller: ResilientCaller,
    ) -> None:
        # Our caller retries (only what may pass) and keeps the breaker: the SDK must not.
        self._client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",  # Ollama, vLLM and llama.cpp ignore it
            timeout=timeout,
            max_retries=0,
        )
        self._model = model
        self._planner = planner
        self._caller = caller

    @property
    def _plan(self) -> TurnPlanner:
        """The turn planner (a driver built for completions only has none)."""
        if self._planner is None:
            raise RuntimeError(f"{self.name}: built for completions only, not for turns")
        return self._planner

    async def aclose(self) -> None:
        await self._client.close()

    async def reply(self, context: ConversationContext) -> AgentReply:
        planned = self._plan.plan(context)
        output = await self._structured(planned.messages)
        return self._plan.finish(planned, output)

    async def reply_stream(self, context: ConversationContext, sink: ReplyTextSink) -> AgentReply:
        """The reply, its ``text`` passed to ``sink`` as the model writes it (the JSON object is
        streamed and its ``text`` field read as it grows: ``partial_json``)."""
        planned = self._plan.plan(context)
        output = await self._structured(planned.messages, sink)
        return self._plan.finish(planned, output)

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        async def call() -> ChatCompletion:
            try:
                return await self._client.chat.completions.create(
                    model=self._model,
                    messages=[{"role": "user", "content": prompt}],
                    max_tokens=max_tokens,
                )
            except openai.OpenAIError as exc:
                raise provider_error(exc, self.name) from exc

        completion = await self._caller.call(call)
        return completion.choices[0].message.content if completion.choices else None

    async def _structured(
        self, messages: list[ChatMessage], sink: ReplyTextSink | None = None
    ) -> TutorOutput:
        if sink is None:
            content, truncated = await self._complete(messages)
        else:
            content, truncated = await self._complete_streamed(messages, sink)
        try:
            if truncated:
                raise OutputError("it was cut off at the length limit; answer shorter")
            return parse_tutor_output(content)
        except OutputError as problem:
            repair = [
                *messages,
                ChatMessage("assistant", content or ""),
                self._plan.repair_message(str(problem)),
            ]
        content, truncated = await self._complete(repair)
        if truncated:
            raise OutputError(f"{self.name}: the reply was cut off twice")
        return parse_tutor_output(content)

    async def _complete(self, messages: list[ChatMessage]) -> tuple[str | None, bool]:
        async def call() -> ChatCompletion:
            try:
                return await self._client.chat.completions.create(
                    model=self._model,
                    messages=as_openai_messages(messages),
                    response_format=RESPONSE_FORMAT,
                )
            except openai.OpenAIError as exc:
                raise provider_error(exc, self.name) from exc

        completion = await self._caller.call(call)
        if not completion.choices:
            raise OutputError(f"{self.name} returned no choices")
        choice = completion.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            raise OutputError(f"{self.name} refused to answer")
        return choice.message.content, choice.finish_reason == "length"

    async def _complete_streamed(
        self, messages: list[ChatMessage], sink: ReplyTextSink
    ) -> tuple[str | None, bool]:
        """``_complete`` with ``stream=True``: the content as it comes, its ``text`` field to
        ``sink``. Retried (by the caller) only while no text has reached the sink."""
        shown = False

        async def call() -> tuple[str | None, bool]:
            nonlocal shown
            if shown:  # a retry would show the text twice
                raise ReplyInterrupted(f"{self.name} broke off mid-reply")
            reader = FieldTextStream()
            content: list[str] = []
            finish: str | None = None
            refused = False
            try:
                stream = await self._client.chat.completions.create(
                    model=self._model,
                    messages=as_openai_messages(messages),
                    response_format=RESPONSE_FORMAT,
                    stream=True,
                )
                async for chunk in stream:
                    if not chunk.choices:
                        continue
                    choice = chunk.choices[0]
                    if getattr(choice.delta, "refusal", None):
                        refused = True
                    piece = choice.delta.content
                    if piece:
                        content.append(piece)
                        if not reader.done:
                            text = reader.feed(piece)
                            if text:
                                shown = True
                                await sink.text(text)
                            if reader.done:
                                await sink.text_done()
                    if choice.finish_reason:
                        finish = choice.finish_reason
            except openai.OpenAIError as exc:
                if shown:
                    raise ReplyInterrupted(f"{self.name} broke off mid-reply") from exc
                raise provider_error(exc, self.name) from exc
            if refused:
                raise OutputError(f"{self.name} refused to answer")
            if shown and not reader.done:
                await sink.text_done()
            return ("".join(content) if content else None), finish == "length"

        try:
            return await self._caller.call(call)
        except ProviderError as exc:
            if shown:  # the timeout struck mid-reply
                raise ReplyInterrupted(f"{self.name} broke off mid-reply") from exc
            raise
