"""The session's total time left, beside the question's own clock: running, paused or out."""

from __future__ import annotations

import math

from textual.widgets import Static

from mockroom.core.timing import BudgetView, format_clock
from mockroom.tui.strings import t


class BudgetDisplay(Static):
    """Shows a BudgetView; its CSS classes carry the state (-paused, -out)."""

    DEFAULT_CSS = """
    BudgetDisplay { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    BudgetDisplay.-paused { color: $text-accent; }
    BudgetDisplay.-out { color: $text-error; background: $error-muted; text-style: bold; }
    """

    _shown: tuple[str, str] = ("", "")

    def show(self, view: BudgetView, lang: str) -> None:
        left = format_clock(view.remaining_s)
        if view.out:
            over = format_clock(math.floor(view.over_s))
            text = t(lang, "budget.over", t=over) if view.over_s >= 1 else t(lang, "budget.out")
            state = "-out"
        elif view.running:
            text, state = t(lang, "budget.left", t=left), ""
        else:
            text, state = t(lang, "budget.paused", t=left), "-paused"
        if (text, state) == self._shown:  # redrawn on change only: the clock ticks 5 times a second
            return
        self._shown = (text, state)
        for cls in ("-paused", "-out"):
            self.set_class(cls == state, cls)
        self.update(text)
