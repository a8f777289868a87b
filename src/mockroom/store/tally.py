"""Running tallies behind the progress screen, kept in the transaction that changes an answer.

Progress counts a candidate's questions as a session counts them (store/session_record.py):
each time a question is answered in a session is ONE result, its best attempt (retries are
attempts of it, not more answers), and a rubric point counts as met in it when the result met
it (the coach's verdict over the scorer's) or a follow-up on that point did.

progress_result keeps each (session, question)'s result as it was last counted;
progress_question sums them per candidate and question (how many results, the best score,
their answer time, the newest time) and progress_point per rubric point (how many results
have it, how many met it). Summing these small tables replaces reading every answer (and its
rubric rows) on each visit to the progress screen.

Every change to an answer comes through `recount`: the question's answers in that session
are read again (a handful of rows), its result is built with session_record's own rules,
and the tallies move by the difference from the result counted before. Migration 0007
rebuilt all three tables with `rebuild`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mockroom.store import convert
from mockroom.store.db import upsert
from mockroom.store.records import TranscriptItem
from mockroom.store.session_record import QuestionRecord, questions_of
from mockroom.store.tables import (
    AttemptRow,
    CriterionRow,
    PointTallyRow,
    QuestionTallyRow,
    ResultTallyRow,
)

SCORE = func.coalesce(col(AttemptRow.coach_score), col(AttemptRow.auto_score))
"""The effective score of one answer: the coach's when given, else the auto score."""

REBUILD_BATCH = 200
"""Sessions read at a time by `rebuild`."""


def met(c: CriterionRow) -> bool:
    """Whether a rubric point counts as met: the coach's verdict wins over the scorer's."""
    return c.hit if c.coach_hit is None else c.coach_hit


@dataclass(frozen=True)
class Counted:
    """A question's result in one session, as the tallies count it."""

    at: datetime
    score: float
    answer_s: float
    points: tuple[tuple[str, str, bool], ...]
    """(rubric_id, key, met) per rubric point of the result."""


def counted(q: QuestionRecord) -> Counted:
    """The result of a question of a session (session_record's rules), for the tallies."""
    best = q.best
    return Counted(
        at=max(a.attempt.created_at for a in q.attempts),
        score=q.score,
        answer_s=best.attempt.timing.answer_s,
        points=tuple((p.call.criterion.rubric_id, p.key, p.met) for p in q.points),
    )


# -- the hooks the store calls ----------------------------------------------------------------


def count_answer(s: Session, attempt: AttemptRow, criteria: Sequence[CriterionRow]) -> None:
    """An answer was stored (or imported): a first answer, a retry or a follow-up."""
    recount(s, attempt)


def verdict_changed(s: Session, attempt: AttemptRow, c: CriterionRow, was_met: bool) -> None:
    """A coach changed the verdict on rubric point `c` of `attempt`."""
    if met(c) != was_met:
        recount(s, attempt)


def score_changed(s: Session, attempt: AttemptRow) -> None:
    """A coach's score was given or taken back (a follow-up's score is no question's result)."""
    if attempt.follow_up_of is None:
        recount(s, attempt)


def recount(s: Session, attempt: AttemptRow) -> None:
    """Count again the question `attempt` answers in its session, moving the tallies by the
    difference from what was counted for it before."""
    s.flush()  # the change, before the answers are read back
    conn = s.connection()
    r = ResultTallyRow
    here = (col(r.session_id) == attempt.session_id, col(r.question_id) == attempt.question_id)
    before = conn.execute(
        sa_select(col(r.at), col(r.score), col(r.answer_s), col(r.points))
        .where(*here)
        .with_for_update()
    ).first()
    old = None if before is None else _stored(*before)
    rows = s.exec(
        select(AttemptRow)
        .where(
            col(AttemptRow.session_id) == attempt.session_id,
            col(AttemptRow.question_id) == attempt.question_id,
        )
        .order_by(col(AttemptRow.created_at), col(AttemptRow.id))
    ).all()
    found = [counted(q) for q in questions_of(_items(s, rows))]
    new = found[0] if found else None
    if new == old:
        return
    cand, qid = attempt.candidate_id, attempt.question_id
    _add_to_question(conn, cand, qid, new, old)
    if new is None:
        conn.execute(delete(r).where(*here))
    else:
        row = _result_row(attempt.session_id, qid, cand, new)
        upsert(conn, r, [row], ["session_id", "question_id"],
               lambda x: {k: getattr(x, k) for k in ("at", "score", "answer_s", "points")})
    _recount_best(conn, cand, qid)
    _add_to_points(conn, cand, qid, new, old)


def rebuild(s: Session) -> None:
    """Count every stored session again from nothing (migration 0007)."""
    conn = s.connection()
    for table in (ResultTallyRow, QuestionTallyRow, PointTallyRow):
        conn.execute(delete(table))
    sessions = list(
        conn.execute(
            sa_select(col(AttemptRow.session_id))
            .where(col(AttemptRow.follow_up_of).is_(None))
            .distinct()
            .order_by(col(AttemptRow.session_id))
        ).scalars()
    )
    results: list[dict[str, Any]] = []
    questions: dict[tuple[str, str], dict[str, Any]] = {}
    points: dict[tuple[str, str, str, str], list[int]] = {}
    for i in range(0, len(sessions), REBUILD_BATCH):
        rows = s.exec(
            select(AttemptRow)
            .where(col(AttemptRow.session_id).in_(sessions[i : i + REBUILD_BATCH]))
            .order_by(col(AttemptRow.session_id), col(AttemptRow.created_at), col(AttemptRow.id))
        ).all()
        by_session: dict[str, list[AttemptRow]] = {}
        for row in rows:
            by_session.setdefault(row.session_id, []).append(row)
        for sid, answers in by_session.items():
            cand = answers[0].candidate_id
            try:
                items = _items(s, answers)
            except (KeyError, TypeError, ValueError):
                continue  # a result migration 0004 could not read: no record to count
            for q in questions_of(items):
                c = counted(q)
                results.append(_result_row(sid, q.question_id, cand, c))
                t = questions.setdefault((cand, q.question_id), {
                    "candidate_id": cand, "question_id": q.question_id, "answers": 0,
                    "best": c.score, "answer_s_total": 0.0, "last_at": c.at,
                })
                t["answers"] += 1
                t["best"] = max(t["best"], c.score)
                t["answer_s_total"] += c.answer_s
                t["last_at"] = max(t["last_at"], c.at)
                for rubric_id, key, hit in c.points:
                    n = points.setdefault((cand, q.question_id, rubric_id, key), [0, 0])
                    n[0] += 1
                    n[1] += int(hit)
        s.expunge_all()  # the rows read are not kept for the whole history
    tables: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
        (ResultTallyRow, results),
        (QuestionTallyRow, list(questions.values())),
        (PointTallyRow, [
            {"candidate_id": c, "question_id": q, "rubric_id": r, "key": k, "answers": n, "hits": h}
            for (c, q, r, k), (n, h) in points.items()
        ]),
    )
    for table, values in tables:
        for i in range(0, len(values), 5000):
            conn.execute(table.__table__.insert(), values[i : i + 5000])


# -- helpers ----------------------------------------------------------------------------------


def _items(s: Session, rows: Sequence[AttemptRow]) -> list[TranscriptItem]:
    """The answers as session_record reads them: each with its coach's point verdicts."""
    ids = [r.id for r in rows]
    overridden = s.exec(
        select(CriterionRow).where(
            col(CriterionRow.attempt_id).in_(ids), col(CriterionRow.coach_hit).is_not(None)
        )
    ).all()
    by_attempt: dict[str, list[CriterionRow]] = {}
    for c in overridden:
        by_attempt.setdefault(c.attempt_id, []).append(c)
    return [
        TranscriptItem(rec, convert.coach_review(r, by_attempt.get(r.id, [])), ())
        for r, rec in zip(rows, convert.attempts(s.connection(), rows), strict=True)
    ]


def _stored(at: datetime, score: float, answer_s: float, points: Iterable[Any]) -> Counted:
    return Counted(at, float(score), float(answer_s),
                   tuple((str(r), str(k), bool(m)) for r, k, m in points))


def _result_row(session_id: str, question_id: str, candidate_id: str, c: Counted) -> dict[str, Any]:
    return {
        "session_id": session_id, "question_id": question_id, "candidate_id": candidate_id,
        "at": c.at, "score": c.score, "answer_s": c.answer_s,
        "points": [list(p) for p in c.points],
    }


def _add_to_question(
    conn: Any, cand: str, qid: str, new: Counted | None, old: Counted | None
) -> None:
    """Move the question's count and answer time by the change; its newest time only rises."""
    q = QuestionTallyRow.__table__.c  # type: ignore[attr-defined]
    first = new or old
    assert first is not None
    upsert(
        conn,
        QuestionTallyRow,
        [{
            "candidate_id": cand,
            "question_id": qid,
            "answers": (new is not None) - (old is not None),
            "best": first.score,  # set again by _recount_best
            "answer_s_total": (new.answer_s if new else 0.0) - (old.answer_s if old else 0.0),
            "last_at": first.at,
        }],
        ["candidate_id", "question_id"],
        lambda x: {
            "answers": q.answers + x.answers,
            "answer_s_total": q.answer_s_total + x.answer_s_total,
            "last_at": case((x.last_at > q.last_at, x.last_at), else_=q.last_at),
        },
    )


def _recount_best(conn: Any, cand: str, qid: str) -> None:
    """The best can go down (a coach's lower score), so it is read again from the results
    (ix_progress_result_series covers them). The question's tally row, written just before,
    is held: on PostgreSQL a result another transaction adds meanwhile waits for it."""
    r, t = ResultTallyRow, QuestionTallyRow
    best = (
        sa_select(func.max(col(r.score)))
        .where(col(r.candidate_id) == cand, col(r.question_id) == qid)
        .scalar_subquery()
    )
    conn.execute(
        update(t)
        .where(col(t.candidate_id) == cand, col(t.question_id) == qid)
        .values(best=func.coalesce(best, col(t.best)))
    )


def _add_to_points(
    conn: Any, cand: str, qid: str, new: Counted | None, old: Counted | None
) -> None:
    change: dict[tuple[str, str], list[int]] = {}
    for sign, c in ((1, new), (-1, old)):
        for rubric_id, key, hit in c.points if c else ():
            n = change.setdefault((rubric_id, key), [0, 0])
            n[0] += sign
            n[1] += sign * int(hit)
    rows = [
        {"candidate_id": cand, "question_id": qid, "rubric_id": r, "key": k,
         "answers": n, "hits": h}
        for (r, k), (n, h) in sorted(change.items())
        if n or h
    ]
    if not rows:
        return
    p = PointTallyRow.__table__.c  # type: ignore[attr-defined]
    upsert(conn, PointTallyRow, rows, ["candidate_id", "question_id", "rubric_id", "key"],
           lambda x: {"answers": p.answers + x.answers, "hits": p.hits + x.hits})
