"""What the review schedule says, as the start screen shows it, on the Store.

A mixin of class Store (repo.py). `due_by_track` counts, per track, the questions due now
and finds when the next one will be, in one grouped query over the candidate's review
cards (indexed by candidate and due time). `last_answers` reads, for a few questions, the
latest main answer given before a moment, with the coach's review, so a question can show
what was missed last time before it is answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import case, func, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mockroom.store import convert
from mockroom.store.records import AttemptRec, CoachReview
from mockroom.store.review_merge import criteria_of
from mockroom.store.tables import AttemptRow, ReviewCardRow, UTCDateTime


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
        then. One indexed query per question: a session asks at most a handful."""
        found: dict[str, LastAnswer] = {}
        with self._read() as s:
            for qid in dict.fromkeys(question_ids):
                query = select(AttemptRow).where(
                    AttemptRow.candidate_id == candidate_id,
                    AttemptRow.question_id == qid,
                    col(AttemptRow.follow_up_of).is_(None),
                )
                if before is not None:
                    query = query.where(col(AttemptRow.created_at) < before)
                row = s.exec(
                    query.order_by(col(AttemptRow.created_at).desc(), col(AttemptRow.id).desc())
                    .limit(1)
                ).first()
                if row is None:
                    continue
                [attempt] = convert.attempts(s.connection(), [row])
                found[qid] = LastAnswer(attempt, convert.coach_review(row, criteria_of(s, row.id)))
        return found
