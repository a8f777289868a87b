"""Confirm quitting in the middle of a question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Label

from mockroom.tui.screens.yes_no_dialog import YesNoDialog
from mockroom.tui.strings import t


class QuitDialog(YesNoDialog):
    """Dismisses True to quit (the draft is kept), False to go on answering."""

    BINDINGS = [
        Binding("y", "choose(True)", "Quit"),
        Binding("n,escape", "choose(False)", "Keep answering"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Label(t(self.lang, "quit.title"), classes="dialog-title")
        yield Label(t(self.lang, "quit.body"))
        with Horizontal(classes="dialog-buttons"):
            yield Button(t(self.lang, "quit.yes"), variant="error", id="yes")
            yield Button(t(self.lang, "quit.no"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()
