"""Running tallies behind the progress screen, kept in the transaction that changes an answer.

progress_question holds, per candidate and question, the main answers' count, best
effective score, total answer time and newest time; progress_point holds, per rubric
point, how many main answers had it and how many met it. Summing these small tables
replaces reading every answer (and its rubric rows) on each visit to the progress screen.

Every change to what they count comes through here: a stored or imported main answer
is added, a coach's verdict on a point moves its hits by one, and a coach's score
recounts the question's best (it may go down). Follow-ups are never counted. Migration
0003 builds both tables from the rows that existed before them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from mockroom.store.db import upsert
from mockroom.store.tables import AttemptRow, CriterionRow, PointTallyRow, QuestionTallyRow

SCORE = func.coalesce(col(AttemptRow.coach_score), col(AttemptRow.auto_score))
"""The effective score: the coach's when given, else the auto score."""


def met(c: CriterionRow) -> bool:
    """Whether a rubric point counts as met: the coach's verdict wins over the scorer's."""
    return c.hit if c.coach_hit is None else c.coach_hit


def count_answer(s: Session, attempt: AttemptRow, criteria: Sequence[CriterionRow]) -> None:
    """A main answer was stored (or imported): add it to its question's and points' tallies."""
    if attempt.follow_up_of is not None:
        return
    conn = s.connection()
    q = QuestionTallyRow.__table__.c  # type: ignore[attr-defined]
    score = attempt.auto_score if attempt.coach_score is None else attempt.coach_score
    upsert(
        conn,
        QuestionTallyRow,
        [
            {
                "candidate_id": attempt.candidate_id,
                "question_id": attempt.question_id,
                "answers": 1,
                "best": score,
                "answer_s_total": attempt.answer_s,
                "last_at": attempt.created_at,
            }
        ],
        ["candidate_id", "question_id"],
        lambda new: {
            "answers": q.answers + 1,
            "best": case((new.best > q.best, new.best), else_=q.best),
            "answer_s_total": q.answer_s_total + new.answer_s_total,
            "last_at": case((new.last_at > q.last_at, new.last_at), else_=q.last_at),
        },
    )
    if not criteria:
        return
    p = PointTallyRow.__table__.c  # type: ignore[attr-defined]
    upsert(
        conn,
        PointTallyRow,
        [
            {
                "candidate_id": attempt.candidate_id,
                "question_id": attempt.question_id,
                "rubric_id": c.rubric_id,
                "key": c.key,
                "answers": 1,
                "hits": int(met(c)),
            }
            for c in criteria
        ],
        ["candidate_id", "question_id", "rubric_id", "key"],
        lambda new: {"answers": p.answers + 1, "hits": p.hits + new.hits},
    )


def verdict_changed(s: Session, attempt: AttemptRow, c: CriterionRow, was_met: bool) -> None:
    """A coach changed the verdict on rubric point `c` of `attempt`: move its hits by one."""
    now_met = met(c)
    if attempt.follow_up_of is not None or now_met == was_met:
        return
    p = PointTallyRow
    s.connection().execute(
        update(p)
        .where(
            col(p.candidate_id) == attempt.candidate_id,
            col(p.question_id) == attempt.question_id,
            col(p.rubric_id) == c.rubric_id,
            col(p.key) == c.key,
        )
        .values(hits=col(p.hits) + (1 if now_met else -1))
    )


def score_changed(s: Session, attempt: AttemptRow) -> None:
    """A coach's score was given or taken back: recount the question's best.

    The best can go down, so it is read again from the question's main answers
    (ix_attempt_progress covers them; no table reads).
    """
    if attempt.follow_up_of is not None:
        return
    s.flush()  # the new score, before it is read back
    t = QuestionTallyRow
    row = (col(t.candidate_id) == attempt.candidate_id, col(t.question_id) == attempt.question_id)
    mine = (
        col(AttemptRow.candidate_id) == attempt.candidate_id,
        col(AttemptRow.question_id) == attempt.question_id,
        col(AttemptRow.follow_up_of).is_(None),
    )
    conn = s.connection()
    # PostgreSQL: hold the row first, so the recount below (a statement with a snapshot of
    # its own) sees an answer another transaction added to it and committed meanwhile.
    conn.execute(sa_select(col(t.answers)).where(*row).with_for_update())
    best = sa_select(func.max(SCORE)).where(*mine).scalar_subquery()
    conn.execute(update(t).where(*row).values(best=best))
