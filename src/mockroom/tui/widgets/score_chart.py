"""Scores as bars on the fixed 0-100 scale.

Textual's Sparkline scales to the smallest and largest value shown, so one attempt of 0
filled the chart and 80 beside 81 looked like nothing beside everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from mockroom.tui.review_render import bar_rows


class ScoreChart(Widget):
    DEFAULT_CSS = """
    ScoreChart { height: 3; color: $accent; }
    """

    data: reactive[tuple[float, ...]] = reactive(tuple)

    def __init__(self, data: Sequence[float] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = tuple(data)

    def render(self) -> Text:
        return Text("\n".join(bar_rows(self.data, self.size.height, self.size.width)))
