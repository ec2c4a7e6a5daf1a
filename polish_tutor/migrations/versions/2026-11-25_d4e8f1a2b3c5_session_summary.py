"""session summary: the running summary of a session's older turns

Revision ID: d4e8f1a2b3c5
Revises: c7d3e9a1f2b4
Create Date: 2026-11-25 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4e8f1a2b3c5"
down_revision: str | None = "c7d3e9a1f2b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("summary_upto", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.drop_column("summary_upto")
        batch_op.drop_column("summary")
