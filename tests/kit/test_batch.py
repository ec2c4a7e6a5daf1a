"""The write batch on SQLite: run in aiosqlite's thread in one call, it stores what
SQLAlchemy's own execution of the same statements stores, and fails as it fails."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import create_engine, create_sessionmaker
from polish_tutor.progress.repository import COUNTS_ADDED
from polish_tutor.tts.models import OutboxStatus
from polish_tutor.tts.repository import SPEECH_REQUESTED


def _request(key: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "audio_key": key,
        "text": "Dzień dobry, poproszę kawę.",
        "voice": "pl",
        "speed": 0.85,
        "format": "wav",
        "driver": "espeak",
        "session_id": uuid.UUID("0c6f3a4e-8d1b-4f0e-9a4e-2b7c9d1e5f60"),
        "user_id": None,
        "turn_id": uuid.UUID("1d7e4b5f-9e2c-4a1f-8b5f-3c8d0e2f6a71"),
        "status": OutboxStatus.DONE,
        "attempts": 0,
        "error": None,
        "enqueued_at": None,
        "done_at": datetime(2026, 12, 4, 17, 5, 0, 970052, tzinfo=UTC),
        "created_at": datetime(2026, 12, 4, 17, 5, 0, 123, tzinfo=UTC),
        "request_id": "req-1",
        "ahead": True,
    }
    row.update(values)
    return row


def _stored(database: str) -> list[tuple[Any, ...]]:
    """The outbox's rows as SQLite holds them (no SQLAlchemy types in between)."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT * FROM tts_outbox ORDER BY audio_key").fetchall()
    return [row[1:] for row in rows]  # without the id


async def test_the_batch_stores_what_sqlalchemy_stores(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    sessions = create_sessionmaker(engine)
    # no cursor listener: the statements go to aiosqlite's thread themselves
    assert SPEECH_REQUESTED.driver_form(engine.sync_engine.dialect) is not None
    rows = [_request("a"), _request("b", speed=1.0, ahead=False, done_at=None, user_id=None)]
    try:
        async with sessions() as session:
            batch = WriteBatch()
            batch.add(SPEECH_REQUESTED, rows)  # two rows: executemany
            batch.add(SPEECH_REQUESTED, _request("c", status=OutboxStatus.PENDING))
            await batch.execute(session)
            await session.commit()
        # The same rows through SQLAlchemy's execution of the same statement.
        statement = SPEECH_REQUESTED.statement("sqlite", "", 1)
        expected = [
            {f"0_{name}": value for name, value in row.items()}
            for row in [
                _request("a2"),
                _request("b2", speed=1.0, ahead=False, done_at=None),
                _request("c2", status=OutboxStatus.PENDING),
            ]
        ]
        async with sessions() as session:
            await session.execute(statement, expected)
            await session.commit()
    finally:
        await engine.dispose()
    stored = _stored(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    by_key = {row[0]: row[1:] for row in stored}
    assert len(by_key) == 6
    for key in ("a", "b", "c"):
        assert by_key[key] == by_key[f"{key}2"]


async def test_cursor_listeners_get_sqlalchemys_execution(sqlite_url: str) -> None:
    # Sentry's SQLAlchemy integration (and a statement counter) listen to cursor events and
    # keep state on the execution context: with a listener the batch and BEGIN go through
    # SQLAlchemy, every event with its context
    engine = create_engine(sqlite_url)
    sessions = create_sessionmaker(engine)
    seen: list[tuple[str, bool]] = []

    def listener(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        assert context is not None and cursor is not None
        seen.append((sql.split()[0], many))

    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    try:
        async with sessions() as session:
            batch = WriteBatch()
            batch.add(SPEECH_REQUESTED, [_request("a"), _request("b")])
            batch.add(SPEECH_REQUESTED, _request("c"))
            await batch.execute(session)
            await session.commit()
    finally:
        await engine.dispose()
    assert seen == [("BEGIN", False), ("INSERT", True), ("INSERT", False)]
    assert len(_stored(sqlite_url.removeprefix("sqlite+aiosqlite:///"))) == 3


async def test_a_failing_statement_raises_sqlalchemys_error_and_nothing_is_kept(
    sqlite_url: str,
) -> None:
    engine = create_engine(sqlite_url)
    sessions = create_sessionmaker(engine)
    try:
        async with sessions() as session:
            batch = WriteBatch()
            batch.add(SPEECH_REQUESTED, _request("kept-only-if-committed"))
            # No such learner: the foreign key fails (SQLite checks it: PRAGMA foreign_keys).
            stranger = uuid.uuid4()
            counts = {"feature": "case", "value": "acc", "gender": "f", "correct": 1, "wrong": 0}
            batch.add(COUNTS_ADDED, {"user_id": stranger, **counts})
            with pytest.raises(IntegrityError) as failure:
                await batch.execute(session)
            assert "INSERT INTO feature_progress" in str(failure.value)
            assert stranger.hex not in str(failure.value)  # parameters hidden
            await session.rollback()
    finally:
        await engine.dispose()
    assert _stored(sqlite_url.removeprefix("sqlite+aiosqlite:///")) == []
