"""Progress queries on the Store: what the candidate's progress screen shows.

A mixin of class Store (repo.py). Every figure is an SQL aggregate or a
windowed query over indexed columns (attempt by candidate and time, criterion
rows by attempt), so a history of 100,000 answers is read without loading it.

A score here is the effective one: the coach's score when a coach gave one,
else the auto score; a rubric point is met when the coach says so, else when
the scorer did. Only main answers count (a follow-up answers one point again).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mockroom.store.tables import AttemptRow, CriterionRow, SessionRow

SCORE = func.coalesce(col(AttemptRow.coach_score), col(AttemptRow.auto_score))
HIT = func.coalesce(col(CriterionRow.coach_hit), col(CriterionRow.hit))


@dataclass(frozen=True)
class ScorePoint:
    at: datetime
    score: float


@dataclass(frozen=True)
class QuestionProgress:
    question_id: str
    answers: int
    best: float
    latest: float
    mean_answer_s: float
    last_at: datetime
    series: tuple[ScorePoint, ...]
    """The most recent answers, oldest first (at most the `series` asked for)."""


@dataclass(frozen=True)
class PointRate:
    rubric_id: str
    key: str
    answers: int
    hits: int

    @property
    def rate(self) -> float:
        return self.hits / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class SessionTrend:
    session_id: str
    started_at: datetime
    track: str
    answers: int
    mean_score: float


@dataclass(frozen=True)
class SelfRatingPoint:
    at: datetime
    rating: int
    score: float


@dataclass(frozen=True)
class RatingBand:
    rating: int
    answers: int
    mean_score: float


class ProgressMixin:
    if TYPE_CHECKING:

        def _tx(self) -> AbstractContextManager[Session]: ...

    def question_progress(
        self, candidate_id: str, track: str | None = None, series: int = 20
    ) -> list[QuestionProgress]:
        """Per question answered: count, best, latest, mean answer time and recent scores."""
        where = _mine(candidate_id, track)
        totals = (
            sa_select(
                col(AttemptRow.question_id),
                func.count(),
                func.max(SCORE),
                func.avg(col(AttemptRow.answer_s)),
                func.max(col(AttemptRow.created_at)),
            )
            .where(*where)
            .group_by(col(AttemptRow.question_id))
            .order_by(col(AttemptRow.question_id))
        )
        recent = (
            select(
                col(AttemptRow.question_id).label("qid"),
                col(AttemptRow.created_at).label("at"),
                SCORE.label("score"),
                func.row_number()
                .over(
                    partition_by=col(AttemptRow.question_id),
                    order_by=(col(AttemptRow.created_at).desc(), col(AttemptRow.id).desc()),
                )
                .label("rn"),
            )
            .where(*where)
            .subquery()
        )
        lately = (
            select(recent.c.qid, recent.c.at, recent.c.score)
            .where(recent.c.rn <= max(series, 1))
            .order_by(recent.c.qid, recent.c.at, recent.c.rn.desc())
        )
        with self._tx() as s:
            rows = s.connection().execute(totals).all()
            points: dict[str, list[ScorePoint]] = {}
            for qid, at, score in s.exec(lately).all():
                points.setdefault(qid, []).append(ScorePoint(_utc(at), float(score)))
        return [
            QuestionProgress(
                question_id=qid,
                answers=int(n),
                best=float(best),
                latest=points[qid][-1].score,
                mean_answer_s=round(float(mean_s), 1),
                last_at=_utc(last),
                series=tuple(points[qid]),
            )
            for qid, n, best, mean_s, last in rows
        ]

    def point_rates(
        self,
        candidate_id: str,
        question_id: str | None = None,
        track: str | None = None,
        min_answers: int = 1,
        limit: int | None = None,
    ) -> list[PointRate]:
        """How often each rubric point is met, worst first.

        With `question_id`, that question's points; without, every point
        across all questions (a shared rubric's point counts once however many
        questions use it) - the weakest points overall.
        """
        where = _mine(candidate_id, track)
        if question_id is not None:
            where.append(col(AttemptRow.question_id) == question_id)
        answers = func.count()
        hits = func.sum(case((HIT, 1), else_=0))
        query = (
            select(CriterionRow.rubric_id, CriterionRow.key, answers, hits)
            .join(AttemptRow, col(AttemptRow.id) == col(CriterionRow.attempt_id))
            .where(*where)
            .group_by(col(CriterionRow.rubric_id), col(CriterionRow.key))
            .having(answers >= min_answers)
            .order_by(
                (hits * 1.0 / answers).asc(),
                answers.desc(),
                col(CriterionRow.rubric_id),
                col(CriterionRow.key),
            )
        )
        if limit is not None:
            query = query.limit(limit)
        with self._tx() as s:
            return [PointRate(r, k, int(n), int(h or 0)) for r, k, n, h in s.exec(query).all()]

    def session_trend(self, candidate_id: str, last: int = 10) -> list[SessionTrend]:
        """Mean score of each of the last sessions with answers, oldest first."""
        query = (
            sa_select(
                col(SessionRow.id),
                col(SessionRow.started_at),
                col(SessionRow.track),
                func.count(),
                func.avg(SCORE),
            )
            .join(AttemptRow, col(AttemptRow.session_id) == col(SessionRow.id))
            .where(*_mine(candidate_id, None))
            .group_by(col(SessionRow.id))
            .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id).desc())
            .limit(max(last, 1))
        )
        with self._tx() as s:
            rows = s.connection().execute(query).all()
        trend = [
            SessionTrend(sid, _utc(at), track, int(n), round(float(mean), 1))
            for sid, at, track, n, mean in rows
        ]
        return trend[::-1]

    def self_ratings(
        self, candidate_id: str, last: int = 50
    ) -> tuple[list[SelfRatingPoint], list[RatingBand]]:
        """The candidate's own ratings beside the scores: the last ones, and the mean per rating."""
        where = [*_mine(candidate_id, None), col(AttemptRow.self_rating).is_not(None)]
        recent = (
            select(AttemptRow.created_at, AttemptRow.self_rating, SCORE)
            .where(*where)
            .order_by(col(AttemptRow.created_at).desc(), col(AttemptRow.id).desc())
            .limit(max(last, 1))
        )
        bands = (
            select(AttemptRow.self_rating, func.count(), func.avg(SCORE))
            .where(*where)
            .group_by(col(AttemptRow.self_rating))
            .order_by(col(AttemptRow.self_rating))
        )
        with self._tx() as s:
            points = [
                SelfRatingPoint(_utc(at), int(r), float(sc))
                for at, r, sc in s.exec(recent).all()
                if r is not None
            ]
            per = [
                RatingBand(int(r), int(n), round(float(m), 1))
                for r, n, m in s.exec(bands).all()
                if r is not None
            ]
        return points[::-1], per


def _mine(candidate_id: str, track: str | None) -> list[Any]:
    where: list[Any] = [
        and_(
            col(AttemptRow.candidate_id) == candidate_id,
            col(AttemptRow.follow_up_of).is_(None),
        )
    ]
    if track:
        # Question ids are `track.slug` (as the review cards assume).
        where.append(col(AttemptRow.question_id).startswith(f"{track}.", autoescape=True))
    return where


def _utc(moment: datetime) -> datetime:
    """Aggregates and subqueries bypass the column type: SQLite gives naive UTC text back."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
