"""On aiosqlite a transaction's BEGIN goes to the driver's thread with its first statement
(whichever path sends it: the write batch, a read in one call, SQLAlchemy's own execution),
a query read in one call returns what SQLAlchemy's execution returns, and a last write batch
that is its transaction's only work runs as a transaction of its own."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from polish_tutor.dependencies import transaction
from polish_tutor.kit import db
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import call_after_commit, create_engine, create_sessionmaker, read_rows
from polish_tutor.review.repository import CARDS, CARDS_ADDED, _matching
from polish_tutor.users.models import User

LEARNER = uuid.UUID("2e8f5c60-af3d-4b20-9c60-4d9e1f307b82")
NOW = datetime(2026, 12, 5, 3, 30, 0, 123456, tzinfo=UTC)


@pytest.fixture
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@contextmanager
def calls() -> Iterator[list[str]]:
    """The calls into aiosqlite's thread while the block runs, by the function each ran."""
    seen: list[str] = []
    queue: Any = aiosqlite.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(fn, "__name__", repr(fn)))
        return await queue(self, fn, *args, **kwargs)

    aiosqlite.Connection._execute = counted  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        aiosqlite.Connection._execute = queue  # type: ignore[method-assign]


def write_locked(sqlite_url: str) -> bool:
    """Whether another connection finds the database's write lock taken."""
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite+aiosqlite:///"), timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        other.close()
    return False


async def add_learner(engine: AsyncEngine) -> None:
    async with create_sessionmaker(engine)() as session:
        session.add(User(id=LEARNER, email="deferred@example.com", password_hash="x"))
        await session.commit()


def card(pl: str, **values: Any) -> dict[str, Any]:
    now = NOW
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "user_id": LEARNER,
        "pl": pl,
        "en": "something",
        "lesson_id": "a1-04-cafe",
        "state": 1,
        "step": 0,
        "stability": None,
        "difficulty": None,
        "due": now,
        "last_review": None,
        "reps": 0,
        "lapses": 0,
        "created_at": now,
    }
    row.update(values)
    return {name: row[name] for name in (column.name for column in CARDS.columns)}


async def test_the_batch_sends_begin_immediate_in_its_own_call(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        with calls() as seen:
            await session.connection()  # the transaction begins: nothing sent yet
            assert seen == []
            assert not write_locked(sqlite_url)
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("kawa"), card("herbata")])
            await batch.execute(session)
            assert seen == ["_execute"]  # kit.db's: BEGIN IMMEDIATE and the insert
        assert write_locked(sqlite_url)
        await session.commit()
    assert not write_locked(sqlite_url)


async def test_sqlalchemys_own_execution_sends_the_begin_first(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        await session.connection()
        assert not write_locked(sqlite_url)
        assert (await session.execute(text("SELECT count(*) FROM users"))).scalar_one() == 0
        assert write_locked(sqlite_url)  # BEGIN IMMEDIATE, before the read
        await session.rollback()
    # An ORM flush, and a statement after it, in one transaction.
    async with sessions() as session:
        session.add(User(id=LEARNER, email="deferred@example.com", password_hash="x"))
        await session.flush()
        assert write_locked(sqlite_url)
        await session.execute(text("UPDATE users SET email = 'changed@example.com'"))
        await session.rollback()
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM users"))).scalar_one() == 0


async def test_a_transaction_that_runs_nothing_sends_no_begin(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    sessions = create_sessionmaker(engine)
    for end in ("commit", "rollback", "close"):
        async with sessions() as session:
            await session.connection()
            await getattr(session, end)()
        assert not write_locked(sqlite_url)
    # The connection's next transaction begins as it should, and commits.
    async with sessions() as session:
        session.add(User(id=LEARNER, email="deferred@example.com", password_hash="x"))
        await session.commit()
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM users"))).scalar_one() == 1


async def test_a_read_in_one_call_returns_what_sqlalchemy_returns(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    later = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    async with sessions() as session:
        batch = WriteBatch()
        batch.add(
            CARDS_ADDED,
            [
                card("kawa", stability=2.5, difficulty=6.25, last_review=later, lapses=2),
                card("herbata", step=None, due=later),
                card("ile płacę"),
                card("woda", lesson_id="a1-05-other"),
            ],
        )
        await batch.execute(session)
        await session.commit()
    values = {
        "user_id": LEARNER,
        "words": ["kawa", "herbata", "nic"],
        "lesson_id": "a1-04-cafe",
        "phrases": ["ile płacę", "woda"],
    }
    statement = _matching(True)
    async with sessions() as session:
        with calls() as seen:
            rows = await read_rows(session, statement, values)
        assert seen == ["_execute"]  # BEGIN IMMEDIATE and the read, in one call
        assert write_locked(sqlite_url)
        expected = (await session.execute(statement, values)).all()
        await session.rollback()
    assert sorted(rows) == sorted(tuple(row) for row in expected)
    assert sorted(row[1] for row in rows) == ["herbata", "ile płacę", "kawa"]
    kawa = next(row for row in rows if row[1] == "kawa")
    assert isinstance(kawa[0], uuid.UUID)
    assert kawa[2:] == (1, 0, 2.5, 6.25, NOW, later, 2)
    assert kawa[6].tzinfo is not None


async def test_an_engine_with_cursor_listeners_reads_through_sqlalchemy(
    engine: AsyncEngine,
) -> None:
    seen: list[str] = []

    def listener(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        seen.append(sql.split()[0])

    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    values = {"user_id": LEARNER, "words": ["kawa"]}
    async with create_sessionmaker(engine)() as session:
        assert await read_rows(session, _matching(False), values) == []
        await session.commit()
    assert seen == ["BEGIN", "SELECT"]


async def test_a_failing_begin_is_raised_at_the_first_statement(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    async with engine.connect() as connection:  # the pool's one connection: no waiting
        raw = await connection.get_raw_connection()
        await raw.driver_connection.execute("PRAGMA busy_timeout=0")  # type: ignore[union-attr]
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    holder.execute("BEGIN IMMEDIATE")
    try:
        async with create_sessionmaker(engine)() as session:
            with pytest.raises(OperationalError) as failure:
                await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["x"]})
            assert "BEGIN IMMEDIATE" in str(failure.value)
            await session.rollback()
    finally:
        holder.close()
    async with create_sessionmaker(engine)() as session:  # and the connection goes on
        assert await read_rows(session, _matching(False), {"user_id": LEARNER, "words": []}) == []


def committed_learners(sqlite_url: str) -> int:
    """The users another connection sees: what is committed."""
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    try:
        return int(other.execute("SELECT count(*) FROM users").fetchone()[0])
    finally:
        other.close()


async def test_the_last_batch_sends_the_commit_with_it(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        with calls() as seen:
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("kawa"), card("herbata")])
            await batch.execute(session, last=True)
            assert seen == ["_execute"]  # BEGIN IMMEDIATE, the insert and COMMIT
            assert not write_locked(sqlite_url)  # committed: the write lock is free
            await session.commit()
            assert seen == ["_execute"]  # the commit sends nothing more
    async with sessions() as session:
        rows = await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]})
        await session.commit()
    assert [row[1] for row in rows] == ["kawa"]
    # The connection's next transaction begins and commits as usual.
    async with sessions() as session:
        with calls() as seen:
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("woda")])
            await batch.execute(session)
            await session.commit()
        assert seen == ["_execute", "commit"]
    async with sessions() as session:
        words = {"user_id": LEARNER, "words": ["kawa", "herbata", "woda"]}
        assert len(await read_rows(session, _matching(False), words)) == 3


async def test_a_failing_last_batch_commits_nothing(engine: AsyncEngine, sqlite_url: str) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        batch = WriteBatch()
        session.add(User(id=uuid.uuid4(), email="second@example.com", password_hash="x"))
        await session.flush()
        first = card("kawa")
        batch.add(CARDS_ADDED, [first, {**first, "pl": "herbata"}])  # the same id twice
        with pytest.raises(IntegrityError):
            await batch.execute(session, last=True)
        assert write_locked(sqlite_url)  # still in the transaction: no COMMIT was sent
        await session.rollback()
    assert committed_learners(sqlite_url) == 1  # the flushed learner was rolled back
    async with sessions() as session:  # and the connection goes on
        batch = WriteBatch()
        batch.add(CARDS_ADDED, [card("kawa")])
        await batch.execute(session, last=True)
        await session.commit()
        assert (
            len(await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]}))
            == 1
        )
        await session.rollback()


async def test_a_statement_after_the_last_batch_begins_a_transaction_of_its_own(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        batch = WriteBatch()
        batch.add(CARDS_ADDED, [card("kawa")])
        await batch.execute(session, last=True)
        await session.execute(text("UPDATE users SET email = 'changed@example.com'"))
        assert write_locked(sqlite_url)  # BEGIN IMMEDIATE again, before the update
        await session.rollback()  # undoes the update; the batch was committed
    async with sessions() as session:
        email = (await session.execute(text("SELECT email FROM users"))).scalar_one()
        assert email == "deferred@example.com"
        assert (
            len(await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]}))
            == 1
        )
        await session.rollback()
    async with sessions() as session:
        batch = WriteBatch()
        batch.add(CARDS_ADDED, [card("herbata")])
        await batch.execute(session, last=True)
        session.add(User(id=uuid.uuid4(), email="second@example.com", password_hash="x"))
        await session.commit()  # the flush begins anew, and this commit commits it
    assert committed_learners(sqlite_url) == 2
    assert not write_locked(sqlite_url)


async def test_the_last_batch_in_a_savepoint_leaves_the_commit_to_the_session(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        await session.execute(text("SELECT 1"))
        async with session.begin_nested():
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("kawa")])
            await batch.execute(session, last=True)
        assert write_locked(sqlite_url)  # not committed yet
        await session.rollback()
    async with sessions() as session:
        assert (
            await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]})
            == []
        )


async def test_an_engine_with_cursor_listeners_commits_the_last_batch_itself(
    engine: AsyncEngine,
) -> None:
    await add_learner(engine)
    seen: list[str] = []

    def listener(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        seen.append(sql.split()[0])

    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    async with create_sessionmaker(engine)() as session:
        batch = WriteBatch()
        batch.add(CARDS_ADDED, [card("kawa")])
        await batch.execute(session, last=True)
        await session.rollback()  # through SQLAlchemy: nothing was committed
    assert seen == ["BEGIN", "INSERT"]
    async with create_sessionmaker(engine)() as session:
        assert (
            await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]})
            == []
        )


# -- a last batch that is its transaction's only work: a transaction of its own ---------------


async def test_a_last_batch_alone_is_a_transaction_of_its_own(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    done: list[str] = []
    async with transaction(create_sessionmaker(engine)) as session:
        with calls() as seen:
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("kawa"), card("herbata")])
            await batch.execute(session, last=True)
            assert seen == ["_execute"]  # BEGIN IMMEDIATE, the insert and COMMIT
        assert not session.in_transaction()  # the session never began one
        assert engine.sync_engine.pool.checkedout() == 0  # the connection is back already
        assert not write_locked(sqlite_url)
        call_after_commit(session, lambda: done.append("after"))
    assert done == ["after"]  # run after the commit, as for any transaction
    async with create_sessionmaker(engine)() as session:
        rows = await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]})
        await session.rollback()
    assert [row[1] for row in rows] == ["kawa"]


async def test_a_failing_last_batch_alone_is_rolled_back_in_its_call(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    done: list[str] = []
    first = card("kawa")
    with pytest.raises(IntegrityError):
        async with transaction(create_sessionmaker(engine)) as session:
            call_after_commit(session, lambda: done.append("after"))
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("woda"), first, {**first, "pl": "herbata"}])
            with calls() as seen:
                await batch.execute(session, last=True)
    assert seen == ["_execute"]  # the ROLLBACK went in the same call
    assert done == []
    assert not write_locked(sqlite_url)
    assert engine.sync_engine.pool.checkedout() == 0
    async with create_sessionmaker(engine)() as session:
        words = {"user_id": LEARNER, "words": ["kawa", "woda"]}
        assert await read_rows(session, _matching(False), words) == []  # nothing kept
        batch = WriteBatch()
        batch.add(CARDS_ADDED, [card("kawa")])
        await batch.execute(session, last=True)  # and the connection goes on
        assert len(await read_rows(session, _matching(False), words)) == 1
        await session.rollback()


@pytest.mark.parametrize("fails", [False, True])
async def test_a_cancelled_last_batch_alone_leaves_no_transaction_open(
    engine: AsyncEngine, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """The caller gives up while the driver's thread has not run the batch yet: the thread
    still runs it, to its COMMIT or (a failing one) its ROLLBACK; the next transaction on the
    connection begins as usual."""
    await add_learner(engine)
    started, release = threading.Event(), threading.Event()
    run = db._execute

    def held(*args: Any) -> Any:
        started.set()
        release.wait(10)
        return run(*args)

    first = card("kawa")
    batch = WriteBatch()
    batch.add(CARDS_ADDED, [first, {**first, "pl": "herbata"}] if fails else [first])
    monkeypatch.setattr(db, "_execute", held)
    task = asyncio.create_task(batch.execute(create_sessionmaker(engine)(), last=True))
    assert await asyncio.to_thread(started.wait, 10)  # the call is in the driver's thread
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    release.set()
    monkeypatch.setattr(db, "_execute", run)
    assert engine.sync_engine.pool.checkedout() == 0
    async with transaction(create_sessionmaker(engine)) as session:
        other = WriteBatch()
        other.add(CARDS_ADDED, [card("woda")])
        await other.execute(session, last=True)  # BEGIN IMMEDIATE: no transaction left open
    async with create_sessionmaker(engine)() as session:
        words = {"user_id": LEARNER, "words": ["kawa", "woda"]}
        found = sorted(row[1] for row in await read_rows(session, _matching(False), words))
        await session.rollback()
    assert found == (["woda"] if fails else ["kawa", "woda"])
    assert not write_locked(sqlite_url)


async def test_a_last_batch_after_a_read_stays_in_the_sessions_transaction(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    await add_learner(engine)
    async with create_sessionmaker(engine)() as session:
        await read_rows(session, _matching(False), {"user_id": LEARNER, "words": ["kawa"]})
        assert write_locked(sqlite_url)  # the session's BEGIN IMMEDIATE, with the read
        with calls() as seen:
            batch = WriteBatch()
            batch.add(CARDS_ADDED, [card("kawa")])
            await batch.execute(session, last=True)  # on the session's own connection
        assert seen == ["_execute"]
        assert not write_locked(sqlite_url)  # its COMMIT went with it
        await session.commit()
