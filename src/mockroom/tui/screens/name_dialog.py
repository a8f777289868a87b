"""Ask for the candidate's name (first run, or to change it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from mockroom.store.names import NAME_MAX, clean_name, name_problem
from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter


def check_name(raw: str) -> tuple[str | None, str | None]:
    """(clean name, None) or (None, string key of the problem): the store's own rule."""
    name = clean_name(raw)
    problem = name_problem(name)
    return (None, f"name.{problem}") if problem else (name, None)


class NameDialog(Dialog[str | None]):
    """Dismisses with the new name, or None when cancelled (not offered on first run)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str = "", required: bool = False) -> None:
        super().__init__()
        self.current = current
        self.required = required

    def relabel(self) -> None:
        self.current = self.query_one("#name", Input).value
        super().relabel()

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
        yield KeysFooter()  # the keys that work here (the start screen's below do not)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On first run there is nothing to cancel to: no Cancel key in the footer."""
        return not (action == "cancel" and self.required)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        name, problem = check_name(self.query_one("#name", Input).value)
        if name is None:
            text = t(self.lang, problem or "name.empty", n=NAME_MAX)
            self.query_one("#name-error", Label).update(text)
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.required:
            self.dismiss(None)
