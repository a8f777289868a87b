"""Coach review and transfer: comments, who coached an answer, imported sessions, progress indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-21

Only nullable columns are added, so SQLite adds them in place (no table rebuild).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(length=32)
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("candidate") as batch:
        batch.add_column(sa.Column("imported_at", TIME, nullable=True))
    with op.batch_alter_table("practice_session") as batch:
        batch.add_column(sa.Column("imported_at", TIME, nullable=True))
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("coach", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("coached_at", TIME, nullable=True))
    # The review list orders sessions by date; progress reads a candidate's attempts by time,
    # and ix_attempt_progress covers the per-question figures so they need no table reads.
    op.create_index("ix_practice_session_started", "practice_session", ["started_at"])
    op.create_index("ix_attempt_candidate_created", "attempt", ["candidate_id", "created_at"])
    op.create_index(
        "ix_attempt_progress",
        "attempt",
        [
            "candidate_id",
            "question_id",
            "created_at",
            "id",
            "follow_up_of",
            "auto_score",
            "coach_score",
            "answer_s",
        ],
    )
    op.create_table(
        "comment",
        sa.Column("id", ID, nullable=False),
        sa.Column("attempt_id", ID, nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempt.id"],
            name="fk_comment_attempt_id_attempt",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comment"),
    )
    op.create_index("ix_comment_attempt_created", "comment", ["attempt_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_comment_attempt_created", table_name="comment")
    op.drop_table("comment")
    op.drop_index("ix_attempt_progress", table_name="attempt")
    op.drop_index("ix_attempt_candidate_created", table_name="attempt")
    op.drop_index("ix_practice_session_started", table_name="practice_session")
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("coached_at")
        batch.drop_column("coach")
    with op.batch_alter_table("practice_session") as batch:
        batch.drop_column("imported_at")
    with op.batch_alter_table("candidate") as batch:
        batch.drop_column("imported_at")
