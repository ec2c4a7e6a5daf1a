"""The session's ``version`` column, an optimistic lock nothing compared, is dropped (and put
back by the downgrade) on SQLite and PostgreSQL, keeping every session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Connection,
    create_engine,
    insert,
    inspect,
    select,
)
from sqlalchemy.pool import NullPool

from polish_tutor.kit.migrate import downgrade, upgrade
from polish_tutor.settings import Settings, sync_database_url
from tests.support.db import USERS_TABLE, sessions_table

DROP = "a3c9e5f70d12"
BEFORE = "b3f1c2d4e5a6"

USERS = USERS_TABLE
SESSIONS = sessions_table()
SESSIONS_BEFORE = sessions_table("version")


@contextmanager
def connect(settings: Settings) -> Iterator[Connection]:
    engine = create_engine(sync_database_url(settings.resolved_database_url), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def columns(settings: Settings) -> set[str]:
    with connect(settings) as db:
        return {c["name"] for c in inspect(db).get_columns("agent_sessions")}


def sessions(settings: Settings) -> set[tuple[object, ...]]:
    with connect(settings) as db:
        query = select(SESSIONS.c["id", "lesson_id", "turn_count", "summary"])
        return {tuple(row) for row in db.execute(query)}


def test_the_version_column_is_dropped_and_put_back_keeping_every_session(
    database_url: str, tmp_path: Path
) -> None:
    settings = Settings(database_url=database_url, var_dir=tmp_path)
    assert "version" not in columns(settings)
    downgrade(settings, BEFORE)
    assert "version" in columns(settings)

    now = datetime.now(UTC)
    user = uuid.uuid4()
    with connect(settings) as db:
        db.execute(insert(USERS).values(id=user, email=f"{user.hex}@example.com", created_at=now))
        for turns, lesson in ((0, "a1-01-greetings"), (6, "a1-04-cafe"), (2, None)):
            db.execute(
                insert(SESSIONS_BEFORE).values(
                    id=uuid.uuid4(),
                    user_id=user,
                    lesson_id=lesson,
                    step_index=turns // 2,
                    attempts=0,
                    completed=False,
                    turn_count=turns,
                    summary="",
                    summary_upto=0,
                    version=turns // 2 + 1,
                    updated_at=now,
                    created_at=now,
                )
            )
    before = sessions(settings)
    assert len(before) == 3

    upgrade(settings, DROP)
    assert "version" not in columns(settings)
    assert sessions(settings) == before

    downgrade(settings, BEFORE)
    assert "version" in columns(settings)
    assert sessions(settings) == before
    with connect(settings) as db:  # put back as 1, NOT NULL as it was
        assert set(db.execute(select(SESSIONS_BEFORE.c.version)).scalars()) == {1}
        column_info = {c["name"]: c for c in inspect(db).get_columns("agent_sessions")}
        assert column_info["version"]["nullable"] is False

    upgrade(settings)  # the fixture empties a database at head
    assert "version" not in columns(settings)
    assert sessions(settings) == before
