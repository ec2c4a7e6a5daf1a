"""rename a2 lessons: a2-08 … a2-12 become a2-17 … a2-21 (A1 now runs to order 16)

Revision ID: 296ea43fe0be
Revises: 1ba555a282e6
Create Date: 2026-12-02 02:10:00.000000

A data migration: a learner's stored data names lessons by id, so the five ids change in every
place that holds one: ``agent_sessions.lesson_id`` (which sessions belong to which lesson: the
progress page's lesson positions come from it), ``review_cards.lesson_id`` (the lesson that
introduced a word) and the "title (id)" the extractive session summary writes into
``agent_sessions.summary``. The downgrade renames them back. The ids are written out here, not
imported, so that the migration stays what it was when the lessons move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "296ea43fe0be"
down_revision: str | None = "1ba555a282e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMED = {
    "a2-08-home": "a2-17-home",
    "a2-09-likes-hobbies": "a2-18-likes-hobbies",
    "a2-10-transport": "a2-19-transport",
    "a2-11-past-tense": "a2-20-past-tense",
    "a2-12-doctor": "a2-21-doctor",
}

_sessions = sa.table(
    "agent_sessions", sa.column("lesson_id", sa.String), sa.column("summary", sa.Text)
)
_cards = sa.table("review_cards", sa.column("lesson_id", sa.String))


def _rename(pairs: dict[str, str]) -> None:
    for old, new in pairs.items():
        op.execute(_sessions.update().where(_sessions.c.lesson_id == old).values(lesson_id=new))
        op.execute(_cards.update().where(_cards.c.lesson_id == old).values(lesson_id=new))
        # The summary names its lesson as "title (id)"; REPLACE is the same on both databases.
        old_ref, new_ref = f"({old})", f"({new})"
        op.execute(
            _sessions.update()
            .where(_sessions.c.summary.contains(old_ref, autoescape=True))
            .values(summary=sa.func.replace(_sessions.c.summary, old_ref, new_ref))
        )


def upgrade() -> None:
    _rename(RENAMED)


def downgrade() -> None:
    _rename({new: old for old, new in RENAMED.items()})
