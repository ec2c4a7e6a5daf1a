"""The worker's held connection: one connection for transactions one after another, a fresh
one after any error, never the held one from another thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import OperationalError

from polish_tutor.kit.db import READ_ONLY, configure_sqlite
from polish_tutor.kit.held_connection import HeldConnection


@pytest.fixture
def held(tmp_path: Path) -> HeldConnection:
    engine = create_engine(f"sqlite:///{tmp_path / 'held.db'}", pool_size=1, max_overflow=2)
    configure_sqlite(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    return HeldConnection(engine)


def count(held: HeldConnection) -> int:
    with held.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM t")).scalar_one())


def test_transactions_one_after_another_share_one_connection_and_commit(
    held: HeldConnection,
) -> None:
    seen: list[Connection] = []
    for n in range(3):
        with held.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
            seen.append(connection)
        assert not connection.in_transaction()  # nothing held between two jobs
    assert seen[0] is seen[1] is seen[2]
    assert count(held) == 3
    with held.rolled_back() as connection:
        connection.execute(text("INSERT INTO t VALUES (9)"))
    assert count(held) == 3
    held.release()
    assert seen[0].closed


def test_an_error_rolls_back_and_the_next_transaction_takes_a_fresh_connection(
    held: HeldConnection,
) -> None:
    with held.begin() as first:
        pass
    with pytest.raises(OperationalError), held.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
        connection.execute(text("INSERT INTO missing VALUES (1)"))
    assert first.closed
    with held.begin() as second:
        second.execute(text("INSERT INTO t VALUES (2)"))
    assert second is not first
    assert count(held) == 1  # the failed transaction's row was rolled back


def test_reads_begin_deferred_and_the_option_does_not_stay(held: HeldConnection) -> None:
    with held.begin(read_only=True) as connection:
        assert connection.get_execution_options().get(READ_ONLY)
    with held.begin() as connection:
        assert not connection.get_execution_options().get(READ_ONLY)
        connection.execute(text("INSERT INTO t VALUES (1)"))
    assert count(held) == 1


def test_another_thread_never_uses_the_held_connection(held: HeldConnection) -> None:
    with held.begin() as mine:
        pass
    theirs: list[Connection] = []

    def other() -> None:
        with held.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
            theirs.append(connection)
        held.release()  # not the holder's: leaves the held connection alone

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert theirs and theirs[0] is not mine and theirs[0].closed
    assert not mine.closed
    with held.begin() as again:
        assert again is mine
    assert count(held) == 1


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_connection_the_database_dropped_costs_one_transaction(database_url: str) -> None:
    """As with the pool before: the transaction that meets the dead connection fails (RQ
    tries its job again); the next one runs on a fresh connection."""
    from sqlalchemy.exc import DBAPIError

    from polish_tutor.settings import sync_database_url

    engine = create_engine(sync_database_url(database_url), pool_size=1, max_overflow=2)
    held = HeldConnection(engine)
    try:
        with held.begin() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(DBAPIError), held.begin() as connection:
            connection.execute(text("SELECT 1"))
        with held.begin() as connection:
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
    finally:
        held.release()
        engine.dispose()
