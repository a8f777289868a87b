"""Two answers to the same question side by side: which points were won or lost, and the time.

Pure: takes the stored records (and, if a coach reviewed them, the coach's
verdicts, which win over the scorer's), returns what changed from the first
answer to the second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mockroom.store.records import AttemptRec, CoachReview


@dataclass(frozen=True)
class Side:
    attempt_id: str
    score: float
    """The coach's score when there is one, else the auto score."""
    answer_s: float
    prep_s: float
    overtime_s: float
    length: int


@dataclass(frozen=True)
class Comparison:
    question_id: str
    first: Side
    second: Side
    newly_hit: tuple[str, ...]
    """Rubric point keys met the second time but not the first."""
    lost: tuple[str, ...]
    """Met the first time, missed the second."""
    kept: tuple[str, ...]
    still_missed: tuple[str, ...]
    only_first: tuple[str, ...] = ()
    """Points the rubric had then and no longer has (the bank changed between the answers)."""
    only_second: tuple[str, ...] = ()
    labels: Mapping[str, tuple[str, str]] | None = None
    """Point key -> (zh, en) label, from whichever answer has the point."""

    @property
    def score_delta(self) -> float:
        return round(self.second.score - self.first.score, 1)

    @property
    def time_delta_s(self) -> float:
        return round(self.second.answer_s - self.first.answer_s, 1)

    def label(self, key: str, lang: str) -> str:
        zh_en = (self.labels or {}).get(key)
        if zh_en is None:
            return key
        return zh_en[0] if lang == "zh" else zh_en[1]


def compare(
    first: AttemptRec,
    second: AttemptRec,
    first_review: CoachReview | None = None,
    second_review: CoachReview | None = None,
) -> Comparison:
    if first.question_id != second.question_id:
        raise ValueError(
            f"only answers to the same question compare; got {first.question_id!r} "
            f"and {second.question_id!r}"
        )
    a, b = _verdicts(first, first_review), _verdicts(second, second_review)
    both = [k for k in a if k in b]
    labels = {
        c.key: (c.label_zh, c.label_en) for c in (*second.result.criteria, *first.result.criteria)
    }
    return Comparison(
        question_id=first.question_id,
        first=_side(first, first_review),
        second=_side(second, second_review),
        newly_hit=tuple(k for k in both if b[k] and not a[k]),
        lost=tuple(k for k in both if a[k] and not b[k]),
        kept=tuple(k for k in both if a[k] and b[k]),
        still_missed=tuple(k for k in both if not a[k] and not b[k]),
        only_first=tuple(k for k in a if k not in b),
        only_second=tuple(k for k in b if k not in a),
        labels=labels,
    )


def _verdicts(attempt: AttemptRec, review: CoachReview | None) -> dict[str, bool]:
    points = review.points if review else {}
    return {c.key: points.get(c.key, c.hit) for c in attempt.result.criteria}


def _side(attempt: AttemptRec, review: CoachReview | None) -> Side:
    coach = review.coach_score if review else None
    return Side(
        attempt_id=attempt.id,
        score=attempt.auto_score if coach is None else coach,
        answer_s=attempt.timing.answer_s,
        prep_s=attempt.timing.prep_s,
        overtime_s=attempt.timing.overtime_s,
        length=attempt.result.length,
    )
