"""What a question's last answer missed, shown (on request) before it is answered again.

Built from the latest main answer given before this session, with the coach's word over
the scorer's, as everywhere else (core/verdict.py): a point a coach marked met is not
"missed", one a coach marked missed is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mockroom.core.verdict import PointCall, final_verdict

if TYPE_CHECKING:
    from mockroom.store.due import LastAnswer


@dataclass(frozen=True)
class LastTime:
    question_id: str
    answered_at: datetime
    score: float
    """The final score: the coach's when given, else the auto score."""
    missed: tuple[PointCall, ...]
    """Points not met in the final verdict, required ones first, then by weight (the final
    status is "negated" where the answer named the point only to reject it)."""


def last_time(last: LastAnswer) -> LastTime:
    a, review = last.attempt, last.review
    verdict = final_verdict(a.result, review.points, review.coach_score)
    return LastTime(a.question_id, a.created_at, verdict.score, verdict.missed)
