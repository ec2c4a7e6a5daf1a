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


def outbox_statuses(database_url: str) -> list[str]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT status FROM tts_outbox ORDER BY id"))
            return [row[0] for row in rows]
    finally:
        engine.dispose()
