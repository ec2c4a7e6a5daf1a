"""All SQL about review cards."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.batch import Binds, WriteBatch, WriteTemplate, insert_rows
from polish_tutor.kit.db import read_rows
from polish_tutor.kit.upsert import dialect_insert
from polish_tutor.review.models import ReviewCard

REVIEW_STATE = 2  # fsrs.State.Review: recalled through the learning steps
CARDS: Table = ReviewCard.__table__  # type: ignore[assignment]
_CARD_COLUMNS = tuple(column.name for column in CARDS.columns)
_SCHEDULE = ("state", "step", "stability", "difficulty", "due", "last_review", "lapses")


def _cards_added(dialect: str, binds: Binds, rows: int) -> Any:
    """New cards; a word the learner already has keeps its card."""
    statement = insert_rows(dialect_insert(dialect, CARDS), CARDS, _CARD_COLUMNS, binds, rows)
    return statement.on_conflict_do_nothing(index_elements=["user_id", "pl"])


def _card_rescheduled(dialect: str, binds: Binds, rows: int) -> Any:
    return update(CARDS).where(CARDS.c.id == binds(CARDS, "id")).values(binds.row(CARDS, _SCHEDULE))


CARDS_ADDED = WriteTemplate("cards added", _cards_added)
CARD_RESCHEDULED = WriteTemplate("card rescheduled", _card_rescheduled)


@dataclass(slots=True)
class CardSchedule:
    """What rescheduling a card reads and writes: its word and its FSRS columns."""

    id: uuid.UUID
    pl: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    lapses: int


_MATCHED = tuple(field.name for field in fields(CardSchedule))


@functools.cache
def _matching(with_phrases: bool) -> Select[Any]:
    """``ReviewRepository.matching``'s query, built once per process (a wrong answer's turn
    ran it each time; building it cost more than running it): the words, the lesson and its
    phrases are bound when it runs (``IN`` lists expanded then)."""
    condition: ColumnElement[bool] = CARDS.c.pl.in_(bindparam("words", expanding=True))
    if with_phrases:
        in_lesson = and_(
            CARDS.c.lesson_id == bindparam("lesson_id", type_=CARDS.c.lesson_id.type),
            CARDS.c.pl.in_(bindparam("phrases", expanding=True)),
        )
        condition = or_(condition, in_lesson)
    # Locked until the turn commits (``FOR UPDATE``, in one order: two turns never wait for
    # each other's locks crosswise), as a rating locks its card: two turns that missed one
    # word at once (two tabs) reschedule it one after the other, the second from the
    # first's result; read without it, the second overwrote the first. SQLite's writes are
    # serialised anyway (it has no FOR UPDATE).
    return (
        select(*(CARDS.c[name] for name in _MATCHED))
        .where(CARDS.c.user_id == bindparam("user_id", type_=CARDS.c.user_id.type), condition)
        .order_by(CARDS.c.id)
        .with_for_update()
    )


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add_missing(self, batch: WriteBatch, rows: Sequence[dict[str, Any]]) -> None:
        """Insert cards the learner does not have yet (by word); one statement."""
        if not rows:
            return
        batch.add(CARDS_ADDED, rows)

    def update_cards(self, batch: WriteBatch, cards: Sequence[CardSchedule]) -> None:
        """Write these cards' schedules through ``batch``, one statement per card."""
        for card in cards:
            batch.add(
                CARD_RESCHEDULED,
                {"id": card.id, **{name: getattr(card, name) for name in _SCHEDULE}},
            )

    async def get(self, card_id: uuid.UUID, user_id: uuid.UUID) -> ReviewCard | None:
        """The learner's card, locked until the transaction ends (``FOR UPDATE``; SQLite's
        writes are serialised anyway), for a rating: two ratings of one card at once (a
        double tap, two tabs) are applied one after the other, the second from the first's
        result. Read and written without it, the second overwrote the first."""
        query = (
            select(ReviewCard)
            .where(ReviewCard.id == card_id, ReviewCard.user_id == user_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(query)).one_or_none()

    async def due(self, user_id: uuid.UUID, now: datetime, limit: int) -> Sequence[ReviewCard]:
        # Words already met (reviewed, or missed in a lesson) before new ones; soonest first.
        never_reviewed = case((ReviewCard.last_review.is_(None), 1), else_=0)
        query = (
            select(ReviewCard)
            .where(ReviewCard.user_id == user_id, ReviewCard.due <= now)
            .order_by(never_reviewed, ReviewCard.due, ReviewCard.pl)
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def matching(
        self,
        user_id: uuid.UUID,
        words: Collection[str],
        lesson_id: str | None,
        phrases: Collection[str] = (),
    ) -> Sequence[CardSchedule]:
        """The schedules of the cards whose word is one of ``words``, and of the lesson's cards
        whose word is one of ``phrases`` (its vocabulary's phrases that hold one of the words),
        locked until the transaction ends. Rows, not ORM objects: the turn only reschedules
        them, through its write batch."""
        values: dict[str, Any] = {"user_id": user_id, "words": list(words)}
        with_phrases = lesson_id is not None and bool(phrases)
        if with_phrases:
            values.update(lesson_id=lesson_id, phrases=list(phrases))
        # Read in the turn's write transaction: on SQLite, one call to the driver's thread
        # (with the transaction's BEGIN), not five.
        rows = await read_rows(self.session, _matching(with_phrases), values)
        return [CardSchedule(*row) for row in rows]

    async def count_learned(self, user_id: uuid.UUID) -> int:
        query = select(func.count()).where(
            ReviewCard.user_id == user_id, ReviewCard.state == REVIEW_STATE
        )
        return int((await self.session.execute(query)).scalar_one())
