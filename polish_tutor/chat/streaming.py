"""A streamed turn's reply on its way out: the text as the model writes it, and each sentence's
speech asked for as soon as the sentence is complete.

``POST /chat/stream`` (``chat/endpoints.py``) gives :meth:`ChatService.handle_turn` a
:class:`ReplyStream`; a driver that streams (``ai_agent/drivers/base.py``: ``StreamingDriver``)
writes the reply's text into it. Each piece goes out at once as a ``text`` event; each complete
sentence (``tts/sentences.py``) is asked for at once through ``SentenceSpeech`` — its own small
transaction, an outbox row committed and handed to the relay like any speech request — and
announced as an ``audio`` event. The turn itself is stored later, once, as any turn is; its
speech is the same sentences, so the ones asked for here are not asked for (nor made) again.
A turn that is not stored after all (the reply broke off, the database failed, another
request with the same Idempotency-Key stored its turn first) has that speech withdrawn: its
requests deleted, their jobs taken off the queue unless a worker has them or another request
waits for the same words (``SpeechService.withdraw``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from polish_tutor.tts.sentences import SentenceSplitter

log = logging.getLogger(__name__)

Emit = Callable[[str, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class SpeechTarget:
    """Who a streamed turn's sentences are spoken for, and how."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    turn_id: uuid.UUID
    voice: str | None
    speed: float


class SentenceSpeech(Protocol):
    """Asks for one sentence's speech now, committed and handed over; returns its audio key."""

    async def __call__(self, sentence: str, target: SpeechTarget) -> str: ...


class ReplyStream:
    """The ``ReplyTextSink`` of one streamed turn (see the module's docstring)."""

    def __init__(self, emit: Emit, speech: SentenceSpeech | None) -> None:
        self._emit = emit
        self._speech = speech
        self._splitter = SentenceSplitter()
        self._target: SpeechTarget | None = None
        self.turn_id = uuid.uuid4()  # the tutor turn's id, known before it is stored
        self.streamed = False  # the driver passed text as it came
        self.audio_keys: set[str] = set()  # the sentences' speech asked for so far
        self.committed = False  # the turn is stored: see :meth:`stored`
        self._sentences = 0

    def begin(
        self, *, user_id: uuid.UUID, session_id: uuid.UUID, voice: str | None, speed: float
    ) -> None:
        """Called by the chat service before it asks the driver (again, if it asks twice)."""
        self._target = SpeechTarget(user_id, session_id, self.turn_id, voice, speed)
        self._splitter = SentenceSplitter()

    def stored(self) -> None:
        """Called by the chat service once this turn has committed (not for a replay of
        another request's turn): the sentences' speech is the turn's. A stream that ends
        without it, its words shown, has its speech withdrawn (``chat/endpoints.py``)."""
        self.committed = True

    async def text(self, delta: str) -> None:
        self.streamed = True
        await self._emit("text", {"delta": delta})
        for sentence in self._splitter.feed(delta):
            await self._say(sentence)

    async def text_done(self) -> None:
        last = self._splitter.rest()
        if last:
            await self._say(last)

    async def _say(self, sentence: str) -> None:
        if self._speech is None or self._target is None:
            return
        try:
            key = await self._speech(sentence, self._target)
        except Exception as exc:  # noqa: BLE001 - the turn's own speech asks for it again
            log.warning("a sentence's speech could not be asked for early (%s)", type(exc).__name__)
            return
        self.audio_keys.add(key)
        await self._emit("audio", {"index": self._sentences, "audio_job_id": key})
        self._sentences += 1
