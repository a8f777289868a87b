"""How well the auto scores agree with coaches' grades: pure figures for `mockroom calibrate`.

Per question: Spearman's rank correlation between auto and coach scores
(does the scorer order answers as the coach does?) and the mean difference
coach - auto (is it too harsh or too generous?). Per rubric point: how often
a coach reversed the scorer's verdict, so rubric authors know what to fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import sqrt

ALL = "*"
"""The question id of the row that pools every graded answer."""


@dataclass(frozen=True)
class GradedPair:
    """An answer a coach scored."""

    question_id: str
    auto_score: float
    coach_score: float


@dataclass(frozen=True)
class PointVerdict:
    """One rubric point of an answer a coach has worked on."""

    question_id: str
    key: str
    hit: bool
    coach_hit: bool | None
    """None: the coach left the scorer's verdict alone."""


@dataclass(frozen=True)
class Agreement:
    question_id: str
    graded: int
    spearman: float | None
    """None with fewer than two answers, or when either side gave every answer the same score."""
    mean_difference: float
    """Mean of coach - auto: positive when the scorer is harsher than the coach."""
    mean_abs_difference: float


@dataclass(frozen=True)
class PointOverrides:
    question_id: str
    key: str
    reviewed: int
    """Answers a coach worked on that have this point."""
    to_hit: int
    """Times the coach said the point was met although the scorer missed it."""
    to_miss: int
    """Times the coach said the point was not met although the scorer found it."""

    @property
    def overridden(self) -> int:
        return self.to_hit + self.to_miss

    @property
    def rate(self) -> float:
        return self.overridden / self.reviewed if self.reviewed else 0.0


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        shared = (i + j) / 2 + 1
        for k in range(i, j + 1):
            result[order[k]] = shared
        i = j + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho: Pearson's correlation of the ranks (correct with ties)."""
    if len(xs) != len(ys):
        raise ValueError(f"spearman needs pairs, got {len(xs)} and {len(ys)} values")
    if len(xs) < 2:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return cov / sqrt(vx * vy)


def agreement(pairs: Iterable[GradedPair], pooled: bool = True) -> list[Agreement]:
    """One row per question (sorted by id), then, with `pooled`, one for all answers (ALL)."""
    by_question: dict[str, list[GradedPair]] = defaultdict(list)
    everything: list[GradedPair] = []
    for p in pairs:
        by_question[p.question_id].append(p)
        everything.append(p)
    rows = [_agreement(q, ps) for q, ps in sorted(by_question.items())]
    if pooled and everything:
        rows.append(_agreement(ALL, everything))
    return rows


def overridden_points(verdicts: Iterable[PointVerdict]) -> list[PointOverrides]:
    """Rubric points by how often coaches reverse them, most first; never-reversed ones left out."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for v in verdicts:
        counts = seen[(v.question_id, v.key)]
        counts[0] += 1
        if v.coach_hit is not None and v.coach_hit != v.hit:
            counts[1 if v.coach_hit else 2] += 1
    rows = [
        PointOverrides(q, k, reviewed, to_hit, to_miss)
        for (q, k), (reviewed, to_hit, to_miss) in seen.items()
        if to_hit or to_miss
    ]
    return sorted(rows, key=lambda r: (-r.rate, -r.overridden, r.question_id, r.key))


def _agreement(question_id: str, pairs: list[GradedPair]) -> Agreement:
    diffs = [p.coach_score - p.auto_score for p in pairs]
    return Agreement(
        question_id=question_id,
        graded=len(pairs),
        spearman=spearman([p.auto_score for p in pairs], [p.coach_score for p in pairs]),
        mean_difference=sum(diffs) / len(diffs),
        mean_abs_difference=sum(abs(d) for d in diffs) / len(diffs),
    )
