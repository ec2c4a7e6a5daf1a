"""All SQL about learners' recordings and their transcriptions: async for the API and the relay
(:class:`RecognitionRepository`), synchronous for the worker's job
(:class:`RecognitionJobRepository`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, undefer

from polish_tutor.kit.db import utcnow
from polish_tutor.stt.models import RecognitionStatus, SpeechRecognition

OPEN = (RecognitionStatus.PENDING, RecognitionStatus.ENQUEUED)
ENDED = (RecognitionStatus.DONE, RecognitionStatus.FAILED)


class RecognitionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: SpeechRecognition) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()

    async def owned(
        self, recognition_id: uuid.UUID, user_id: uuid.UUID
    ) -> SpeechRecognition | None:
        """The request, if it is this learner's (the recording itself is not loaded)."""
        query = select(SpeechRecognition).where(
            SpeechRecognition.id == recognition_id, SpeechRecognition.user_id == user_id
        )
        return (await self.session.scalars(query)).first()

    async def pending(
        self, limit: int, created_before: datetime
    ) -> Sequence[tuple[uuid.UUID, str | None]]:
        """Pending requests, oldest first: ``(id, request_id)``."""
        query = (
            select(SpeechRecognition.id, SpeechRecognition.request_id)
            .where(
                SpeechRecognition.status == RecognitionStatus.PENDING,
                SpeechRecognition.created_at < created_before,
            )
            .order_by(SpeechRecognition.created_at)
            .limit(limit)
        )
        return [(row.id, row.request_id) for row in (await self.session.execute(query)).all()]

    async def mark_enqueued(self, ids: Sequence[uuid.UUID]) -> None:
        """Only pending rows: a fast job may have finished already."""
        await self.session.execute(
            update(SpeechRecognition)
            .where(
                SpeechRecognition.id.in_(ids),
                SpeechRecognition.status == RecognitionStatus.PENDING,
            )
            .values(
                status=RecognitionStatus.ENQUEUED,
                enqueued_at=utcnow(),
                attempts=SpeechRecognition.attempts + 1,
            )
        )

    async def enqueued_before(self, moment: datetime, limit: int) -> Sequence[uuid.UUID]:
        query = (
            select(SpeechRecognition.id)
            .where(
                SpeechRecognition.status == RecognitionStatus.ENQUEUED,
                SpeechRecognition.enqueued_at < moment,
            )
            .order_by(SpeechRecognition.enqueued_at)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())

    async def back_to_pending(self, ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            update(SpeechRecognition)
            .where(
                SpeechRecognition.id.in_(ids),
                SpeechRecognition.status == RecognitionStatus.ENQUEUED,
            )
            .values(status=RecognitionStatus.PENDING)
        )

    async def delete_recordings(self, ended_before: datetime) -> int:
        """Empty the recordings of requests that ended before ``ended_before``."""
        result = await self.session.execute(
            update(SpeechRecognition)
            .where(
                SpeechRecognition.status.in_(ENDED),
                SpeechRecognition.audio_deleted_at.is_(None),
                SpeechRecognition.done_at < ended_before,
            )
            .values(audio=None, audio_deleted_at=utcnow())
        )
        return int(getattr(result, "rowcount", 0) or 0)


class RecognitionJobRepository:
    """All SQL a transcription job runs (synchronous, in the worker)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def open_request(self, recognition_id: uuid.UUID) -> SpeechRecognition | None:
        """The request with its recording, unless it has ended already."""
        query = (
            select(SpeechRecognition)
            .options(undefer(SpeechRecognition.audio))
            .where(SpeechRecognition.id == recognition_id, SpeechRecognition.status.in_(OPEN))
        )
        return self.session.scalars(query).first()

    def finish(
        self,
        recognition_id: uuid.UUID,
        *,
        status: str,
        delete_audio: bool,
        transcript: str | None = None,
        words: list[dict[str, Any]] | None = None,
        error: str | None = None,
    ) -> uuid.UUID | None:
        """End the request; returns its learner (``None``: no such request)."""
        now = utcnow()
        values: dict[str, Any] = {
            "status": status,
            "transcript": transcript,
            "words": words,
            "error": error,
            "done_at": now,
        }
        if delete_audio:
            values.update(audio=None, audio_deleted_at=now)
        return self.session.scalars(
            update(SpeechRecognition)
            .where(SpeechRecognition.id == recognition_id)
            .values(**values)
            .returning(SpeechRecognition.user_id)
        ).first()
