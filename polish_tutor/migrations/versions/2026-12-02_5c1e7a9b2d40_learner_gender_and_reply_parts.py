"""the learner's gender on the account, and the tutor's text in parts with their language

Revision ID: 5c1e7a9b2d40
Revises: 296ea43fe0be
Create Date: 2026-12-02 02:20:00

Both columns are NULL for existing rows: a learner who has not said their gender has either
form of what they say of themselves accepted, and a stored reply without parts is shown as
plain text, as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1e7a9b2d40"
down_revision: str | None = "296ea43fe0be"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gender", sa.String(length=10), nullable=True))
    with op.batch_alter_table("agent_turns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agent_turns", schema=None) as batch_op:
        batch_op.drop_column("parts")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("gender")
