"""All SQL about audio assets and the speech outbox (async, for the API and the relay)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.db import utcnow
from polish_tutor.tts.models import AudioAsset, OutboxStatus, TtsOutbox


class SpeechRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def asset(self, key: str) -> AudioAsset | None:
        return await self.session.get(AudioAsset, key)

    def add_request(self, row: TtsOutbox) -> None:
        self.session.add(row)

    async def latest_request(self, key: str, user_id: uuid.UUID) -> TtsOutbox | None:
        query = (
            select(TtsOutbox)
            .where(TtsOutbox.audio_key == key, TtsOutbox.user_id == user_id)
            .order_by(TtsOutbox.id.desc())
        )
        return (await self.session.scalars(query.limit(1))).first()

    async def pending_requests(self, limit: int, created_before: datetime) -> Sequence[TtsOutbox]:
        query = (
            select(TtsOutbox)
            .where(TtsOutbox.status == OutboxStatus.PENDING, TtsOutbox.created_at < created_before)
            .order_by(TtsOutbox.id)
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def mark_enqueued(self, ids: Sequence[int]) -> None:
        # Only pending rows: a fast job may already have marked them done.
        await self.session.execute(
            update(TtsOutbox)
            .where(TtsOutbox.id.in_(ids), TtsOutbox.status == OutboxStatus.PENDING)
            .values(
                status=OutboxStatus.ENQUEUED, enqueued_at=utcnow(), attempts=TtsOutbox.attempts + 1
            )
        )

    async def enqueued_before(self, moment: datetime, limit: int) -> Sequence[TtsOutbox]:
        query = (
            select(TtsOutbox)
            .where(TtsOutbox.status == OutboxStatus.ENQUEUED, TtsOutbox.enqueued_at < moment)
            .order_by(TtsOutbox.id)
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def back_to_pending(self, ids: Sequence[int]) -> None:
        await self.session.execute(
            update(TtsOutbox)
            .where(TtsOutbox.id.in_(ids), TtsOutbox.status == OutboxStatus.ENQUEUED)
            .values(status=OutboxStatus.PENDING)
        )
