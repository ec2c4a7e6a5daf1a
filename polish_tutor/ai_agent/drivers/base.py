"""The seam between the chat service and whatever produces the tutor's replies."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext


@runtime_checkable
class AgentDriverProtocol(Protocol):
    """Produces the tutor's reply to one learner message.

    A driver is created once per process (in the application's lifespan) and shared by all
    requests, so it must be safe to call concurrently from one event loop. It receives
    everything it needs in the :class:`ConversationContext` — the learner's message, the
    lesson and the learner's place in it, recent turns and preferences — and must not read or
    write the database itself: the chat service stores the turn, so a driver never loses or
    duplicates one.

    ``reply`` returns an :class:`AgentReply`: the reply text, the next dialogue line (or
    ``None``), a structured :class:`Feedback` (verdict, issues and their rules; ``None`` when
    the message was not an answer to judge), the learner's new :class:`LessonState`, and the
    :class:`PromptRef` that identifies the prompt or lesson text used, so any reply can be
    reproduced. A driver that talks to a remote provider raises
    :class:`AgentDriverError` when it cannot answer; it never returns a half-made reply.

    ``complete`` answers one plain prompt (the session summaries' request) through the same
    provider, retries and breaker; ``None`` from a driver with no model (the local tutor).

    ``aclose`` releases connections; it is called once, at shutdown.
    """

    name: str

    async def reply(self, context: ConversationContext) -> AgentReply: ...

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None: ...

    async def aclose(self) -> None: ...


class ReplyTextSink(Protocol):
    """Where a streaming driver puts the reply's text while the model writes it."""

    async def text(self, delta: str) -> None: ...

    async def text_done(self) -> None: ...


@runtime_checkable
class StreamingDriver(Protocol):
    """A driver that can also give the reply's text as the model writes it.

    ``reply_stream`` returns the same :class:`AgentReply` ``reply`` would, and meanwhile
    passes the reply text's pieces to ``sink.text`` in order, then calls ``sink.text_done``
    once the text is complete (the rest of the reply, such as the corrections, may still be
    coming). The pieces are shown to the learner at once, so the driver passes only text it
    will not take back: it retries nothing once a piece is out, and a failure after that raises
    :class:`ReplyInterrupted`. The returned reply's ``text`` is what counts; a driver whose
    reply had to be repaired may return a text other than the pieces'. A driver that cannot
    stream a reply (a fallback that answered instead) may pass no text at all.
    """

    async def reply_stream(
        self, context: ConversationContext, sink: ReplyTextSink
    ) -> AgentReply: ...


class AgentDriverError(Exception):
    """A driver could not produce a reply (provider down, malformed output, ...)."""


class ReplyInterrupted(AgentDriverError):
    """A streamed reply broke off after part of its text was shown: no fallback can finish it."""
