"""stt requests: a learner's recording, the outbox row of its transcription, and the result

Revision ID: 1ba555a282e6
Revises: 77e4b0cec5a4
Create Date: 2026-12-02 01:13:31.746429
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1ba555a282e6"
down_revision: str | None = "77e4b0cec5a4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stt_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("content_type", sa.String(length=50), nullable=False),
        sa.Column("audio", sa.LargeBinary(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("transcript", sa.Text(), nullable=True),
        sa.Column("words", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("audio_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stt_requests")),
    )
    with op.batch_alter_table("stt_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stt_requests_status_created_at", ["status", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stt_requests_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stt_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stt_requests_user_id"))
        batch_op.drop_index("ix_stt_requests_status_created_at")
    op.drop_table("stt_requests")
