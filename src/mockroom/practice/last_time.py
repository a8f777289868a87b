"""What a question's last answer missed, shown (on request) before it is answered again.

Built from the latest main answer given before this session, with the coach's word over
the scorer's: a point a coach marked met is not "missed", one a coach marked missed is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockroom.store.due import LastAnswer


@dataclass(frozen=True)
class MissedPoint:
    label_zh: str
    label_en: str
    tip_zh: str
    tip_en: str
    required: bool
    negated: bool
    """The answer named the point only to reject it."""

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def tip(self, lang: str) -> str:
        return self.tip_zh if lang == "zh" else self.tip_en


@dataclass(frozen=True)
class LastTime:
    question_id: str
    answered_at: datetime
    score: float
    """The final score: the coach's when given, else the auto score."""
    missed: tuple[MissedPoint, ...]
    """Required points first, then by weight."""


def last_time(last: LastAnswer) -> LastTime:
    a, review = last.attempt, last.review
    missed = []
    for c in sorted(a.result.criteria, key=lambda c: (not c.required, -c.weight)):
        met = review.points.get(c.key, c.hit)
        if not met:
            negated = c.negated and c.key not in review.points
            missed.append(MissedPoint(c.label_zh, c.label_en, c.tip_zh, c.tip_en, c.required,
                                      negated))
    score = a.auto_score if review.coach_score is None else review.coach_score
    return LastTime(a.question_id, a.created_at, score, tuple(missed))
