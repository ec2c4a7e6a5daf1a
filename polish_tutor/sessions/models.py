from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base, TimestampMixin, UTCDateTime, new_id, utcnow


class AgentSession(TimestampMixin, Base):
    """One conversation: a learner working through a lesson (or practising freely)."""

    __tablename__ = "agent_sessions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True, default=None
    )
    lesson_id: Mapped[str | None] = mapped_column(String(100), default=None)
    # Where the learner is: the dialogue step, tries on it, whether the lesson is done.
    step_index: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # The running summary of turns [0, summary_upto): what the driver sees of older turns.
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary_upto: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The extractive statistics of those turns (``TranscriptFacts.to_json``), which the next
    # summary job folds its new turns into; NULL until the first job. Deferred: only that
    # job reads them (the hot state never needs them).
    summary_facts: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None, deferred=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class AgentTurn(TimestampMixin, Base):
    """One utterance in a session, learner's or tutor's, in order (``seq``)."""

    __tablename__ = "agent_turns"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agent_sessions.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), default=None
    )
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))  # "learner" | "tutor"
    text: Mapped[str] = mapped_column(Text)
    next_dialogue: Mapped[str | None] = mapped_column(Text, default=None)
    feedback: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # The tutor's text in parts with their language ([{"text", "lang"}]), so that the page
    # neither speaks nor links English as Polish; NULL where the driver gave plain text.
    parts: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=None)
    driver: Mapped[str | None] = mapped_column(String(50), default=None)
    degraded: Mapped[bool] = mapped_column(Boolean, default=False)
    prompt_id: Mapped[str | None] = mapped_column(String(100), default=None)
    prompt_version: Mapped[str | None] = mapped_column(String(50), default=None)
    prompt_commit: Mapped[str | None] = mapped_column(String(64), default=None)
    latency_ms: Mapped[float | None] = mapped_column(Float, default=None)
    audio_job_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # A streamed reply's speech, one audio key per sentence in order (the first is
    # audio_job_id); NULL when the reply is spoken in one job.
    audio_parts: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    # Learner turns only: the client's Idempotency-Key (scoped by user) and the request's hash.
    idempotency_key: Mapped[str | None] = mapped_column(String(300), unique=True, default=None)
    request_hash: Mapped[str | None] = mapped_column(String(64), default=None)
