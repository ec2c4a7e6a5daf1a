"""outbox request id: the X-Request-ID of the turn that asked for the speech

Revision ID: c7d3e9a1f2b4
Revises: 4b4abb6a8785
Create Date: 2026-11-25 04:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7d3e9a1f2b4"
down_revision: str | None = "4b4abb6a8785"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tts_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tts_outbox", schema=None) as batch_op:
        batch_op.drop_column("request_id")
