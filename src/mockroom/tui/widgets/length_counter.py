"""Live length of the draft against the expected range (zh characters or en words)."""

from __future__ import annotations

from textual.widgets import Static

from mockroom.core.result import ScoreResult
from mockroom.tui.strings import t


class LengthCounter(Static):
    """Shows the length the scorer measured, so the counter and the feedback always agree."""

    DEFAULT_CSS = """
    LengthCounter { width: 24; height: 1; padding: 0 1; }
    LengthCounter.-short { color: $text-muted; }
    LengthCounter.-ok { color: $text-success; }
    LengthCounter.-long { color: $text-warning; }
    """

    def show(self, lang: str, result: ScoreResult) -> None:
        lo, hi = result.length_range
        n = result.length
        unit = "zh" if result.answer_lang == "zh" else "en"
        self.update(t(lang, f"count.{unit}", n=n, lo=lo, hi=hi))
        state = "-short" if n < lo else "-long" if n > hi else "-ok"
        for cls in ("-short", "-ok", "-long"):
            self.set_class(cls == state, cls)
