"""Shown while the bank and the database open in the background, or why they could not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Footer, Header, Label, LoadingIndicator

from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t


class LoadingScreen(Page[None]):
    def __init__(self) -> None:
        super().__init__()
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield LoadingIndicator()
            yield Label(t(self.lang, "loading"), id="boot-loading")
            yield Label("", id="boot-error", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self._show_state()

    def fail(self, error: str) -> None:
        # Shown in place, not by recomposing: a failure can come in while the header is
        # still being set up, and replacing it then would crash the app instead.
        self.error = error
        if self.is_mounted:
            self._show_state()

    def relabel(self) -> None:
        self.query_one("#boot-loading", Label).update(t(self.lang, "loading"))

    def _show_state(self) -> None:
        failed = self.error is not None
        self.query_one(LoadingIndicator).display = not failed
        self.query_one("#boot-loading").display = not failed
        error = self.query_one("#boot-error", Label)
        error.display = failed
        error.update(self.error or "")
