from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base, TimestampMixin, UTCDateTime, new_id


class ReviewCard(TimestampMixin, Base):
    """One word of a lesson's vocabulary, scheduled for review by FSRS for one learner.

    The FSRS card is kept as columns (not a JSON blob) so that "due now" is an indexed query.
    """

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "pl"),
        Index("ix_review_cards_user_id_due", "user_id", "due"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(100))  # the lesson that introduced the word
    pl: Mapped[str] = mapped_column(String(200))
    en: Mapped[str] = mapped_column(String(300))
    # fsrs.Card: state 1 learning, 2 review, 3 relearning; step within the learning steps.
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    stability: Mapped[float | None] = mapped_column(Float, default=None)
    difficulty: Mapped[float | None] = mapped_column(Float, default=None)
    state: Mapped[int] = mapped_column(Integer, default=1)
    step: Mapped[int | None] = mapped_column(Integer, default=0)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
