from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class SessionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lesson_id: str | None
    step_index: int
    completed: bool
    turn_count: int
    created_at: datetime
    updated_at: datetime


class TurnOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    seq: int
    role: str
    text: str
    next_dialogue: str | None
    feedback: dict[str, Any] | None
    driver: str | None
    degraded: bool = False
    prompt_id: str | None
    prompt_version: str | None
    prompt_commit: str | None
    latency_ms: float | None
    audio_job_id: str | None
    parts: list[dict[str, str]] | None = None
    audio_parts: list[str] | None = None
    created_at: datetime


class TranscriptOut(SessionOut):
    turns: list[TurnOut]
    # With ``limit``: pass this as ``before`` for the turns before these; None when there are
    # none (and always without ``limit``, which returns every turn).
    next_before: int | None = None
