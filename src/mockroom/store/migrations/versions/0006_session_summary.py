"""The coach's overall comment on a session.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

practice_session gains summary (the text), summary_by (the coach who wrote it) and
summary_at (when it was last written). Sessions stored before have none: nothing to fill in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practice_session") as batch:
        batch.add_column(sa.Column("summary", sa.Text(), nullable=True))
        batch.add_column(sa.Column("summary_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("summary_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("practice_session") as batch:
        batch.drop_column("summary_at")
        batch.drop_column("summary_by")
        batch.drop_column("summary")
