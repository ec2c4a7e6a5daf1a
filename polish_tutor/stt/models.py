from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, LargeBinary, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base, TimestampMixin, UTCDateTime, new_id


class RecognitionStatus:
    PENDING = "pending"  # stored with its recording, not yet on the queue
    ENQUEUED = "enqueued"  # on the RQ queue
    DONE = "done"  # transcribed
    FAILED = "failed"  # the job gave up; ``error`` says why


class SpeechRecognition(TimestampMixin, Base):
    """A learner's recording and what was heard in it: the outbox row of the transcription
    job, and what proves whose it is (every read filters by ``user_id``).

    The recording itself is kept only until it is transcribed (``TUTOR_STT_KEEP_AUDIO``
    seconds after, 0 by default): then ``audio`` is emptied and ``audio_deleted_at`` set."""

    __tablename__ = "stt_requests"
    __table_args__ = (Index("ix_stt_requests_status_created_at", "status", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(String(10), default=RecognitionStatus.PENDING)
    content_type: Mapped[str] = mapped_column(String(50))
    audio: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    expected: Mapped[str | None] = mapped_column(Text, default=None)
    # a listening item's sentence: the recogniser's prompt, never told back to the learner
    expected_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    transcript: Mapped[str | None] = mapped_column(Text, default=None)
    words: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    audio_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    request_id: Mapped[str | None] = mapped_column(String(64), default=None)
