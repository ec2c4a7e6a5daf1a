from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from polish_tutor.kit.text import LearnerText

AudioJobStatus = Literal["queued", "started", "finished", "failed"]
# A voice is a name from the driver's list (tts/drivers/voices.py); the pattern only keeps
# paths, options and control characters out before that check.
VoiceName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9+_.-]{0,63}$")]


class AudioJobStatusOut(BaseModel):
    audio_job_id: str
    status: AudioJobStatus
    audio_url: str | None = None
    error: str | None = None


class SpeechIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: LearnerText = Field(min_length=1, max_length=2000)
    voice: VoiceName | None = None
    speed: float = Field(default=1.0, ge=0.5, le=1.5)


class SpeechAccepted(BaseModel):
    audio_job_id: str
