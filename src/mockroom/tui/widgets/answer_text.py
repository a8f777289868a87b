"""A stored answer to read and select a passage in, wrapped as Chinese is wrapped.

TextArea's own soft wrap breaks lines anywhere a character fits, so "，" and "。" can start
a line, and it offers no public way to change where it breaks. This TextArea does not soft
wrap: it shows the answer already cut into lines by `core/cjk_wrap.line_spans` (no closing
mark at a line start, no opening one at a line end), cut again when its width changes.
Each shown line is one slice of the answer, so a selection maps back to offsets into the
answer exactly (`chosen`), whatever the width; the spaces dropped at a break belong to the
passage when a selection crosses it.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from mockroom.core.cjk_wrap import Span, line_spans
from mockroom.core.inert import inert

CURSOR_CELLS = 1
"""TextArea keeps a cell after the longest line for the cursor; a line that fills it scrolls."""


class AnswerText(TextArea):
    DEFAULT_CSS = """
    AnswerText {
        scrollbar-gutter: stable;  /* the wrap width must not change when a scrollbar shows */
    }
    """

    def __init__(self, answer: str, *, id: str | None = None) -> None:
        # A tab as one space: TextArea would draw it wider than the wrapping counted it.
        self.answer = inert(answer, block=True).replace("\t", " ")
        """What is shown: the answer with controls made visible, one character for one, so
        an offset into it is an offset into the stored answer."""
        self._spans: list[Span] = [(0, len(self.answer))]
        super().__init__(self.answer, id=id, read_only=True, soft_wrap=False,
                         show_line_numbers=False)

    def on_resize(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width - CURSOR_CELLS
        if width < 2:
            return
        spans = line_spans(self.answer, width)
        if spans == self._spans:
            return
        start, end = (self.answer_offset(loc) for loc in self.selection)
        self._spans = spans
        self.load_text("\n".join(self.answer[s:e] for s, e in spans))
        self.selection = Selection(self.answer_location(start), self.answer_location(end))

    def answer_offset(self, location: tuple[int, int]) -> int:
        """The offset into the answer of a (row, column) of the text shown."""
        row, column = location
        s, e = self._spans[min(row, len(self._spans) - 1)]
        return s + min(column, e - s)

    def answer_location(self, offset: int) -> tuple[int, int]:
        """The (row, column) shown for an offset into the answer (a dropped space: the end of
        the line it followed)."""
        for row, (s, e) in enumerate(self._spans):
            nxt = self._spans[row + 1][0] if row + 1 < len(self._spans) else len(self.answer) + 1
            if offset < nxt:
                return row, min(offset - s, e - s) if offset >= s else 0
        return len(self._spans) - 1, self._spans[-1][1] - self._spans[-1][0]

    @property
    def chosen(self) -> tuple[int, int] | None:
        """The selected passage as [start, end) offsets into the answer, None when nothing is."""
        a, b = (self.answer_offset(loc) for loc in self.selection)
        lo, hi = min(a, b), max(a, b)
        return (lo, hi) if lo < hi else None
