"""Live length of the draft against the expected range (zh characters or en words)."""

from __future__ import annotations

from textual.widgets import Static

from mockroom.core.models import Timing
from mockroom.tui.strings import t


def answer_length(text: str) -> tuple[str, int]:
    """(dominant language, length in its unit), exactly as the scorer counts it."""
    from mockroom.core.scorer import _length  # the scorer's own rule, so both always agree

    return _length(text)


class LengthCounter(Static):
    DEFAULT_CSS = """
    LengthCounter { width: auto; padding: 0 1; }
    LengthCounter.-short { color: $text-muted; }
    LengthCounter.-ok { color: $text-success; }
    LengthCounter.-long { color: $text-warning; }
    """

    def count(self, text: str, lang: str, timing: Timing | None) -> None:
        """`timing` None means no expected range (follow-ups)."""
        unit, n = answer_length(text)
        if timing is None:
            self.update(t(lang, "count.plain", n=n))
            state = ""
        else:
            lo, hi = timing.zh_chars if unit == "zh" else timing.en_words
            self.update(t(lang, f"count.{unit}", n=n, lo=lo, hi=hi))
            state = "-short" if n < lo else "-long" if n > hi else "-ok"
        for cls in ("-short", "-ok", "-long"):
            self.set_class(cls == state, cls)
