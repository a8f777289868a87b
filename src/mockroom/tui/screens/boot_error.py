"""Why the app cannot start: the bank or the database could not be opened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Header, Label

from mockroom.tui.screens.page import Page
from mockroom.tui.widgets.keys_footer import KeysFooter


class BootErrorScreen(Page[None]):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Label(self.error, id="boot-error", classes="error")
        yield KeysFooter()
