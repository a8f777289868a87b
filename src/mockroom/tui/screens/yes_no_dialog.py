"""The shared yes/no dialog: a title, a few lines, two buttons (ids yes/no) and their y/n keys,
relabelled on f2, with a footer of its own (the one below would show keys it does not take)."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter

Variant = Literal["default", "primary", "success", "warning", "error"]


class YesNoDialog(Dialog[bool]):
    """Dismisses True for the `yes` button or key, False for `no`. A subclass names its texts
    by `TEXTS` prefix (`<prefix>.title`, `.body`, `.yes`, `.no`) and may add lines."""

    TEXTS_PREFIX: ClassVar[str]
    YES_VARIANT: ClassVar[Variant] = "primary"
    NO_VARIANT: ClassVar[Variant] = "error"

    def lines(self) -> list[str]:
        """The text under the title; by default the `<prefix>.body` string."""
        return [t(self.lang, f"{self.TEXTS_PREFIX}.body")]

    def compose(self) -> ComposeResult:
        prefix, lang = self.TEXTS_PREFIX, self.lang
        with Vertical(classes="dialog"):
            yield Label(t(lang, f"{prefix}.title"), classes="dialog-title")
            for line in self.lines():
                yield Label(line)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(lang, f"{prefix}.yes"), variant=self.YES_VARIANT, id="yes")
                yield Button(t(lang, f"{prefix}.no"), variant=self.NO_VARIANT, id="no")
        yield KeysFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_choose(self, answer: bool) -> None:
        self.dismiss(answer)
