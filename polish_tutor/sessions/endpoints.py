from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.dependencies import DbSession
from polish_tutor.kit.errors import NotFound
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.sessions.schemas import SessionOut, TranscriptOut, TurnOut

router = APIRouter(tags=["tutor"])


@router.get("/sessions", response_model=list[SessionOut])
async def list_sessions(
    user: CurrentUser, db: DbSession, limit: int = Query(default=50, ge=1, le=200)
) -> list[SessionOut]:
    """The learner's sessions, most recent first."""
    rows = await SessionRepository(db).list_for_user(user.user_id, limit)
    return [SessionOut.model_validate(row) for row in rows]


@router.get("/sessions/{session_id}", response_model=TranscriptOut)
async def get_session(
    session_id: uuid.UUID,
    user: CurrentUser,
    db: DbSession,
    limit: Annotated[
        int | None,
        Query(ge=1, le=1000, description="only the last `limit` turns (default: every turn)"),
    ] = None,
    before: Annotated[
        int | None,
        Query(ge=0, le=2**31 - 1, description="only turns whose `seq` is below this"),
    ] = None,
) -> TranscriptOut:
    """One session with its transcript, turns in order: the whole of it, or a page.

    A page is the last ``limit`` turns (before ``before``); its ``next_before`` is the
    ``before`` of the page that precedes it, or null at the first turn."""
    repository = SessionRepository(db)
    agent_session = await repository.get(session_id)
    if agent_session is None or agent_session.user_id != user.user_id:
        raise NotFound("There is no such session.", code="session_not_found")
    page = None if limit is None else limit + 1  # one more tells whether earlier turns exist
    turns = list(await repository.transcript(session_id, before=before, limit=page))
    next_before = None
    if limit is not None and len(turns) > limit:
        turns = turns[1:]
        next_before = turns[0].seq
    return TranscriptOut(
        **SessionOut.model_validate(agent_session).model_dump(),
        turns=[TurnOut.model_validate(turn) for turn in turns],
        next_before=next_before,
    )
