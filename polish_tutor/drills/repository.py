"""All SQL of the drills domain: which lessons a learner has met."""

from __future__ import annotations

import uuid

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.review.models import ReviewCard
from polish_tutor.sessions.models import AgentSession


class DrillsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lessons_met(self, user_id: uuid.UUID) -> set[str]:
        """Lessons the learner opened, or has review cards from: one statement."""
        opened = select(AgentSession.lesson_id.label("lesson_id")).where(
            AgentSession.user_id == user_id, AgentSession.lesson_id.is_not(None)
        )
        carded = select(ReviewCard.lesson_id.label("lesson_id")).where(
            ReviewCard.user_id == user_id
        )
        rows = (await self.session.execute(union(opened, carded))).scalars().all()
        return {str(lesson_id) for lesson_id in rows if lesson_id}
