"""Direct reads of the database, to check what an API call wrote (or did not)."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

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
