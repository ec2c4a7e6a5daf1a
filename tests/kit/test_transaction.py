"""``dependencies.transaction``: committed and closed when the block ends, else rolled back;
what runs after the commit runs only then; the connection goes back to the pool either way."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from polish_tutor.dependencies import transaction
from polish_tutor.kit.db import call_after_commit, create_engine, create_sessionmaker
from polish_tutor.kit.errors import TutorError
from polish_tutor.users.models import User


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


def learner(email: str, user_id: uuid.UUID | None = None) -> User:
    return User(id=user_id or uuid.uuid4(), email=email, password_hash="x")


async def emails(engine: AsyncEngine) -> list[str]:
    async with create_sessionmaker(engine)() as session:
        return list((await session.scalars(select(User.email).order_by(User.email))).all())


def checked_out(engine: AsyncEngine) -> int:
    count: int = engine.sync_engine.pool.checkedout()  # type: ignore[attr-defined]
    return count


async def test_a_block_that_ends_is_committed_then_runs_what_follows(engine: AsyncEngine) -> None:
    seen: list[list[str]] = []

    async def after() -> None:
        seen.append(await emails(engine))  # the commit is visible to others by then

    async with transaction(create_sessionmaker(engine)) as session:
        session.add(learner("kept@example.com"))
        call_after_commit(session, after)
    assert seen == [["kept@example.com"]]
    assert checked_out(engine) == 0


async def test_a_block_that_fails_is_rolled_back_and_runs_nothing_after(
    engine: AsyncEngine,
) -> None:
    seen: list[str] = []
    with pytest.raises(RuntimeError):
        async with transaction(create_sessionmaker(engine)) as session:
            session.add(learner("lost@example.com"))
            await session.flush()
            call_after_commit(session, lambda: seen.append("after"))
            raise RuntimeError("boom")
    assert seen == []
    assert await emails(engine) == []
    assert checked_out(engine) == 0


async def test_an_error_that_keeps_its_changes_commits_them(engine: AsyncEngine) -> None:
    seen: list[str] = []
    with pytest.raises(TutorError):
        async with transaction(create_sessionmaker(engine)) as session:
            session.add(learner("kept@example.com"))
            call_after_commit(session, lambda: seen.append("after"))
            raise TutorError("no", status_code=401, code="unauthorized", keep_changes=True)
    assert await emails(engine) == ["kept@example.com"]
    # Committed, so what waits for the commit runs (before the error is answered): a revoked
    # login is announced to every process.
    assert seen == ["after"]
    assert checked_out(engine) == 0


async def test_a_commit_that_fails_is_rolled_back(engine: AsyncEngine) -> None:
    taken = uuid.uuid4()
    async with transaction(create_sessionmaker(engine)) as session:
        session.add(learner("first@example.com", taken))
    seen: list[str] = []
    with pytest.raises(IntegrityError):
        async with transaction(create_sessionmaker(engine)) as session:
            session.add(learner("second@example.com"))
            session.add(learner("third@example.com", taken))  # flushed by the commit: fails
            call_after_commit(session, lambda: seen.append("after"))
    assert seen == []
    assert await emails(engine) == ["first@example.com"]
    assert checked_out(engine) == 0
    async with create_sessionmaker(engine)() as session:  # and the pool goes on
        assert await session.scalar(select(func.count()).select_from(User)) == 1
