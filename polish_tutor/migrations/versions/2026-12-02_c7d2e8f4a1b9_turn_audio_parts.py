"""a streamed tutor turn's speech, sentence by sentence

Revision ID: c7d2e8f4a1b9
Revises: a3c9e5f70d12
Create Date: 2026-12-02 16:00:00

A turn streamed with an LLM driver (`POST /chat/stream`) is spoken one audio job per sentence,
asked for while the model wrote; the turn keeps their keys in order, so its transcript and a
replay of its Idempotency-Key play the whole reply. NULL for every other turn (one job, its
`audio_job_id`), as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7d2e8f4a1b9"
down_revision: str | None = "a3c9e5f70d12"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent_turns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audio_parts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agent_turns", schema=None) as batch_op:
        batch_op.drop_column("audio_parts")
