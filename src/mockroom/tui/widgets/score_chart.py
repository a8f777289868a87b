"""Scores as bars on the fixed 0-100 scale, each with its score written under it.

Textual's Sparkline scales to the smallest and largest value shown, so one attempt of 0
filled the chart and 80 beside 81 looked like nothing beside everything. The numbers under
the bars say what the heights only suggest; the progress page draws a chart only from three
scores up (tui/progress_render.py), fewer are said in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from mockroom.core.number_format import score
from mockroom.tui.review_render import bar_rows, fitting

BAR, GAP = 3, 1
"""A bar is as wide as the score under it (up to 100)."""


class ScoreChart(Widget):
    DEFAULT_CSS = """
    ScoreChart { height: 4; color: $accent; }
    """

    data: reactive[tuple[float, ...]] = reactive(tuple)

    def __init__(self, data: Sequence[float] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = tuple(data)

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        text = Text("\n".join(bar_rows(self.data, height - 1, width, BAR, GAP)))
        shown = fitting(self.data, width, BAR, GAP)
        text.append("\n" + (" " * GAP).join(f"{score(v):>{BAR}}" for v in shown), style="dim")
        return text
