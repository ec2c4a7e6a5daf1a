"""A shutdown that cancels the outbox relay in the middle of a statement is quiet: no
"outbox relay round failed" with a traceback of the cancellation (SQLAlchemy's clean-up of
the interrupted connection used to replace the ``CancelledError`` with an error of its own,
which the round's ``except Exception`` logged before the relay went on)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

import pytest
from sqlalchemy import text

from polish_tutor.kit.db import utcnow
from tests.support.waiting import eventually


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_relay_cancelled_mid_statement_at_shutdown_logs_no_error(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from polish_tutor.app import create_app
    from polish_tutor.state import app_state

    path = settings.resolved_database_url.split("///", 1)[1]
    app = create_app(settings)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        caplog.set_level(logging.INFO)
        async with app.router.lifespan_context(app):
            state = app_state(app)
            relay = state.relay
            (task,) = [t for t in state.tasks if t.get_name() == "outbox-relay"]
            # The engine's connection opened first (opening one while the lock is held is
            # an error of its own, "database is locked" before its busy timeout is set).
            async with state.sessionmaker() as session:
                await session.execute(text("SELECT 1"))
            blocker.execute("BEGIN IMMEDIATE")  # another writer holds SQLite's write lock
            # Rows enqueued and not marked yet: the relay's next round marks them (a write,
            # which waits for the lock in SQLite's busy handler, inside aiosqlite's thread).
            relay._unmarked.append("0" * 64)
            relay._mark_due = 0.0
            relay._last_poll = utcnow()
            relay._wake.set()

            async def marking() -> bool:
                return not relay._unmarked  # taken for the statement, not put back yet

            await eventually(marking, 30, "the relay's mark to wait for the write lock")
            stopping = asyncio.get_running_loop().create_task(
                asyncio.to_thread(release_once_cancelled, blocker, task)
            )
            # Leaving the lifespan stops the relay (cancelled mid-statement), as at shutdown.
        await stopping
    finally:
        blocker.close()
    assert task.cancelled()
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures == [], [r.getMessage() for r in failures]


def release_once_cancelled(blocker: sqlite3.Connection, task: asyncio.Task[Any]) -> None:
    """The write lock released once the relay has been told to stop (its statement then
    ends; the relay must end all the same)."""
    import time

    deadline = time.monotonic() + 30
    while not task.cancelling() and not task.done() and time.monotonic() < deadline:
        time.sleep(0.01)
    blocker.execute("ROLLBACK")
