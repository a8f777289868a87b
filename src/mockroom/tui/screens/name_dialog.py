"""Ask for the candidate's name (first run, or to change it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from mockroom.core.names import NAME_MAX, clean_name
from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.localized_footer import LocalizedFooter

MAX_NAME = 60


def check_name(raw: str) -> tuple[str | None, str | None]:
    """(clean name, None) or (None, string key of the problem)."""
    name = " ".join(raw.split())
    if not name:
        return None, "name.empty"
    if len(name) > MAX_NAME:
        return None, "name.too_long"
    return name, None


class NameDialog(Dialog[str | None]):
    """Dismisses with the new name, or None when cancelled (not offered on first run)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str = "", required: bool = False) -> None:
        super().__init__()
        self.current = current
        self.required = required

    def relabel(self) -> None:
        self.current = self.query_one("#name", Input).value
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self.lang, "name.title"), classes="dialog-title")
            yield Label(t(self.lang, "name.body"))
            yield Input(self.current, placeholder=t(self.lang, "name.placeholder"), id="name")
            yield Label("", id="name-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(self.lang, "ok"), variant="primary", id="ok")
                if not self.required:
                    yield Button(t(self.lang, "cancel"), id="cancel")
        if not self.required:
            # A modal's footer shows only its own keys: on first run (no Cancel) the screen
            # below keeps its footer, with the app's quit and language keys that still work.
            yield LocalizedFooter()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        name, problem = check_name(self.query_one("#name", Input).value)
        if name is None:
            self.query_one("#name-error", Label).update(t(self.lang, problem or "name.empty"))
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.required:
            self.dismiss(None)
