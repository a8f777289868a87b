"""What the review schedule says, as the start screen shows it, on the Store.

A mixin of class Store (repo.py). `due_by_track` counts, per track, the questions due now
and finds when the next one will be, in one grouped query over the candidate's review
cards (indexed by candidate and due time). `last_answers` reads, for a session's
questions, the latest main answer given before a moment, with the coach's review, so a
question can show what was missed last time before it is answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mockroom.store import convert
from mockroom.store.records import AttemptRec, CoachReview
from mockroom.store.tables import AttemptRow, CriterionRow, ReviewCardRow, UTCDateTime


@dataclass(frozen=True)
class TrackDue:
    """One track's review schedule for a candidate."""

    track: str
    due_now: int
    """Questions due at the moment asked about."""
    next_due: datetime | None
    """When the next question not yet due will be (None: every scheduled one is due)."""
    scheduled: int
    """Questions of the track with a review card (answered at least once)."""


@dataclass(frozen=True)
class LastAnswer:
    """A question's latest main answer (first answer or retry), with the coach's review."""

    attempt: AttemptRec
    review: CoachReview


class DueMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...

        def _now(self) -> datetime: ...

    def due_by_track(self, candidate_id: str, now: datetime | None = None) -> dict[str, TrackDue]:
        """Per track with any review card: how many are due at `now` and when the next is."""
        moment = self._now() if now is None else now
        due = col(ReviewCardRow.due)
        query = (
            sa_select(
                col(ReviewCardRow.track),
                func.sum(case((due <= moment, 1), else_=0)),
                type_coerce(func.min(case((due > moment, due), else_=None)), UTCDateTime),
                func.count(),
            )
            .where(col(ReviewCardRow.candidate_id) == candidate_id)
            .group_by(col(ReviewCardRow.track))
        )
        with self._read() as s:
            rows = s.connection().execute(query).all()
        return {
            track: TrackDue(track, int(due_now or 0), nxt, int(count))
            for track, due_now, nxt, count in rows
        }

    def last_answers(
        self, candidate_id: str, question_ids: Iterable[str], before: datetime | None = None
    ) -> dict[str, LastAnswer]:
        """For each question answered before `before` (default: ever), its latest main answer
        then. Three queries whatever the number of questions: the latest answers' ids (an
        index range per question), their rows, and the rubric points a coach overrode."""
        ids = list(dict.fromkeys(question_ids))
        if not ids:
            return {}
        own = [
            col(AttemptRow.candidate_id) == candidate_id,
            col(AttemptRow.question_id).in_(ids),
            col(AttemptRow.follow_up_of).is_(None),
        ]
        if before is not None:
            own.append(col(AttemptRow.created_at) < before)
        latest = (
            sa_select(col(AttemptRow.question_id), func.max(col(AttemptRow.created_at)))
            .where(*own)
            .group_by(col(AttemptRow.question_id))
            .subquery()
        )
        query = (
            select(AttemptRow)
            .join(latest, and_(col(AttemptRow.question_id) == latest.c[0],
                               col(AttemptRow.created_at) == latest.c[1]))
            .where(*own)
            .order_by(col(AttemptRow.id))
        )
        with self._read() as s:
            rows = {row.question_id: row for row in s.exec(query).all()}  # a tie: one of them
            attempts = convert.attempts(s.connection(), list(rows.values()))
            overrides: dict[str, list[CriterionRow]] = {}
            for c in s.exec(
                select(CriterionRow).where(
                    col(CriterionRow.attempt_id).in_([r.id for r in rows.values()]),
                    col(CriterionRow.coach_hit).is_not(None),
                )
            ).all():
                overrides.setdefault(c.attempt_id, []).append(c)
        return {
            a.question_id: LastAnswer(
                a, convert.coach_review(rows[a.question_id], overrides.get(a.id, []))
            )
            for a in attempts
        }
