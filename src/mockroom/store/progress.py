"""Progress queries on the Store: what the candidate's progress screen shows.

A mixin of class Store (repo.py). Totals per question and per rubric point
come from the running tallies (tally.py: progress_question, progress_point),
so their cost follows the number of questions, not of answers. The rest reads
a bounded number of answers through covering indexes: the latest per question,
the last sessions, the rated answers' scores. A history of 100,000 answers is
never read whole.

Per question and per rubric point, progress counts results as a session does
(store/session_record.py): each session a question was answered in gives one
result, its best attempt by final score (the coach's over the scorer's); a
rubric point is met in it when the result met it (the coach's verdict over the
scorer's) or a follow-up on that point met it. The self-ratings, rated per
answer, are read per answer.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, literal, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.types import NullType
from sqlmodel import Session, col, select

from mockroom.store.tables import (
    AttemptRow,
    PointTallyRow,
    QuestionTallyRow,
    ResultTallyRow,
    SessionRow,
    UTCDateTime,
)
from mockroom.store.tally import SCORE

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ScorePoint:
    at: datetime
    score: float


@dataclass(frozen=True)
class QuestionProgress:
    question_id: str
    answers: int
    """Sessions it was answered in: a question's retries and follow-ups are not more answers."""
    best: float
    latest: float
    mean_answer_s: float
    last_at: datetime
    series: tuple[ScorePoint, ...]
    """The most recent results, oldest first (at most the `series` asked for)."""


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
    questions: int
    mean_score: float
    """Mean of the questions' results, each its best attempt (store/session_record.py)."""


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

        def _read(self) -> AbstractContextManager[Session]: ...

    def question_progress(
        self, candidate_id: str, track: str | None = None, series: int = 20
    ) -> list[QuestionProgress]:
        """Per question answered: count, best, latest, mean answer time and recent scores."""
        n = max(series, 1)
        tq = QuestionTallyRow
        totals = (
            sa_select(
                col(tq.question_id),
                col(tq.answers),
                col(tq.best),
                col(tq.answer_s_total),
                col(tq.last_at),
            )
            .where(*_tallied(tq, candidate_id, track))
            .order_by(col(tq.question_id))
        )
        # Per question, the time of its n-th newest result: results from then on are read
        # (an index range each), and ties at that time are trimmed below. An outer join with
        # every result term in ON keeps the tally as the outer loop on SQLite (it has no
        # LATERAL), which would otherwise walk all the candidate's results.
        tr = ResultTallyRow
        own = (
            col(tr.candidate_id) == col(tq.candidate_id),
            col(tr.question_id) == col(tq.question_id),
        )
        nth = (
            sa_select(col(tr.at))
            .where(*own)
            .order_by(col(tr.at).desc(), col(tr.session_id).desc())
            .offset(n - 1)
            .limit(1)
            .correlate(tq)
            .scalar_subquery()
        )
        lately = (
            sa_select(
                col(tq.question_id),
                # Read raw and converted by _utc: the column type's own parsing costs
                # more than the query when there are thousands of points.
                type_coerce(col(tr.at), NullType()),
                col(tr.session_id),
                col(tr.score),
            )
            .outerjoin(
                tr,
                and_(*own, col(tr.at) >= func.coalesce(nth, literal(EPOCH, UTCDateTime))),
            )
            .where(*_tallied(tq, candidate_id, track))
        )
        with self._read() as s:
            conn = s.connection()
            rows = conn.execute(totals).all()
            recent: dict[str, list[tuple[Any, str, float]]] = {}
            for qid, at, aid, score in conn.execute(lately).all():
                if aid is not None:
                    recent.setdefault(qid, []).append((at, aid, score))
        # Raw times sort as times (SQLite's fixed-width UTC text too); only kept ones are parsed.
        points = {
            qid: [ScorePoint(_utc(at), float(score)) for at, _, score in sorted(answers)[-n:]]
            for qid, answers in recent.items()
        }
        return [
            QuestionProgress(
                question_id=qid,
                answers=int(count),
                best=float(best),
                latest=points[qid][-1].score,
                mean_answer_s=round(float(total_s) / count, 1),
                last_at=_utc(last),
                series=tuple(points[qid]),
            )
            for qid, count, best, total_s, last in rows
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
        tp = PointTallyRow
        where = _tallied(tp, candidate_id, track)
        if question_id is not None:
            where.append(col(tp.question_id) == question_id)
        answers = func.sum(col(tp.answers))
        hits = func.sum(col(tp.hits))
        query = (
            select(col(tp.rubric_id), col(tp.key), answers, hits)
            .where(*where)
            .group_by(col(tp.rubric_id), col(tp.key))
            .having(answers >= min_answers)
            .order_by(
                (hits * 1.0 / answers).asc(),
                answers.desc(),
                col(tp.rubric_id),
                col(tp.key),
            )
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read() as s:
            return [PointRate(r, k, int(n), int(h or 0)) for r, k, n, h in s.exec(query).all()]

    def session_trend(self, candidate_id: str, last: int = 10) -> list[SessionTrend]:
        """Mean score of each of the last sessions with answers, oldest first: the mean of its
        questions' results, a question's result its best attempt (retries exist to improve),
        as the end-of-session summary counts it."""
        main = and_(
            col(AttemptRow.session_id) == col(SessionRow.id), col(AttemptRow.follow_up_of).is_(None)
        )
        # The last sessions first (by candidate and date, stopping at `last`), then their answers.
        page = (
            sa_select(col(SessionRow.id))
            .where(
                col(SessionRow.candidate_id) == candidate_id,
                sa_select(col(AttemptRow.session_id)).where(main).exists(),
            )
            .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id).desc())
            .limit(max(last, 1))
            .correlate(None)
        )
        results = (
            sa_select(col(AttemptRow.session_id).label("session_id"), func.max(SCORE).label("best"))
            .where(col(AttemptRow.session_id).in_(page), col(AttemptRow.follow_up_of).is_(None))
            .group_by(col(AttemptRow.session_id), col(AttemptRow.question_id))
            .subquery()
        )
        query = (
            sa_select(
                col(SessionRow.id),
                col(SessionRow.started_at),
                col(SessionRow.track),
                func.count(),
                func.avg(results.c.best),
            )
            .join(results, results.c.session_id == col(SessionRow.id))
            .group_by(col(SessionRow.id))
            .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id).desc())
        )
        with self._read() as s:
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
        with self._read() as s:
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


def _tallied(table: Any, candidate_id: str, track: str | None) -> list[Any]:
    """The candidate's rows of a tally table (tally.py), of one track when given."""
    where: list[Any] = [col(table.candidate_id) == candidate_id]
    if track:
        where.append(col(table.question_id).startswith(f"{track}.", autoescape=True))
    return where


def _utc(moment: datetime | str) -> datetime:
    """Aggregates and subqueries bypass the column type: SQLite gives naive UTC text back."""
    if isinstance(moment, str):
        # Parsed with its offset in one call: several times faster than a later replace().
        return datetime.fromisoformat(f"{moment}+00:00")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
