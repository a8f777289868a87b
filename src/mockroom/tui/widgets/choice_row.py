"""A few short choices on one line, the chosen one highlighted: ←/→ (or h/l) move it, a click
picks one.

One focusable widget drawing one line, where a Select mounts three (its current value, an
overlay and the overlay's list): the start screen's four Selects cost ~50 ms of the app's
first paint (`make bench`), and a choice seen at a glance needs no menu opened to read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ValueT = TypeVar("ValueT")

CHOOSE_KEYS = Binding.Group("Choose", compact=True)
PAD = 1
"""Blank cells either side of each option's label: the highlight is wider than the word."""


class ChoiceRow(Generic[ValueT], Widget, can_focus=True):
    """One line of options, `(label, value)`, one of them chosen (`value`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Choose", group=CHOOSE_KEYS),
        Binding("right,l", "move(1)", "Choose", group=CHOOSE_KEYS),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"choice-row--chosen"}
    # The chosen option looks like the highlighted line of Textual's own lists (OptionList):
    # the block cursor while the row has the keyboard, its blurred form otherwise.
    DEFAULT_CSS = """
    ChoiceRow { width: auto; height: 1; color: $text-muted; }
    ChoiceRow:focus { background: $boost; color: $foreground; }
    ChoiceRow > .choice-row--chosen {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ChoiceRow:focus > .choice-row--chosen {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    value: reactive[Any] = reactive(None, init=False)
    """The chosen option's value; setting one that is not offered raises ValueError."""

    class Changed(Message):
        """Another option was chosen (by key, click or code), as `Select.Changed` says it."""

        def __init__(self, choice_row: ChoiceRow[Any], value: Any) -> None:
            super().__init__()
            self.choice_row = choice_row
            self.value = value

        @property
        def control(self) -> ChoiceRow[Any]:
            return self.choice_row

    def __init__(
        self,
        options: Iterable[tuple[str, ValueT]],
        value: ValueT,
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self._options = list(options)
        self._values = [v for _, v in self._options]
        self.set_reactive(ChoiceRow.value, self.validate_value(value))

    @property
    def options(self) -> list[tuple[str, ValueT]]:
        """`(label, value)` of each option, in the order shown."""
        return list(self._options)

    @staticmethod
    def width_of(labels: Iterable[str]) -> int:
        """The cells a row of these labels takes: what a screen checks before offering one."""
        return sum(cell_len(label) + 2 * PAD for label in labels)

    def validate_value(self, value: Any) -> Any:
        if value not in self._values:
            raise ValueError(f"{value!r} is not one of {self._values!r}")
        return value

    def watch_value(self, value: ValueT) -> None:
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        """Choose the option `step` places on; at either end the choice stays."""
        at = self._values.index(self.value) + step
        if 0 <= at < len(self._values):
            self.value = self._values[at]

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        right = 0
        for label, value in self._options:
            right += cell_len(label) + 2 * PAD
            if offset.x < right:
                self.value = value
                return

    def render(self) -> Content:
        chosen = self.get_visual_style("choice-row--chosen")
        pad = " " * PAD
        return Content.assemble(*(
            (f"{pad}{label}{pad}", chosen) if value == self.value else f"{pad}{label}{pad}"
            for label, value in self._options
        ))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.width_of(label for label, _ in self._options)
