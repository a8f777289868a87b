"""What the progress and review screens show, as small pure functions (no Textual).

Scores are 0-100 everywhere, so the text sparklines use that fixed scale:
two questions' trends can be compared by eye.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mockroom.core import number_format
from mockroom.core.inert import inert
from mockroom.tui.render import short

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store.records import SessionSummary

BARS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float], lo: float = 0.0, hi: float = 100.0) -> str:
    """One bar per value on a fixed lo..hi scale."""
    span = hi - lo
    out = []
    for v in values:
        share = min(max((v - lo) / span, 0.0), 1.0) if span > 0 else 0.0
        out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


def bar_rows(values: Sequence[float], height: int, width: int, bar: int = 2, gap: int = 1) -> list[str]:
    """A bar chart of 0-100 values, top row first: one bar per value, `bar` cells wide, the
    latest values that fit in `width`, newest on the right. Every value shows at least the
    lowest eighth, so an attempt scoring 0 is still seen as an attempt."""
    shown = fitting(values, width, bar, gap)
    steps = len(BARS) * height
    levels = [max(1, round(min(max(v / 100, 0.0), 1.0) * steps)) for v in shown]
    rows = []
    for row in reversed(range(height)):
        cells = []
        for level in levels:
            part = level - row * len(BARS)
            cells.append((" " if part <= 0 else BARS[min(part, len(BARS)) - 1]) * bar)
        rows.append((" " * gap).join(cells))
    return rows


def fitting(values: Sequence[float], width: int, bar: int = 2, gap: int = 1) -> list[float]:
    """The latest values whose bars (`bar` cells, `gap` apart) fit in `width` cells."""
    fit = max(1, (width + gap) // (bar + gap)) if width > 0 else 0
    return list(values)[-fit:] if fit else []


def question_title(bank: Bank | None, question_id: str, lang: str, width: int) -> str:
    """The question's first line from the bank, else its id (the bank may have changed)."""
    q = bank.questions.get(question_id) if bank else None
    return short(q.prompt.get(lang), width) if q else inert(question_id)


def point_label(bank: Bank | None, rubric_id: str, key: str, lang: str) -> str:
    """A rubric point's label; `key` is `point` or `rubric-id:point` (see core/scorer.py)."""
    rubric = bank.rubrics.get(rubric_id) if bank else None
    point = key.rsplit(":", 1)[-1]
    if rubric is not None:
        for c in rubric.criteria:
            if c.id == point:
                return c.label.get(lang)
    return inert(key)


def day(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


score_text = number_format.score
"""One answer's score, as every screen shows it (core/number_format.py)."""


def coach_text(s: SessionSummary) -> str:
    """What the coach's mean is over: "85.0 · 1/4" (mean of the graded results · graded/all)."""
    if s.mean_coach is None:
        return number_format.NONE
    return f"{number_format.mean(s.mean_coach)} · {s.coached}/{s.questions}"


def signed(value: float, unit: str = "") -> str:
    return f"{value:+g}{unit}"


def parse_score(raw: str) -> tuple[bool, float | None]:
    """(valid, score): empty or `auto` is a valid None (remove the coach's score)."""
    text = raw.strip().lower()
    if text in ("", "auto"):
        return True, None
    try:
        value = float(text)
    except ValueError:
        return False, None
    if not 0 <= value <= 100:  # also refuses nan and inf
        return False, None
    return True, value


def parse_since(raw: str) -> tuple[bool, datetime | None]:
    """(valid, start of that UTC day); empty is a valid None (no date filter)."""
    text = raw.strip()
    if not text:
        return True, None
    try:
        moment = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False, None
    return True, moment.replace(tzinfo=UTC)


def passage(answer: str, start: int, end: int) -> tuple[int, int] | None:
    """The [start, end) span of the answer, ordered; None when empty or outside it."""
    lo, hi = min(start, end), max(start, end)
    if lo == hi or lo < 0 or hi > len(answer):
        return None
    return lo, hi
