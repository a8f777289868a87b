"""The prep / answer / overtime countdown."""

from __future__ import annotations

import math

from textual.widgets import Static

from mockroom.core.timing import ClockView, format_clock
from mockroom.tui.strings import t


class ClockDisplay(Static):
    """Shows a ClockView; its CSS classes carry the colour (-prep, -warn, -overtime, -off)."""

    DEFAULT_CSS = """
    ClockDisplay { width: 18; height: 1; padding: 0 1; text-style: bold; content-align-horizontal: right; }
    ClockDisplay.-prep { color: $text-accent; }
    ClockDisplay.-warn { color: $text-warning; background: $warning-muted; }
    ClockDisplay.-overtime { color: $text-error; background: $error-muted; }
    ClockDisplay.-off { color: $text-muted; text-style: none; }
    """

    _shown: tuple[str, str] = ("", "")

    def show(self, view: ClockView, lang: str, clock_on: bool) -> None:
        if not clock_on:
            text, state = t(lang, "clock.off"), "-off"
        elif view.phase == "prep":
            text, state = t(lang, "clock.prep", t=format_clock(view.remaining_s)), "-prep"
        elif view.phase == "overtime" or (view.phase == "stopped" and view.overtime_s > 0):
            over = format_clock(math.floor(view.overtime_s))
            text, state = t(lang, "clock.overtime", t=over), "-overtime"
        else:
            text = t(lang, "clock.answer", t=format_clock(view.remaining_s))
            state = "-warn" if view.warn else ""
        # Redraw only on change: the clock ticks 5 times a second but shows whole seconds.
        if (text, state) == self._shown:
            return
        self._shown = (text, state)
        for cls in ("-prep", "-warn", "-overtime", "-off"):
            self.set_class(cls == state, cls)
        self.update(text)
