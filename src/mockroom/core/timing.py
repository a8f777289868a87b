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
    def stopped(self) -> bool:
        return self._stopped_at is not None

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

    def restart(self) -> None:
        """Run on from where `stop` froze it (the answer could not be stored after all)."""
        if self._stopped_at is not None:
            self._t0 = self._now() - self._stopped_at
            self._stopped_at = None

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


@dataclass(frozen=True)
class BudgetView:
    """What the total budget shows at one instant."""

    remaining_s: float
    over_s: float
    """How far past the budget the question on screen has run (auto-submit off)."""
    running: bool
    """A question is on screen and being timed; False while feedback, ratings, retries or
    follow-ups are shown, when the budget stands still."""
    out: bool
    """The budget is used up."""
    submit_due: bool
    """Used up while a question is being answered, with auto-submit on: submit it now."""


class Budget:
    """The total time of a session, spent only while one of its questions is on screen.

    The question on screen is counted live from its own clock (`ask`); when its first answer
    is stored, that answer's prep and answer time is charged (`charge`) and the budget stands
    still until the next question is asked. So feedback, the self-rating, retries and
    follow-ups cost nothing, the budget cannot drift from the question clocks, and a resumed
    session rebuilds it from the answers it stored.
    """

    def __init__(self, total_s: float, spent_s: float = 0.0) -> None:
        if total_s <= 0 or spent_s < 0:
            raise ValueError(f"a budget needs total > 0 and spent >= 0, got {total_s} and {spent_s}")
        self.total_s = float(total_s)
        self.spent_s = float(spent_s)
        """Charged by the questions answered so far."""
        self._live: QuestionClock | None = None

    def ask(self, clock: QuestionClock) -> None:
        """A question is on screen: its clock counts against the budget from now on."""
        self._live = clock

    def charge(self, prep_s: float, answer_s: float) -> None:
        """A question's first answer was stored: its time is spent, and the budget pauses."""
        self.spent_s += max(0.0, prep_s) + max(0.0, answer_s)
        self._live = None

    def used(self) -> float:
        live = self._live.elapsed() if self._live is not None else 0.0
        return self.spent_s + live

    def remaining(self) -> float:
        return max(0.0, self.total_s - self.used())

    @property
    def exhausted(self) -> bool:
        return self.used() >= self.total_s

    def view(self) -> BudgetView:
        used = self.used()
        live = self._live
        running = live is not None and not live.stopped
        out = used >= self.total_s
        return BudgetView(
            remaining_s=max(0.0, self.total_s - used),
            over_s=max(0.0, used - self.total_s) if running else 0.0,
            running=running,
            out=out,
            submit_due=out and running and live is not None and live.auto_submit,
        )


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
