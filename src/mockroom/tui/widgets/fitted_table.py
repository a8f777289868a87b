"""A DataTable with one column that takes the width the others leave it.

The texts of that column (a rubric point's label, say) are cut with "…" to the width the
table has once laid out, and cut again from the full text whenever that width changes, so
free space is used and a narrow terminal still fits the other columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from mockroom.tui.render import short

Cell = str | Text


@dataclass(frozen=True)
class Fit:
    """A cell of the fitted column: `text` is cut to fit, `mark` (" *") always shows."""

    text: str
    mark: str = ""

    def cut(self, cells: int) -> str:
        return short(self.text, cells - cell_len(self.mark)) + self.mark


class FittedTable(DataTable[Cell]):
    def __init__(self, fit: str, start: int, minimum: int, *, id: str | None = None) -> None:
        """`fit`: the key of the column to fit; `start`: its texts' width until the table is
        laid out; `minimum`: the least width they get (a narrower table scrolls sideways)."""
        super().__init__(id=id, cursor_type="row")
        self.fit, self.start, self.minimum = fit, start, minimum
        self._fits: dict[str, Fit] = {}
        self._room = start

    def add_fitted_row(self, *cells: Cell | Fit, key: str) -> None:
        """Add a row whose cell in the fitted column is a `Fit`."""
        for cell in cells:
            if isinstance(cell, Fit):
                self._fits[key] = cell
        self.add_row(*(c.cut(self._room) if isinstance(c, Fit) else c for c in cells), key=key)

    def on_resize(self) -> None:
        others = sum(col.get_render_width(self) for key, col in self.columns.items()
                     if key != self.fit)
        room = self.scrollable_content_region.width - others - 2 * self.cell_padding
        room = max(room, self.minimum)
        if room == self._room:
            return
        self._room = room
        for key, fit in self._fits.items():
            self.update_cell(key, self.fit, fit.cut(room), update_width=True)
