from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.kit.text import LearnerText
from polish_tutor.turn_types import Speed, VoiceName

AudioJobStatus = Literal["queued", "started", "finished", "failed"]


class AudioJobStatusOut(BaseModel):
    audio_job_id: str
    status: AudioJobStatus
    audio_url: str | None = None
    error: str | None = None


class SpeechIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: LearnerText = Field(min_length=1, max_length=2000)
    voice: VoiceName | None = None
    speed: Speed = 1.0


class SpeechAccepted(BaseModel):
    audio_job_id: str
