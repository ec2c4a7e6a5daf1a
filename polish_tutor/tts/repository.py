"""All SQL about audio assets and the speech outbox: async for the API and the relay
(:class:`SpeechRepository`), synchronous for the worker's speech job
(:class:`SpeechJobRepository`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Executable,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.batch import Binds, WriteBatch, WriteTemplate
from polish_tutor.kit.db import utcnow
from polish_tutor.tts.models import AudioAsset, OutboxStatus, TtsOutbox

OUTBOX: Table = TtsOutbox.__table__  # type: ignore[assignment]
_OPEN = (OutboxStatus.PENDING, OutboxStatus.ENQUEUED)  # a request not closed yet
REQUEST_COLUMNS = tuple(column.name for column in OUTBOX.columns if column.name != "id")


def _speech_requested(dialect: str, binds: Binds, rows: int) -> Any:
    return insert(OUTBOX).values(binds.row(OUTBOX, REQUEST_COLUMNS))


SPEECH_REQUESTED = WriteTemplate("speech requested", _speech_requested)


class SpeechRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def asset(self, key: str) -> AudioAsset | None:
        return await self.session.get(AudioAsset, key)

    async def stored(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have their audio stored, in one query."""
        if not keys:
            return set()
        result = await self.session.scalars(select(AudioAsset.key).where(AudioAsset.key.in_(keys)))
        return set(result)

    @staticmethod
    def add_requests(batch: WriteBatch, rows: Sequence[dict[str, Any]]) -> None:
        """The outbox rows of speech requests join ``batch`` (the turn's, or their own)."""
        batch.add(SPEECH_REQUESTED, rows)

    async def withdraw_requests(self, user_id: uuid.UUID, turn_id: uuid.UUID) -> list[str]:
        """Delete this user's speech requests for this turn (one that was not stored after
        all); returns the audio keys of the open ones deleted that no open request of anyone
        still wants."""
        deleted = await self.session.execute(
            delete(TtsOutbox)
            .where(TtsOutbox.user_id == user_id, TtsOutbox.turn_id == turn_id)
            .returning(TtsOutbox.audio_key, TtsOutbox.status)
        )
        withdrawn = {key for key, status in deleted.all() if status in _OPEN}
        if not withdrawn:
            return []
        wanted = await self.session.scalars(
            select(TtsOutbox.audio_key)
            .where(TtsOutbox.audio_key.in_(withdrawn), TtsOutbox.status.in_(_OPEN))
            .distinct()
        )
        return sorted(withdrawn - set(wanted))

    async def heard(self, key: str, user_id: uuid.UUID) -> bool:
        """Whether this user has a finished request for this audio."""
        query = select(TtsOutbox.id).where(
            TtsOutbox.audio_key == key,
            TtsOutbox.user_id == user_id,
            TtsOutbox.status == OutboxStatus.DONE,
        )
        return (await self.session.scalars(query.limit(1))).first() is not None

    async def latest_request(self, key: str, user_id: uuid.UUID) -> TtsOutbox | None:
        query = (
            select(TtsOutbox)
            .where(TtsOutbox.audio_key == key, TtsOutbox.user_id == user_id)
            .order_by(TtsOutbox.id.desc())
        )
        return (await self.session.scalars(query.limit(1))).first()

    async def pending_requests(self, limit: int, created_before: datetime) -> Sequence[TtsOutbox]:
        """Pending rows, oldest first: those a learner waits for before those made ahead."""
        query = (
            select(TtsOutbox)
            .where(TtsOutbox.status == OutboxStatus.PENDING, TtsOutbox.created_at < created_before)
            .order_by(TtsOutbox.ahead, TtsOutbox.id)
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def mark_enqueued(self, keys: Sequence[str]) -> None:
        """Every pending request for these audio keys is on the queue now (the job id is the
        key, so one job serves them all). Only pending rows: a fast job may have finished."""
        await self.session.execute(_MARK_ENQUEUED, {"keys": list(keys), "now": utcnow()})

    async def enqueued_before(
        self, moment: datetime, limit: int, after_id: int = 0
    ) -> Sequence[TtsOutbox]:
        """Enqueued rows older than ``moment``, by id from ``after_id`` (a sweep's page)."""
        query = (
            select(TtsOutbox)
            .where(
                TtsOutbox.status == OutboxStatus.ENQUEUED,
                TtsOutbox.enqueued_at < moment,
                TtsOutbox.id > after_id,
            )
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

    async def backlog(self) -> tuple[dict[str, int], datetime | None]:
        """Rows not done yet, by status, and when the oldest of them was written (metrics)."""
        query = (
            select(TtsOutbox.status, func.count(), func.min(TtsOutbox.created_at))
            .where(TtsOutbox.status.in_(_OPEN))
            .group_by(TtsOutbox.status)
        )
        counts: dict[str, int] = {}
        oldest: datetime | None = None
        for status, count, created in (await self.session.execute(query)).all():
            counts[status] = int(count)
            if created is not None and created.tzinfo is None:
                created = created.replace(tzinfo=UTC)
            if created is not None and (oldest is None or created < oldest):
                oldest = created
        return counts, oldest


class SpeechJobRepository:
    """All SQL a speech job runs (synchronous, in the worker), on a plain connection: the
    job's statements are Core statements built once, and an ORM session around them cost
    the worker more than the statements themselves."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def asset_exists(self, key: str) -> bool:
        return self.connection.execute(_ASSET_EXISTS, {"key": key}).first() is not None

    def record_asset(self, values: dict[str, Any]) -> None:
        self.connection.execute(_asset_upsert(self.connection.dialect.name), values)

    def wanted(self, key: str) -> bool:
        """Whether a request for this audio is open (a withdrawn line's job asks)."""
        return self.connection.execute(_OPEN_REQUEST, {"key": key}).first() is not None

    def finish_requests(self, key: str, status: str, error: str | None = None) -> Sequence[Any]:
        """Close every open request for this audio; returns who was waiting for it, since
        when, and for which request (rows of ``user_id, created_at, request_id``)."""
        return self.connection.execute(  # one statement: UPDATE … RETURNING
            _FINISH_REQUESTS,
            {"key": key, "new_status": status, "new_error": error, "now": utcnow()},
        ).all()


# The job's two writes, built once: Core statements with bound parameters (an ORM-enabled
# statement built per job cost the worker about a tenth of a job's CPU in SQLAlchemy's
# statement building and cache-key generation).
ASSETS: Table = AudioAsset.__table__  # type: ignore[assignment]
_UPSERTS: dict[str, Executable] = {}


def _asset_upsert(dialect: str) -> Executable:
    statement = _UPSERTS.get(dialect)
    if statement is None:
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = _UPSERTS[dialect] = upsert(ASSETS).on_conflict_do_nothing()
    return statement


# The relay's mark, after every turn with new speech: a Core statement built once (an
# ORM-enabled UPDATE is built and evaluated for the session's objects on every call).
_MARK_ENQUEUED = (
    update(OUTBOX)
    .where(
        OUTBOX.c.audio_key.in_(bindparam("keys", expanding=True)),
        OUTBOX.c.status == OutboxStatus.PENDING,
    )
    .values(
        status=OutboxStatus.ENQUEUED, enqueued_at=bindparam("now"), attempts=OUTBOX.c.attempts + 1
    )
)

_ASSET_EXISTS = select(ASSETS.c.key).where(ASSETS.c.key == bindparam("key"))
_OPEN_REQUEST = (
    select(OUTBOX.c.id)
    .where(OUTBOX.c.audio_key == bindparam("key"), OUTBOX.c.status.in_(_OPEN))
    .limit(1)
)

_FINISH_REQUESTS = (
    update(OUTBOX)
    .where(
        OUTBOX.c.audio_key == bindparam("key"),
        OUTBOX.c.status.in_(_OPEN),
    )
    .values(status=bindparam("new_status"), error=bindparam("new_error"), done_at=bindparam("now"))
    .returning(OUTBOX.c.user_id, OUTBOX.c.created_at, OUTBOX.c.request_id)
)
