"""placement quizzes: a learner's adaptive quiz, its answers (right or wrong, never the text)
and the lesson it suggests starting from

Revision ID: 7841b298aefb
Revises: 5c1e7a9b2d40
Create Date: 2026-12-02 04:02:29.970823
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7841b298aefb"
down_revision: str | None = "5c1e7a9b2d40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "placement_quizzes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("asked", sa.Integer(), nullable=False),
        sa.Column("answered", sa.JSON(), nullable=False),
        sa.Column("pending", sa.String(length=120), nullable=True),
        sa.Column("level", sa.Float(), nullable=True),
        sa.Column("suggested_lesson_id", sa.String(length=100), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_placement_quizzes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement_quizzes")),
    )
    with op.batch_alter_table("placement_quizzes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_placement_quizzes_user_id_created_at", ["user_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("placement_quizzes", schema=None) as batch_op:
        batch_op.drop_index("ix_placement_quizzes_user_id_created_at")
    op.drop_table("placement_quizzes")
