"""All SQL about placement quizzes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.placement.models import PlacementQuiz


class PlacementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, quiz: PlacementQuiz) -> None:
        self.session.add(quiz)
        await self.session.flush()

    async def get(self, quiz_id: uuid.UUID, user_id: uuid.UUID) -> PlacementQuiz | None:
        query = select(PlacementQuiz).where(
            PlacementQuiz.id == quiz_id, PlacementQuiz.user_id == user_id
        )
        return (await self.session.scalars(query)).one_or_none()

    async def latest_finished(self, user_id: uuid.UUID) -> PlacementQuiz | None:
        query = (
            select(PlacementQuiz)
            .where(PlacementQuiz.user_id == user_id, PlacementQuiz.finished_at.is_not(None))
            .order_by(PlacementQuiz.finished_at.desc())
            .limit(1)
        )
        return (await self.session.scalars(query)).one_or_none()

    async def record_answer(
        self,
        quiz_id: uuid.UUID,
        user_id: uuid.UUID,
        *,
        asked: int,
        answered: list[dict[str, Any]],
        pending: str | None,
        level: float,
        suggested_lesson_id: str | None,
        finished_at: datetime | None,
    ) -> bool:
        """Store answer number ``asked + 1``; False when another request stored it first."""
        statement = (
            update(PlacementQuiz)
            .where(
                PlacementQuiz.id == quiz_id,
                PlacementQuiz.user_id == user_id,
                PlacementQuiz.asked == asked,
                PlacementQuiz.finished_at.is_(None),
            )
            .values(
                asked=asked + 1,
                answered=answered,
                pending=pending,
                level=level,
                suggested_lesson_id=suggested_lesson_id,
                finished_at=finished_at,
            )
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0) == 1)
