"""The seam between a speech job and whatever turns text into audio."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class SpeechRequest:
    text: str
    voice: str
    speed: float  # 1.0 is the driver's normal learner pace; 0.5 is half as fast
    format: str  # "wav", "mp3", ...


@dataclass(frozen=True, slots=True)
class SynthesizedAudio:
    data: bytes
    content_type: str
    duration_ms: int


@runtime_checkable
class SpeechDriverProtocol(Protocol):
    """Turns one :class:`SpeechRequest` into audio bytes.

    Drivers run inside RQ jobs, which are synchronous: ``synthesize`` blocks until the audio
    is ready and returns it whole, in the requested ``format``. The slower speeds are
    synthesised at that rate, never time-stretched afterwards. A driver is built once per
    worker process and reused for every job; ``close`` releases its resources.

    Failures raise :class:`SpeechDriverError`; ``retryable=True`` means the same request may
    succeed later (rate limit, timeout, 5xx) and the job is retried with backoff, while
    ``retryable=False`` (bad request, quota, bad key) fails the job at once with ``message``
    shown to the learner as the job's error. The message must never contain a secret.
    """

    name: str

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio: ...

    def close(self) -> None: ...


class SpeechDriverError(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
