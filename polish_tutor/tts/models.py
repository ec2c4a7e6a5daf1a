from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, Index, Integer, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base, TimestampMixin, UTCDateTime

# SQLite only auto-increments an INTEGER PRIMARY KEY.
_BIGINT_PK = BigInteger().with_variant(Integer(), "sqlite")


class AudioAsset(TimestampMixin, Base):
    """A synthesised audio file in the audio store, addressed by its job hash."""

    __tablename__ = "audio_assets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    driver: Mapped[str] = mapped_column(String(50))
    voice: Mapped[str] = mapped_column(String(100))
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(50))
    size_bytes: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class OutboxStatus:
    PENDING = "pending"  # written with the turn, not yet on the queue
    ENQUEUED = "enqueued"  # on the RQ queue
    DONE = "done"  # audio stored
    FAILED = "failed"  # the job gave up; ``error`` says why


class TtsOutbox(TimestampMixin, Base):
    """A speech request written in the same transaction as the turn that needs it."""

    __tablename__ = "tts_outbox"
    __table_args__ = (Index("ix_tts_outbox_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(_BIGINT_PK, primary_key=True, autoincrement=True)
    audio_key: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    voice: Mapped[str] = mapped_column(String(100))
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(10))
    driver: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    session_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    turn_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # X-Request-ID of the request that asked for it: the worker logs it with the job.
    request_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # Made ahead of time (lesson pre-synthesis): relayed to the "-ahead" queue, and after the
    # speech a learner is waiting for, by the poll as by the handoff.
    ahead: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
