"""The coach's summary of a session gets a lineage, so imports merge it as they merge reviews.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

practice_session gains summary_digest and summary_ancestors (store/summary_lineage.py). A
summary written before has its digest computed here, with no parent: without one, an import
would take any file's summary as newer than it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

session = sa.table(
    "practice_session",
    sa.column("id"),
    sa.column("summary"),
    sa.column("summary_by"),
    sa.column("summary_at", sa.DateTime(timezone=True)),
    sa.column("summary_digest"),
    sa.column("summary_ancestors", sa.JSON()),
)


def upgrade() -> None:
    from mockroom.store.summary_lineage import digest

    with op.batch_alter_table("practice_session") as batch:
        batch.add_column(sa.Column("summary_digest", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("summary_ancestors", sa.JSON(), nullable=True))
    conn = op.get_bind()
    c = session.c
    written = conn.execute(
        sa.select(c.id, c.summary, c.summary_by, c.summary_at).where(
            c.summary.is_not(None), c.summary_by.is_not(None), c.summary_at.is_not(None)
        )
    ).all()
    for sid, text, coach, at in written:
        conn.execute(
            session.update()
            .where(c.id == sid)
            .values(summary_digest=digest(None, text, coach, at), summary_ancestors=[])
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_session") as batch:
        batch.drop_column("summary_ancestors")
        batch.drop_column("summary_digest")
