from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base, TimestampMixin, UTCDateTime, new_id


class PlacementQuiz(TimestampMixin, Base):
    """One placement quiz of one learner: the items answered so far, the one waiting for an
    answer, and, once finished, where it suggests starting.

    ``answered`` lists ``{"item", "position", "right"}`` (the item's key, its lesson's place in
    the course, whether the answer was right): never the learner's text. ``asked`` counts them
    and guards against two answers to one item (the update requires the count it read).
    """

    __tablename__ = "placement_quizzes"
    __table_args__ = (Index("ix_placement_quizzes_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    seed: Mapped[int] = mapped_column(Integer)  # which of a lesson's items are asked
    asked: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    pending: Mapped[str | None] = mapped_column(String(120), default=None)  # the item's key
    level: Mapped[float | None] = mapped_column(Float, default=None)  # θ, in lessons
    suggested_lesson_id: Mapped[str | None] = mapped_column(String(100), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
