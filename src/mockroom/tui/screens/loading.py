"""Shown while the bank and the database open in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Label, LoadingIndicator

from mockroom.tui.localized import lang_of
from mockroom.tui.strings import t
from mockroom.tui.widgets.localized_footer import LocalizedFooter


class LoadingScreen(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            if self.error:
                yield Label(self.error, id="boot-error", classes="error")
            else:
                yield LoadingIndicator()
                yield Label(t(lang_of(self), "loading"))
        yield LocalizedFooter()

    def fail(self, error: str) -> None:
        self.error = error
        self.refresh(recompose=True)

    def relabel(self) -> None:
        self.refresh(recompose=True)
