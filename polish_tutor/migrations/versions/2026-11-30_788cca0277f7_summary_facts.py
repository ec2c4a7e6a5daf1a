"""summary facts: the extractive statistics a session's summary jobs fold into

Revision ID: 788cca0277f7
Revises: d4e8f1a2b3c5
Create Date: 2026-11-30 11:11:51.580320

NULL for every existing session: its next summary job folds them from the first turn, once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "788cca0277f7"
down_revision: str | None = "d4e8f1a2b3c5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary_facts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.drop_column("summary_facts")
