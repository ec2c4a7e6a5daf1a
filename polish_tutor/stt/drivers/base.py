"""The seam between a transcription job and whatever turns a learner's recording into words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class TranscriptionRequest:
    audio: bytes  # the recording as uploaded: WebM/Opus, Ogg/Opus, MP4/AAC or WAV
    content_type: str  # e.g. "audio/webm", "audio/wav"
    language: str = "pl"
    expected: str | None = None  # the sentence the learner is to say, if known


@dataclass(frozen=True, slots=True)
class HeardWord:
    word: str
    probability: float | None  # how sure the recogniser is; None: it does not say


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    words: tuple[HeardWord, ...]
    duration_s: float  # of the recording


@runtime_checkable
class RecognitionDriverProtocol(Protocol):
    """Turns one :class:`TranscriptionRequest` into a :class:`Transcript`.

    Drivers run inside RQ jobs, which are synchronous: ``transcribe`` blocks until the words
    are known. A driver is built once per worker process (a model loads once) and reused for
    every job; ``close`` releases it.

    ``expected``, when given, is the sentence the learner is to say: a driver may use it as
    the decoder's prompt, which makes a right answer far more likely to be heard exactly, but
    it must not put words into the transcript that were not spoken (no text past the end of
    the speech). ``words`` carry the recogniser's confidence per word where it has one: the
    tutor marks words below a threshold "not clear" instead of "wrong".

    Failures raise :class:`RecognitionDriverError`; ``retryable=True`` means the same request
    may succeed later (rate limit, timeout, 5xx) and the job is retried with backoff, while
    ``retryable=False`` (unreadable audio, bad key) fails the job at once with ``message``
    shown to the learner. The message must never contain a secret or the learner's words.
    """

    name: str

    def transcribe(self, request: TranscriptionRequest) -> Transcript: ...

    def close(self) -> None: ...


class RecognitionDriverError(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
