"""Dependencies every domain uses, as ``Annotated`` aliases.

Each alias gives an endpoint the one thing it uses, as the lifespan built it
(``kit.lifespan.provided``); the packages that own a type declare its alias (``Lessons`` in
``lessons/dependencies.py``, ``UrlSigner`` in ``tts/dependencies.py`` …).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from polish_tutor.kit.db import run_after_commit_async
from polish_tutor.kit.errors import TutorError
from polish_tutor.kit.lifespan import part_of, provided
from polish_tutor.kit.rate_limit import RateLimiter
from polish_tutor.language import LanguageEngine
from polish_tutor.settings import Settings

SettingsDep = Annotated[Settings, Depends(provided("settings", Settings))]
Language = Annotated[LanguageEngine, Depends(provided("language", LanguageEngine))]
Limiter = Annotated[RateLimiter, Depends(provided("limiter", RateLimiter))]
AsyncRedis = Annotated[Redis, Depends(provided("redis", Redis))]
# Sessions for writes, and for reads (a second engine on SQLite, see kit.db.create_engine).
Sessions = Annotated[
    async_sessionmaker[AsyncSession], Depends(provided("sessionmaker", async_sessionmaker))
]
ReadSessions = Annotated[
    async_sessionmaker[AsyncSession], Depends(provided("read_sessionmaker", async_sessionmaker))
]


@asynccontextmanager
async def transaction(maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction: committed when the block ends, else rolled back (a ``TutorError``
    that keeps its changes commits them); then, whenever it committed, what was registered to
    run after the commit (``kit.db.call_after_commit``) runs, awaited (before a kept error
    goes on).

    Committed and closed in one call (one greenlet): the session's own ``async with`` closed
    it in a task of its own (``asyncio.shield``) and a greenlet more, on every request. A
    session that failed is rolled back and closed as before (that close runs to its end even
    if the request is cancelled meanwhile). A session that never began a transaction (its
    only work, the write batch, ran as one of its own: ``WriteBatch.execute``) has nothing to
    commit: what runs after the commit runs at once."""
    session = maker()
    stored = False
    try:
        try:
            yield session
        except TutorError as exc:
            if exc.keep_changes:
                await session.run_sync(_commit_and_close)
                stored = True
                # Committed: what waits for the commit runs before the error is answered (a
                # revoked login's access tokens are refused from then on).
                await run_after_commit_async(session)
            raise
        if _has_work(session):
            await session.run_sync(_commit_and_close)
        stored = True
    finally:
        if not stored:
            async with session:  # closed on the way out, even if cancelled meanwhile
                await session.rollback()
    await run_after_commit_async(session)


def _has_work(session: AsyncSession) -> bool:
    """Whether committing ``session`` does anything: not for a session that never began a
    transaction and holds nothing to flush (its only work, the write batch, ran as a
    transaction of its own: ``WriteBatch.execute``); then neither a greenlet nor the ORM's
    commit and close run (they would begin a transaction to commit nothing). Objects it
    holds (changed, deleted or not: an empty identity map has none) or has added count as
    work."""
    sync = session.sync_session
    return sync.in_transaction() or len(sync.identity_map) > 0 or bool(sync.new)


def _commit_and_close(session: Session) -> None:
    """Commit, then close (nothing left open to roll back: the connection goes back to the
    pool). A commit that fails leaves the session open: the caller rolls it back."""
    session.commit()
    session.close()


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's transaction: committed once when the endpoint returns, else rolled back.

    ``scope="function"`` makes the commit happen before the response is sent, so a 200 is
    only ever sent for a turn that is in the database. (A streamed response outlives the
    endpoint: it opens its own ``transaction``.) The session makers are read from the state
    here rather than as two dependencies of their own: every request with a session pays
    for each dependency it resolves.
    """
    name = "read_sessionmaker" if request.method in ("GET", "HEAD") else "sessionmaker"
    maker: async_sessionmaker[AsyncSession] = part_of(request, name, async_sessionmaker)
    async with transaction(maker) as session:
        yield session


DbSession = Annotated[AsyncSession, Depends(get_db_session, scope="function")]


async def get_read_session(reads: ReadSessions) -> AsyncIterator[AsyncSession]:
    """A read-only session beside the request's own: for reads that precede slow work (such
    as an Argon2 check), so that no write lock is held while it runs."""
    async with reads() as session:
        yield session


ReadSession = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
