"""SQLite statements in one call to aiosqlite's thread give what SQLAlchemy's own cursor gave:
rows, row counts, inserted keys, RETURNING, executemany, errors, and the transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from polish_tutor.kit.db import create_engine, create_sessionmaker
from polish_tutor.kit.sqlite_hop import OneHopConnection

metadata = MetaData()
words = Table(
    "words",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pl", String, unique=True, nullable=False),
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'hop.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


async def test_the_engine_s_connections_use_the_one_hop_cursor(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        assert type(raw.dbapi_connection) is OneHopConnection


async def test_rows_counts_keys_and_returning_are_as_before(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        first = await connection.execute(insert(words).values(pl="kot"))
        assert first.inserted_primary_key == (1,)
        assert first.rowcount == 1
        many = await connection.execute(insert(words), [{"pl": "pies"}, {"pl": "dom"}])
        assert many.rowcount == 2
        changed = await connection.execute(
            update(words).where(words.c.id > 1).values(pl=words.c.pl + "!").returning(words.c.id)
        )
        assert sorted(changed.scalars()) == [2, 3]
        assert (await connection.execute(select(words.c.pl).order_by(words.c.id))).all() == [
            ("kot",),
            ("pies!",),
            ("dom!",),
        ]
        assert (await connection.execute(text("SELECT count(*) FROM words"))).scalar() == 3
        none = await connection.execute(select(words).where(words.c.pl == "nic"))
        assert none.first() is None


async def test_a_failed_statement_raises_and_its_transaction_rolls_back(
    engine: AsyncEngine,
) -> None:
    sessions = create_sessionmaker(engine)
    async with sessions() as session:
        await session.execute(insert(words).values(pl="kot"))
        await session.commit()
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            await session.execute(insert(words).values(pl="mysz"))
            await session.execute(insert(words).values(pl="kot"))  # unique: fails
    async with sessions() as session:
        assert (await session.execute(select(words.c.pl))).scalars().all() == ["kot"]
