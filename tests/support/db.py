"""Direct reads of the database, to check what an API call wrote (or did not)."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Uuid, column, create_engine, table, text
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.expression import TableClause

from polish_tutor.kit.db import UTCDateTime
from polish_tutor.settings import normalise_database_url, sync_database_url

TABLES = ("agent_sessions", "agent_turns", "tts_outbox", "audio_assets")


def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            return {
                table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in TABLES
            }
    finally:
        engine.dispose()


def outbox_statuses(database_url: str, table: str = "tts_outbox") -> list[str]:
    """The statuses of an outbox's rows: ``tts_outbox`` (speech) or ``stt_requests``."""
    assert table in ("tts_outbox", "stt_requests")
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT status FROM {table} ORDER BY id"))
            return [row[0] for row in rows]
    finally:
        engine.dispose()


# Tables as migration tests write and read them at a given revision (only those columns), so a
# test does not depend on the models of today.
USERS_TABLE = table(
    "users", column("id", Uuid), column("email", String), column("created_at", UTCDateTime())
)


def sessions_table(*extra: str) -> TableClause:
    """``agent_sessions`` with the columns migration tests write and read, plus ``extra``
    integer columns of an earlier revision (``version``)."""
    return table(
        "agent_sessions",
        column("id", Uuid),
        column("user_id", Uuid),
        column("lesson_id", String),
        *(column(name, Integer) for name in ("step_index", "attempts", "turn_count", *extra)),
        column("completed", Boolean),
        column("summary", String),
        column("summary_upto", Integer),
        column("updated_at", UTCDateTime()),
        column("created_at", UTCDateTime()),
    )
