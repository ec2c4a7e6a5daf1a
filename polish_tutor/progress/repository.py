"""All SQL about the learner's progress: feature counters, lesson positions and when the
learner practised."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, case, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.batch import Binds, WriteBatch, WriteTemplate, insert_rows
from polish_tutor.kit.upsert import dialect_insert
from polish_tutor.progress.models import FeatureProgress
from polish_tutor.review.models import ReviewCard
from polish_tutor.sessions.models import AgentSession, AgentTurn

# (feature, value, gender) → (correct, wrong)
FeatureKey = tuple[str, str, str]
Counts = tuple[int, int]


FEATURES: Table = FeatureProgress.__table__  # type: ignore[assignment]
_COUNT_COLUMNS = ("user_id", "feature", "value", "gender", "correct", "wrong")


def _counts_added(dialect: str, binds: Binds, rows: int) -> Any:
    """Add to the counters (an upsert, so concurrent turns both count)."""
    statement = insert_rows(
        dialect_insert(dialect, FEATURES), FEATURES, _COUNT_COLUMNS, binds, rows
    )
    return statement.on_conflict_do_update(
        index_elements=["user_id", "feature", "value", "gender"],
        set_={
            "correct": FEATURES.c.correct + statement.excluded.correct,
            "wrong": FEATURES.c.wrong + statement.excluded.wrong,
        },
    )


COUNTS_ADDED = WriteTemplate("feature counts added", _counts_added)


@dataclass(frozen=True, slots=True)
class LessonPosition:
    lesson_id: str
    furthest_step: int
    completed: bool


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add_counts(
        self, batch: WriteBatch, user_id: uuid.UUID, counts: Mapping[FeatureKey, Counts]
    ) -> None:
        """Add to the counters in one statement (an upsert, so concurrent turns both count)."""
        if not counts:
            return
        rows = [
            {
                "user_id": user_id,
                "feature": feature,
                "value": value,
                "gender": gender,
                "correct": correct,
                "wrong": wrong,
            }
            # Sorted, so that two transactions lock the rows in the same order.
            for (feature, value, gender), (correct, wrong) in sorted(counts.items())
        ]
        batch.add(COUNTS_ADDED, rows)

    async def features(self, user_id: uuid.UUID) -> Sequence[FeatureProgress]:
        query = (
            select(FeatureProgress)
            .where(FeatureProgress.user_id == user_id)
            .order_by(FeatureProgress.feature, FeatureProgress.value, FeatureProgress.gender)
        )
        return (await self.session.scalars(query)).all()

    async def lesson_positions(self, user_id: uuid.UUID) -> list[LessonPosition]:
        """Per lesson: the furthest step reached in any session, and whether one finished it."""
        query = (
            select(
                AgentSession.lesson_id,
                func.max(AgentSession.step_index),
                func.max(case((AgentSession.completed, 1), else_=0)),
            )
            .where(AgentSession.user_id == user_id, AgentSession.lesson_id.is_not(None))
            .group_by(AgentSession.lesson_id)
        )
        rows = (await self.session.execute(query)).all()
        return [
            LessonPosition(lesson_id=str(lesson_id), furthest_step=int(step), completed=bool(done))
            for lesson_id, step, done in rows
        ]

    async def practice_times(self, user_id: uuid.UUID) -> list[datetime]:
        """When the learner did something, oldest first: each lesson or conversation opened,
        each answer sent, and the last review of each review card (FSRS keeps only the last
        one per card). One column, one statement; turns are reached through the sessions
        (indexed by user) and their ``(session_id, seq)`` key."""
        opened = select(AgentSession.created_at.label("at")).where(AgentSession.user_id == user_id)
        answered = (
            select(AgentTurn.created_at.label("at"))
            .join(AgentSession, AgentTurn.session_id == AgentSession.id)
            .where(AgentSession.user_id == user_id, AgentTurn.role == "learner")
        )
        reviewed = select(ReviewCard.last_review.label("at")).where(
            ReviewCard.user_id == user_id, ReviewCard.last_review.is_not(None)
        )
        times = (await self.session.scalars(union_all(opened, answered, reviewed))).all()
        return sorted(t for t in times if t is not None)
