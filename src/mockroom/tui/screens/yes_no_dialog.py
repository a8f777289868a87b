"""The shared behaviour of yes/no dialogs: y/n keys, buttons with ids yes/no, relabel on f2,
and a footer of their own (the one below would show keys the dialog does not take)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from mockroom.tui.localized import lang_of
from mockroom.tui.widgets.localized_footer import LocalizedFooter


class YesNoDialog(ModalScreen[bool]):
    """Dismisses True for the `yes` button or key, False for `no`. Subclasses compose the
    dialog's text and buttons in `compose_body`."""

    @property
    def lang(self) -> str:
        return lang_of(self)

    def relabel(self) -> None:
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.compose_body()
        yield LocalizedFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_choose(self, answer: bool) -> None:
        self.dismiss(answer)
