"""The shared behaviour of yes/no dialogs: y/n keys, buttons with ids yes/no, relabel on f2."""

from __future__ import annotations

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button

from mockroom.tui.localized import lang_of


class YesNoDialog(ModalScreen[bool]):
    """Dismisses True for the `yes` button or key, False for `no`. Subclasses compose the text."""

    @property
    def lang(self) -> str:
        return lang_of(self)

    def relabel(self) -> None:
        self.refresh(recompose=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_choose(self, answer: bool) -> None:
        self.dismiss(answer)
