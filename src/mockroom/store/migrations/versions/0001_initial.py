"""The first schema: candidates, sessions, drafts, attempts, rubric points, review cards.

Revision ID: 0001
Revises:
Create Date: 2026-05-20

Written by hand with explicit types that mean the same on SQLite and
PostgreSQL: DateTime(timezone=True) is TIMESTAMPTZ on PostgreSQL and text in
UTC on SQLite (tables.UTCDateTime converts), JSON is json / text.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(length=32)
KEY = sa.String(length=200)
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "candidate",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("last_used_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_candidate"),
    )
    op.create_table(
        "practice_session",
        sa.Column("id", ID, nullable=False),
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("track", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("time_budget_s", sa.Integer(), nullable=True),
        sa.Column("clock_on", sa.Boolean(), nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("ended_at", TIME, nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_practice_session_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_practice_session"),
    )
    op.create_index(
        "ix_practice_session_candidate_state", "practice_session", ["candidate_id", "state"]
    )
    op.create_table(
        "draft",
        sa.Column("session_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("clock", sa.JSON(), nullable=False),
        sa.Column("saved_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name="fk_draft_session_id_practice_session",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name="pk_draft"),
    )
    op.create_table(
        "attempt",
        sa.Column("id", ID, nullable=False),
        sa.Column("session_id", ID, nullable=False),
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("bank_version", sa.String(length=64), nullable=False),
        sa.Column("prompt_lang", sa.String(length=8), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("auto_score", sa.Float(), nullable=False),
        sa.Column("shown_at", TIME, nullable=False),
        sa.Column("first_key_s", sa.Float(), nullable=True),
        sa.Column("prep_s", sa.Float(), nullable=False),
        sa.Column("answer_s", sa.Float(), nullable=False),
        sa.Column("overtime_s", sa.Float(), nullable=False),
        sa.Column("typing_cpm", sa.Float(), nullable=True),
        sa.Column("follow_up_of", ID, nullable=True),
        sa.Column("follow_up_criterion", KEY, nullable=True),
        sa.Column("self_rating", sa.Integer(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("coach_score", sa.Float(), nullable=True),
        sa.Column("reviewed_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name="fk_attempt_session_id_practice_session",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_attempt_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_of"],
            ["attempt.id"],
            name="fk_attempt_follow_up_of_attempt",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attempt"),
    )
    op.create_index("ix_attempt_session_created", "attempt", ["session_id", "created_at"])
    op.create_index("ix_attempt_candidate_question", "attempt", ["candidate_id", "question_id"])
    op.create_table(
        "attempt_criterion",
        sa.Column("attempt_id", ID, nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("rubric_id", KEY, nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("hit", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("credit", sa.Float(), nullable=False),
        sa.Column("coach_hit", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempt.id"],
            name="fk_attempt_criterion_attempt_id_attempt",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "key", name="pk_attempt_criterion"),
    )
    op.create_table(
        "review_card",
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("track", sa.String(length=64), nullable=False),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("due", TIME, nullable=False),
        sa.Column("last_rating", sa.Integer(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_review_card_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", "question_id", name="pk_review_card"),
    )
    op.create_index("ix_review_card_candidate_due", "review_card", ["candidate_id", "due"])


def downgrade() -> None:
    op.drop_index("ix_review_card_candidate_due", table_name="review_card")
    op.drop_table("review_card")
    op.drop_table("attempt_criterion")
    op.drop_index("ix_attempt_candidate_question", table_name="attempt")
    op.drop_index("ix_attempt_session_created", table_name="attempt")
    op.drop_table("attempt")
    op.drop_table("draft")
    op.drop_index("ix_practice_session_candidate_state", table_name="practice_session")
    op.drop_table("practice_session")
    op.drop_table("candidate")
