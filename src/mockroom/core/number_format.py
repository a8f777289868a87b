"""How numbers read, in one place, so a score never shows as "91" beside "10.6".

A score (one answer's, 0-100) and the points a flag costs are whole numbers: the scorer's
tenths are finer than any interviewer grades. A mean over several answers keeps one decimal,
so two sessions' means can still be told apart. Halves round up (Python's round() would
send 90.5 to 90 and 91.5 to 92).
"""

from __future__ import annotations

import math

NONE = "—"
"""What a missing score shows (not graded, nothing to average)."""
MINUS = "−"


def whole(value: float) -> int:
    """`value` rounded to the nearest whole number, halves away from zero."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def score(value: float | None) -> str:
    """One answer's score: `91`; `—` when there is none."""
    return NONE if value is None else str(whole(value))


def mean(value: float | None) -> str:
    """A mean of scores: `74.5`; `—` when there is none."""
    return NONE if value is None else f"{whole(value * 10) / 10:.1f}"


def points(value: float) -> str:
    """What a flag costs, in score points: `11`; under one point reads `<1`, not `0`."""
    n = whole(abs(value))
    return "<1" if n == 0 and value else str(n)


def delta(value: float) -> str:
    """A change of score: `+5`, `−3`, `±0`."""
    n = whole(value)
    return "±0" if n == 0 else f"+{n}" if n > 0 else f"{MINUS}{-n}"
