"""Progress tallies and covering indexes: the progress screen no longer reads every answer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-22

progress_question and progress_point are built here from the answers already
stored, with the same rules store/tally.py keeps them by afterwards: main
answers only, the coach's score and verdicts winning over the scorer's. The
statements are written out here rather than imported, so this revision keeps
meaning what it meant when later ones change the store.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(length=32)
KEY = sa.String(length=200)
TIME = sa.DateTime(timezone=True)

attempt = sa.table(
    "attempt",
    sa.column("id"),
    sa.column("candidate_id"),
    sa.column("question_id"),
    sa.column("follow_up_of"),
    sa.column("auto_score"),
    sa.column("coach_score"),
    sa.column("answer_s"),
    sa.column("created_at"),
)
criterion = sa.table(
    "attempt_criterion",
    sa.column("attempt_id"),
    sa.column("rubric_id"),
    sa.column("key"),
    sa.column("hit"),
    sa.column("coach_hit"),
)


def upgrade() -> None:
    op.create_index(
        "ix_practice_session_candidate_started", "practice_session", ["candidate_id", "started_at"]
    )
    op.create_index(
        "ix_attempt_session_totals",
        "attempt",
        ["session_id", "follow_up_of", "auto_score", "coach_score", "reviewed_at"],
    )
    op.create_index(
        "ix_attempt_self_rating",
        "attempt",
        ["candidate_id", "self_rating", "follow_up_of", "auto_score", "coach_score"],
    )
    question = op.create_table(
        "progress_question",
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("best", sa.Float(), nullable=False),
        sa.Column("answer_s_total", sa.Float(), nullable=False),
        sa.Column("last_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_progress_question_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", "question_id", name="pk_progress_question"),
    )
    point = op.create_table(
        "progress_point",
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("rubric_id", KEY, nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_progress_point_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "candidate_id", "question_id", "rubric_id", "key", name="pk_progress_point"
        ),
    )
    assert question is not None and point is not None
    fill(question, point)


def fill(question: sa.Table, point: sa.Table) -> None:
    """Count every main answer into the (empty) tallies, as this revision counted them; 0007's
    downgrade counts with it too."""
    a, c = attempt.c, criterion.c
    main = a.follow_up_of.is_(None)
    op.execute(
        question.insert().from_select(
            ["candidate_id", "question_id", "answers", "best", "answer_s_total", "last_at"],
            sa.select(
                a.candidate_id,
                a.question_id,
                sa.func.count(),
                sa.func.max(sa.func.coalesce(a.coach_score, a.auto_score)),
                sa.func.sum(a.answer_s),
                sa.func.max(a.created_at),
            )
            .where(main)
            .group_by(a.candidate_id, a.question_id),
        )
    )
    met = sa.case((sa.func.coalesce(c.coach_hit, c.hit), 1), else_=0)
    op.execute(
        point.insert().from_select(
            ["candidate_id", "question_id", "rubric_id", "key", "answers", "hits"],
            sa.select(
                a.candidate_id,
                a.question_id,
                c.rubric_id,
                c.key,
                sa.func.count(),
                sa.func.sum(met),
            )
            .select_from(criterion.join(attempt, a.id == c.attempt_id))
            .where(main)
            .group_by(a.candidate_id, a.question_id, c.rubric_id, c.key),
        )
    )


def downgrade() -> None:
    op.drop_table("progress_point")
    op.drop_table("progress_question")
    op.drop_index("ix_attempt_self_rating", table_name="attempt")
    op.drop_index("ix_attempt_session_totals", table_name="attempt")
    op.drop_index("ix_practice_session_candidate_started", table_name="practice_session")
