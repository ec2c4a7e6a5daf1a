"""All SQL about sessions and their turns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.db import discard_after_commit
from polish_tutor.sessions.models import AgentSession, AgentTurn


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, session_id: uuid.UUID) -> AgentSession | None:
        return await self.session.get(AgentSession, session_id)

    def add(self, *rows: AgentSession | AgentTurn) -> None:
        self.session.add_all(rows)

    async def flush(self) -> None:
        await self.session.flush()

    async def discard(self) -> None:
        """Roll back everything this request wrote, including what would run after commit."""
        await self.session.rollback()
        discard_after_commit(self.session)

    async def list_for_user(self, user_id: uuid.UUID, limit: int) -> Sequence[AgentSession]:
        query = (
            select(AgentSession)
            .where(AgentSession.user_id == user_id)
            .order_by(AgentSession.updated_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def recent_turns(self, session_id: uuid.UUID, limit: int) -> list[AgentTurn]:
        if limit <= 0:
            return []
        query = (
            select(AgentTurn)
            .where(AgentTurn.session_id == session_id)
            .order_by(AgentTurn.seq.desc())
            .limit(limit)
        )
        return list(reversed((await self.session.scalars(query)).all()))

    async def transcript(self, session_id: uuid.UUID) -> Sequence[AgentTurn]:
        query = select(AgentTurn).where(AgentTurn.session_id == session_id).order_by(AgentTurn.seq)
        return (await self.session.scalars(query)).all()

    async def turn_by_idempotency_key(self, key: str) -> AgentTurn | None:
        query = select(AgentTurn).where(AgentTurn.idempotency_key == key)
        return (await self.session.scalars(query)).first()

    async def turn_at(self, session_id: uuid.UUID, seq: int) -> AgentTurn | None:
        query = select(AgentTurn).where(AgentTurn.session_id == session_id, AgentTurn.seq == seq)
        return (await self.session.scalars(query)).first()
