"""A remote driver with the local tutor behind it: a provider's failure never costs a turn."""

from __future__ import annotations

import logging
import time

from polish_tutor.ai_agent.drivers.base import (
    AgentDriverProtocol,
    ReplyInterrupted,
    ReplyTextSink,
    StreamingDriver,
)
from polish_tutor.ai_agent.resilience import error_class
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext
from polish_tutor.kit.metrics import DRIVER_CALL_LATENCY, DRIVER_ERRORS, FALLBACKS

log = logging.getLogger(__name__)


class FallbackDriver:
    """Answers with ``primary``; when it fails (after its own retries, or with its breaker
    open) the ``fallback`` answers instead and the reply says ``degraded`` and who answered."""

    def __init__(self, primary: AgentDriverProtocol, fallback: AgentDriverProtocol) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.degraded_total = 0

    async def reply(self, context: ConversationContext) -> AgentReply:
        return await self._answer(context, None)

    async def reply_stream(self, context: ConversationContext, sink: ReplyTextSink) -> AgentReply:
        """The primary's reply as it streams (a primary that cannot stream: its whole reply,
        no text to ``sink``); the fallback's, whole, when the primary fails before any text
        was shown. A failure after that is :class:`ReplyInterrupted`: a reply half shown
        cannot be finished by another tutor."""
        return await self._answer(context, sink)

    async def _answer(self, context: ConversationContext, sink: ReplyTextSink | None) -> AgentReply:
        started = time.perf_counter()
        try:
            if sink is not None and isinstance(self.primary, StreamingDriver):
                reply = await self.primary.reply_stream(context, sink)
            else:
                reply = await self.primary.reply(context)
        except Exception as exc:  # noqa: BLE001 - whatever the provider did, the learner gets an answer
            kind = error_class(exc)
            DRIVER_CALL_LATENCY.labels(self.primary.name, "error").observe(
                time.perf_counter() - started
            )
            DRIVER_ERRORS.labels(self.primary.name, kind).inc()
            if isinstance(exc, ReplyInterrupted):
                log.warning("%s broke off mid-reply (%s)", self.primary.name, type(exc).__name__)
                raise
            FALLBACKS.labels(self.primary.name, kind).inc()
            # The message names the provider and status only; exc_info could carry a request.
            log.warning(
                "%s failed (%s: %s); answering with %s",
                self.primary.name,
                type(exc).__name__,
                exc,
                self.fallback.name,
            )
            self.degraded_total += 1
            reply = await self.fallback.reply(context)
            return reply.model_copy(update={"driver": self.fallback.name, "degraded": True})
        DRIVER_CALL_LATENCY.labels(self.primary.name, "ok").observe(time.perf_counter() - started)
        return reply.model_copy(update={"driver": self.primary.name})

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        """The primary's completion; ``None`` when it fails (the caller has a plan B)."""
        try:
            return await self.primary.complete(prompt, max_tokens=max_tokens)
        except Exception as exc:  # noqa: BLE001 - a failed completion is None to the caller
            kind = error_class(exc)
            DRIVER_ERRORS.labels(self.primary.name, kind).inc()
            log.warning("%s completion failed (%s: %s)", self.primary.name, type(exc).__name__, exc)
            return None

    async def aclose(self) -> None:
        try:
            await self.primary.aclose()
        finally:
            await self.fallback.aclose()
