"""outbox ahead: a speech request made ahead of time (lesson pre-synthesis)

Revision ID: 77e4b0cec5a4
Revises: 788cca0277f7
Create Date: 2026-11-30 17:40:00.000000

False for every existing row: a pending row left from before is relayed as speech a learner
waits for, as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "77e4b0cec5a4"
down_revision: str | None = "788cca0277f7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tts_outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ahead", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("tts_outbox", schema=None) as batch_op:
        batch_op.drop_column("ahead")
