"""Progress counts questions as a session does: a question's result is its best attempt.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Until now the progress tallies counted every main answer, so a retry was a second answer
to the question and its points were counted twice, and a follow-up that met a point did
not count. progress_result is added (each session's result per question, as counted) and
all three tallies are built again from the stored answers by store/tally.py's `rebuild`,
which builds each result with store/session_record.py: the same rules as the summary, the
transcript and the review list, not a copy of them. (So this step reads answers through
the store's own code: a later revision that changes the attempt or attempt_criterion
tables must keep it able to run, or freeze a copy here.)

Downgrade drops progress_result and counts every main answer again, as 0003 did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op
from sqlmodel import Session

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.String(length=32)
KEY = sa.String(length=200)


def upgrade() -> None:
    from mockroom.store import tally

    op.create_table(
        "progress_result",
        sa.Column("session_id", ID, nullable=False),
        sa.Column("question_id", KEY, nullable=False),
        sa.Column("candidate_id", ID, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("answer_s", sa.Float(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_progress_result_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name="fk_progress_result_session_id_practice_session",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "question_id", name="pk_progress_result"),
    )
    op.create_index(
        "ix_progress_result_series",
        "progress_result",
        ["candidate_id", "question_id", "at", "session_id", "score"],
    )
    with Session(bind=op.get_bind()) as s:
        tally.rebuild(s)
        s.flush()


def downgrade() -> None:
    op.drop_index("ix_progress_result_series", table_name="progress_result")
    op.drop_table("progress_result")
    question = sa.table(
        "progress_question",
        *(sa.column(n) for n in ("candidate_id", "question_id", "answers", "best",
                                 "answer_s_total", "last_at")),
    )
    point = sa.table(
        "progress_point",
        *(sa.column(n) for n in ("candidate_id", "question_id", "rubric_id", "key", "answers",
                                 "hits")),
    )
    op.execute(question.delete())
    op.execute(point.delete())
    then = context.script.get_revision("0003")
    assert then is not None and then.module is not None
    then.module.fill(question, point)
