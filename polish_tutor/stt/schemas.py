from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

RecognitionJobStatus = Literal["queued", "started", "finished", "failed"]


class HeardWordOut(BaseModel):
    word: str
    probability: float | None = None


class SpeechAccepted(BaseModel):
    speech_job_id: uuid.UUID
    status: RecognitionJobStatus = "queued"


class SpeechJobOut(BaseModel):
    speech_job_id: uuid.UUID
    status: RecognitionJobStatus
    transcript: str | None = None
    words: list[HeardWordOut] | None = None
    expected: str | None = Field(
        default=None,
        description="the sentence the recogniser was told to expect; never a listening item's",
    )
    duration_ms: int
    error: str | None = None
