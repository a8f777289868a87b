"""The final verdict on one answer: the coach's word over the scorer's, per point and score.

The scorer's result is never changed; a coach's review sits beside it. Everything a
person reads about an answer (marks, flags, summaries, exports) comes from the verdict
built here, with the scorer's own call kept beside it, so an answer a coach has marked
as covering a required point never still says "Missing a required point".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from mockroom.core.report import Status, status
from mockroom.core.result import CriterionResult, Flag, ScoreResult

T = TypeVar("T")

POINT_FLAGS = frozenset({"missed-required", "negated", "off-topic"})
"""Flags that say which rubric points were met: re-derived from the final verdicts. The
others (length, keyword list, red flags…) are about the text and stand as scored."""


@dataclass(frozen=True)
class PointCall:
    """One rubric point of an answer: the scorer's call, the coach's, and the one that counts."""

    criterion: CriterionResult
    """The scorer's evidence for the point (label, tip, weight, matches)."""
    coach: bool | None
    """The coach's verdict, None when the coach left it to the scorer."""

    @property
    def key(self) -> str:
        return self.criterion.key

    @property
    def auto(self) -> Status:
        """The scorer's call: hit, missed or negated."""
        return status(self.criterion)

    @property
    def met(self) -> bool:
        """The final verdict: the coach's when given, else the scorer's."""
        return self.criterion.hit if self.coach is None else self.coach

    @property
    def final(self) -> Status:
        """The final status: negated only while the coach has not ruled on the point."""
        if self.coach is None:
            return self.auto
        return "hit" if self.coach else "missed"

    @property
    def overridden(self) -> bool:
        """The coach's verdict differs from the scorer's."""
        return self.coach is not None and self.coach != self.criterion.hit


@dataclass(frozen=True)
class Verdict:
    """What counts for one answer: its final score, points and flags, the auto ones beside."""

    result: ScoreResult
    coach_score: float | None
    points: tuple[PointCall, ...]
    flags: tuple[Flag, ...]
    """The flags as they stand after the coach's point verdicts (see POINT_FLAGS)."""

    @property
    def auto_score(self) -> float:
        return self.result.score

    @property
    def score(self) -> float:
        """The final score: the coach's when given, else the auto score."""
        return self.result.score if self.coach_score is None else self.coach_score

    @property
    def auto_flags(self) -> tuple[Flag, ...]:
        return self.result.flags

    def met(self, key: str) -> bool:
        return any(p.met for p in self.points if p.key == key)

    @property
    def missed(self) -> tuple[PointCall, ...]:
        """Points not met in the final verdict, required ones first, then by weight."""
        return tuple(
            sorted((p for p in self.points if not p.met),
                   key=lambda p: (not p.criterion.required, -p.criterion.weight))
        )


def final_verdict(
    result: ScoreResult, coach_points: Mapping[str, bool], coach_score: float | None
) -> Verdict:
    """The verdict on an answer scored `result` that a coach reviewed (or not: empty, None)."""
    points = tuple(PointCall(c, coach_points.get(c.key)) for c in result.criteria)
    return Verdict(result, coach_score, points, _flags(result, points))


def _flags(result: ScoreResult, points: tuple[PointCall, ...]) -> tuple[Flag, ...]:
    if not any(p.coach is not None for p in points):
        return result.flags
    by_key = {p.key: p for p in points}
    out: list[Flag] = []
    for f in result.flags:
        if f.code == "missed-required":
            continue  # rebuilt below from the final verdicts, where the scorer put it
        if f.code == "negated" and f.ref in by_key and by_key[f.ref].coach is not None:
            continue  # the coach ruled on the point: met, or missed as any other miss
        if f.code == "off-topic" and any(p.met for p in points):
            continue
        out.append(f)
    missing = [p for p in points if p.criterion.required and not p.met]
    if missing:
        scorer = next((f for f in result.flags if f.code == "missed-required"), None)
        same = scorer is not None and {p.key for p in missing} == {
            c.key for c in result.criteria if c.required and not c.hit
        }
        out.append(
            Flag(
                "missed-required",
                "缺少必答要点：" + "、".join(p.criterion.label_zh for p in missing),
                "Missing a required point: " + ", ".join(p.criterion.label_en for p in missing),
                # The scorer's cost stands only for its own call; a coach's call has no cost
                # of its own (the coach's score, when given, is the score).
                penalty=scorer.penalty if same and scorer is not None else 0.0,
            )
        )
    return tuple(out)


def best_attempt(attempts: Sequence[T], score: Callable[[T], float]) -> T:
    """The attempt that is a question's result: the highest final score, the earliest of
    equals (`attempts` oldest first). Retries exist to improve, so the best one counts."""
    return max(attempts, key=score)  # max keeps the first of equals
