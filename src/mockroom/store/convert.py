"""Rows <-> records: the one place that knows both the tables and the domain records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from mockroom.core.result import ScoreResult
from mockroom.store import evidence
from mockroom.store.records import (
    AttemptRec,
    AttemptTiming,
    CandidateRec,
    CoachReview,
    CommentRec,
    DraftRec,
    SessionRec,
    SessionSummaryNote,
)
from mockroom.store.tables import (
    AttemptRow,
    CandidateRow,
    CommentRow,
    CriterionRow,
    DraftRow,
    SessionRow,
)


def candidate(row: CandidateRow) -> CandidateRec:
    return CandidateRec(id=row.id, name=row.name)


def session(row: SessionRow) -> SessionRec:
    return SessionRec(
        id=row.id,
        candidate_id=row.candidate_id,
        track=row.track,
        mode=row.mode,
        lang=row.lang,
        question_ids=tuple(row.question_ids),
        time_budget_s=row.time_budget_s,
        clock_on=row.clock_on,
        started_at=row.started_at,
        ended_at=row.ended_at,
        state=row.state,
        summary=summary_note(row),
        summary_digest=row.summary_digest,
        summary_ancestors=tuple(row.summary_ancestors or ()),
    )


def summary_note(row: SessionRow) -> SessionSummaryNote | None:
    if row.summary is None or row.summary_by is None or row.summary_at is None:
        return None
    return SessionSummaryNote(row.summary, row.summary_by, row.summary_at)


def draft(row: DraftRow) -> DraftRec:
    return DraftRec(
        session_id=row.session_id,
        question_id=row.question_id,
        text=row.text,
        clock=dict(row.clock),
        saved_at=row.saved_at,
    )


def attempts(conn: Connection, rows: Sequence[AttemptRow]) -> list[AttemptRec]:
    """The records of attempt rows, their evidence read with its rubric points in one go."""
    results = evidence.read(conn, [(r.result, r.answer) for r in rows])
    return [attempt(r, result) for r, result in zip(rows, results, strict=True)]


def attempt(row: AttemptRow, result: ScoreResult) -> AttemptRec:
    return AttemptRec(
        id=row.id,
        session_id=row.session_id,
        question_id=row.question_id,
        bank_version=row.bank_version,
        prompt_lang=row.prompt_lang,
        answer=row.answer,
        result=result,
        timing=AttemptTiming(
            shown_at=row.shown_at,
            first_key_s=row.first_key_s,
            prep_s=row.prep_s,
            answer_s=row.answer_s,
            overtime_s=row.overtime_s,
            typing_cpm=row.typing_cpm,
        ),
        auto_score=row.auto_score,
        follow_up_of=row.follow_up_of,
        follow_up_criterion=row.follow_up_criterion,
        self_rating=row.self_rating,
        created_at=row.created_at,
        coach_score=row.coach_score,
        reviewed_at=row.reviewed_at,
    )


def attempt_row(rec: AttemptRec, candidate_id: str, result: dict[str, Any]) -> AttemptRow:
    """The row of `rec`, with `result` its evidence as evidence.pack() made it."""
    t = rec.timing
    return AttemptRow(
        id=rec.id,
        session_id=rec.session_id,
        candidate_id=candidate_id,
        question_id=rec.question_id,
        bank_version=rec.bank_version,
        prompt_lang=rec.prompt_lang,
        answer=rec.answer,
        result=result,
        auto_score=rec.auto_score,
        shown_at=t.shown_at,
        first_key_s=t.first_key_s,
        prep_s=t.prep_s,
        answer_s=t.answer_s,
        overtime_s=t.overtime_s,
        typing_cpm=t.typing_cpm,
        follow_up_of=rec.follow_up_of,
        follow_up_criterion=rec.follow_up_criterion,
        self_rating=rec.self_rating,
        created_at=rec.created_at,
        coach_score=rec.coach_score,
        reviewed_at=rec.reviewed_at,
    )


def criterion_rows(attempt_id: str, result: ScoreResult) -> list[CriterionRow]:
    return [
        CriterionRow(
            attempt_id=attempt_id,
            key=c.key,
            rubric_id=c.rubric_id,
            weight=c.weight,
            required=c.required,
            hit=c.hit,
            negated=c.negated,
            credit=c.credit,
        )
        for c in result.criteria
    ]


def session_row(rec: SessionRec) -> SessionRow:
    return SessionRow(
        id=rec.id,
        candidate_id=rec.candidate_id,
        track=rec.track,
        mode=rec.mode,
        lang=rec.lang,
        question_ids=list(rec.question_ids),
        time_budget_s=rec.time_budget_s,
        clock_on=rec.clock_on,
        started_at=rec.started_at,
        ended_at=rec.ended_at,
        state=rec.state,
    )


def comment(row: CommentRow) -> CommentRec:
    span = None
    if row.span_start is not None and row.span_end is not None:
        span = (row.span_start, row.span_end)
    return CommentRec(
        id=row.id,
        attempt_id=row.attempt_id,
        author=row.author,
        body=row.body,
        span=span,
        created_at=row.created_at,
    )


def comment_row(rec: CommentRec) -> CommentRow:
    return CommentRow(
        id=rec.id,
        attempt_id=rec.attempt_id,
        author=rec.author,
        body=rec.body,
        span_start=rec.span[0] if rec.span else None,
        span_end=rec.span[1] if rec.span else None,
        created_at=rec.created_at,
    )


def coach_review(row: AttemptRow, criteria: list[CriterionRow]) -> CoachReview:
    return CoachReview(
        coach=row.coach,
        coach_score=row.coach_score,
        reviewed_at=row.reviewed_at,
        coached_at=row.coached_at,
        points={c.key: c.coach_hit for c in criteria if c.coach_hit is not None},
        revision=row.review_revision or 0,
        digest=row.review_digest,
        ancestors=tuple(row.review_ancestors or ()),
    )
