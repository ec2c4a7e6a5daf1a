from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from polish_tutor.kit.db import Base


class FeatureProgress(Base):
    """How often a learner got one grammatical feature value right or wrong.

    ``value`` and ``gender`` are "" rather than NULL when they do not apply, so that the
    unique key works the same on SQLite and PostgreSQL (NULLs are distinct in both).
    """

    __tablename__ = "feature_progress"
    __table_args__ = (UniqueConstraint("user_id", "feature", "value", "gender"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    feature: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(20), default="")
    gender: Mapped[str] = mapped_column(String(10), default="")
    correct: Mapped[int] = mapped_column(Integer, default=0)
    wrong: Mapped[int] = mapped_column(Integer, default=0)
