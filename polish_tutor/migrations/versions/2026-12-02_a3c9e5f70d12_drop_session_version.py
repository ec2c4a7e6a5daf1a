"""drop agent_sessions.version, an optimistic lock nothing compared

Revision ID: a3c9e5f70d12
Revises: b3f1c2d4e5a6
Create Date: 2026-12-02 12:40:00

A turn's writes are core statements (``kit.batch``), which only ever incremented the column;
what stops two racing turns is the session's ``UPDATE … WHERE turn_count = <read>`` and the
unique ``(session_id, seq)`` of its turns. The downgrade adds the column back as 1 for every row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3c9e5f70d12"
down_revision: str | None = "b3f1c2d4e5a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.drop_column("version")


def downgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.alter_column("version", server_default=None)
