from __future__ import annotations

import uuid

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
async def get_session(session_id: uuid.UUID, user: CurrentUser, db: DbSession) -> TranscriptOut:
    """One session with its whole transcript, turns in order."""
    repository = SessionRepository(db)
    agent_session = await repository.get(session_id)
    if agent_session is None or agent_session.user_id != user.user_id:
        raise NotFound("There is no such session.", code="session_not_found")
    turns = await repository.transcript(session_id)
    return TranscriptOut(
        **SessionOut.model_validate(agent_session).model_dump(),
        turns=[TurnOut.model_validate(turn) for turn in turns],
    )
