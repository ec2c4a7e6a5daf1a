"""Dependencies every domain uses, as ``Annotated`` aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.db import run_after_commit_async
from polish_tutor.kit.errors import TutorError
from polish_tutor.settings import Settings
from polish_tutor.state import State, app_state


async def get_state(request: Request) -> State:
    return app_state(request.app)


AppState = Annotated[State, Depends(get_state)]


async def get_settings(state: AppState) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_db_session(request: Request, state: AppState) -> AsyncIterator[AsyncSession]:
    """The request's transaction: committed once when the endpoint returns, else rolled back.

    ``scope="function"`` makes the commit happen before the response is sent, so a 200 is
    only ever sent for a turn that is in the database.
    """
    read_only = request.method in ("GET", "HEAD")
    maker = state.read_sessionmaker if read_only else state.sessionmaker
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except TutorError as exc:
            if exc.keep_changes:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        await run_after_commit_async(session)


DbSession = Annotated[AsyncSession, Depends(get_db_session, scope="function")]


async def get_read_session(state: AppState) -> AsyncIterator[AsyncSession]:
    """A read-only session beside the request's own: for reads that precede slow work (such
    as an Argon2 check), so that no write lock is held while it runs."""
    async with state.read_sessionmaker() as session:
        yield session


ReadSession = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
