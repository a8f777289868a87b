"""The interview clock: prep time, then answer time, then overtime.

Pure logic on a monotonic time source passed in, so the TUI can redraw from
it at any rate without drifting, tests can drive it with a fake clock, and a
draft can carry the clock's state to a later run. Times are seconds since the
question was shown ("question time"); only `now()` readings are monotonic.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Now = Callable[[], float]
Phase = Literal["prep", "answer", "overtime", "stopped"]

WARN_UNDER_S = 30.0
"""Under this many seconds of answer time left, the clock is shown as a warning."""


@dataclass(frozen=True)
class ClockView:
    """What the clock shows at one instant."""

    phase: Phase
    remaining_s: float
    """Prep time left during prep, answer time left during the answer, 0 otherwise."""
    overtime_s: float
    warn: bool
    """True in the last WARN_UNDER_S seconds of the answer time, and in overtime."""
    submit_due: bool
    """True when auto-submit is on and the answer time is used up."""


@dataclass(frozen=True)
class AttemptTimes:
    """How the time of one attempt was spent, as stored with it."""

    first_key_s: float | None
    """Seconds from showing the question to the first keystroke (None if nothing was typed)."""
    prep_s: float
    answer_s: float
    overtime_s: float


class QuestionClock:
    """Prep -> answer -> overtime for one question.

    Typing during prep starts the answer clock at once. With `auto_submit`, the
    view reports `submit_due` at the limit and the recorded answer time stops there.
    """

    def __init__(
        self,
        prep_s: float,
        answer_s: float,
        now: Now,
        *,
        auto_submit: bool = False,
        elapsed: float = 0.0,
        answer_at: float | None = None,
        first_key: float | None = None,
    ) -> None:
        if prep_s < 0 or answer_s <= 0:
            raise ValueError(f"clock needs prep >= 0 and answer > 0, got {prep_s} and {answer_s}")
        self.prep_limit = float(prep_s)
        self.answer_limit = float(answer_s)
        self.auto_submit = auto_submit
        self._now = now
        self._t0 = now() - elapsed
        self._answer_at = answer_at
        self._first_key = first_key
        self._stopped_at: float | None = None

    def elapsed(self) -> float:
        """Question time now (frozen once stopped)."""
        if self._stopped_at is not None:
            return self._stopped_at
        return max(0.0, self._now() - self._t0)

    def _answer_start(self, t: float) -> float | None:
        if self._answer_at is not None:
            return self._answer_at
        return self.prep_limit if t >= self.prep_limit else None

    @property
    def answering(self) -> bool:
        return self._answer_start(self.elapsed()) is not None

    @property
    def typed(self) -> bool:
        return self._first_key is not None

    def key(self) -> None:
        """The candidate typed: note the first keystroke, and end prep if it is still running."""
        t = self.elapsed()
        if self._first_key is None:
            self._first_key = t
        if self._answer_start(t) is None:
            self._answer_at = t

    def start_answer(self) -> None:
        """Skip the rest of the prep time."""
        t = self.elapsed()
        if self._answer_start(t) is None:
            self._answer_at = t

    def view(self) -> ClockView:
        t = self.elapsed()
        start = self._answer_start(t)
        if start is None:
            return ClockView("prep", self.prep_limit - t, 0.0, False, False)
        used = t - start
        over = max(0.0, used - self.answer_limit)
        if self._stopped_at is not None:
            phase: Phase = "stopped"
        else:
            phase = "overtime" if used >= self.answer_limit else "answer"
        remaining = max(0.0, self.answer_limit - used)
        warn = phase != "stopped" and remaining < WARN_UNDER_S
        due = self.auto_submit and phase == "overtime"
        return ClockView(phase, remaining, over, warn, due)

    def stop(self) -> AttemptTimes:
        """Freeze the clock (idempotent) and return how the time was spent."""
        if self._stopped_at is None:
            self._stopped_at = self.elapsed()
        t = self._stopped_at
        start = self._answer_start(t)
        prep = t if start is None else start
        used = 0.0 if start is None else t - start
        if self.auto_submit:
            used = min(used, self.answer_limit)
        over = max(0.0, used - self.answer_limit)
        return AttemptTimes(self._first_key, prep, used, over)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe state for a draft; `from_dict` continues from here in another process."""
        return {
            "prep_s": self.prep_limit,
            "answer_s": self.answer_limit,
            "elapsed": round(self.elapsed(), 3),
            "answer_at": self._answer_at,
            "first_key": self._first_key,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], now: Now, *, auto_submit: bool = False) -> QuestionClock:
        """Restore a saved clock; time while the app was closed does not count."""
        try:
            return cls(
                float(d["prep_s"]),
                float(d["answer_s"]),
                now,
                auto_submit=auto_submit,
                elapsed=max(0.0, float(d["elapsed"])),
                answer_at=_opt_float(d.get("answer_at")),
                first_key=_opt_float(d.get("first_key")),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"saved clock state is unreadable: {e}") from e


class Budget:
    """The total time budget of a mock interview, counted while the app runs."""

    def __init__(self, total_s: float, now: Now, *, elapsed: float = 0.0) -> None:
        self.total_s = float(total_s)
        self._now = now
        self._t0 = now() - elapsed

    def elapsed(self) -> float:
        return max(0.0, self._now() - self._t0)

    def remaining(self) -> float:
        return max(0.0, self.total_s - self.elapsed())

    @property
    def exhausted(self) -> bool:
        return self.elapsed() >= self.total_s

    def to_dict(self) -> dict[str, float]:
        return {"total_s": self.total_s, "elapsed": round(self.elapsed(), 3)}

    @classmethod
    def from_dict(cls, d: dict[str, Any], now: Now) -> Budget:
        try:
            return cls(float(d["total_s"]), now, elapsed=max(0.0, float(d["elapsed"])))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"saved time budget is unreadable: {e}") from e


def typing_cpm(text: str, answer_s: float) -> float | None:
    """Characters typed per minute of answer time (whitespace not counted); None if too short to tell."""
    if answer_s < 1.0:
        return None
    chars = sum(1 for ch in text if not ch.isspace())
    return round(chars * 60.0 / answer_s, 1)


def format_clock(seconds: float) -> str:
    """`m:ss`, rounding remaining time up so the display reaches 0:00 only at the limit."""
    s = max(0, math.ceil(seconds - 1e-9))
    return f"{s // 60}:{s % 60:02d}"


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)
