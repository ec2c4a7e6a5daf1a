from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AudioJobStatus = Literal["queued", "started", "finished", "failed"]


class AudioJobStatusOut(BaseModel):
    audio_job_id: str
    status: AudioJobStatus
    audio_url: str | None = None
    error: str | None = None


class SpeechIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2000)
    voice: str | None = Field(default=None, max_length=100)
    speed: float = Field(default=1.0, ge=0.5, le=1.5)


class SpeechAccepted(BaseModel):
    audio_job_id: str
