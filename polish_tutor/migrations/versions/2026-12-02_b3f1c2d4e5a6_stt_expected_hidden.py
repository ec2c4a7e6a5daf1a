"""stt expected hidden: a recording that answers a listening item keeps its sentence secret

Revision ID: b3f1c2d4e5a6
Revises: 7841b298aefb
Create Date: 2026-12-02 12:30:00.000000

The item's sentence is the recogniser's prompt but never told back (GET /speech/{id}): the
learner is to hear it, not read it. False for every existing row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b3f1c2d4e5a6"
down_revision: str | None = "7841b298aefb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stt_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expected_hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("stt_requests", schema=None) as batch_op:
        batch_op.drop_column("expected_hidden")
