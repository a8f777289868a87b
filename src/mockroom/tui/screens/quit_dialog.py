"""Confirm quitting in the middle of a question."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

from mockroom.tui.screens.yes_no_dialog import YesNoDialog


class QuitDialog(YesNoDialog):
    """Dismisses True to quit (the draft is kept), False to go on answering."""

    BINDINGS = [
        Binding("y", "choose(True)", "Quit"),
        Binding("n,escape", "choose(False)", "Keep answering"),
    ]
    TEXTS_PREFIX = "quit"
    YES_VARIANT = "error"
    NO_VARIANT = "primary"

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()
