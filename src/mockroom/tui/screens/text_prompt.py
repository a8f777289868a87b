"""A one-line question in a dialog: the coach's name, a comment, a score."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter

Check = Callable[[str], str | None]
"""Returns None when the text is acceptable, else the message to show."""


class TextPrompt(Dialog[str | None]):
    """Dismisses with the text typed (already checked), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, body: str, *, value: str = "", check: Check | None = None,
        max_length: int = 0,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.value = value
        self.check = check
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Label(self.body)
            yield Input(self.value, id="prompt-input", max_length=self.max_length)
            yield Label("", id="prompt-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(lang, "ok"), variant="primary", id="ok")
                yield Button(t(lang, "cancel"), id="cancel")
        yield KeysFooter()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#prompt-input", Input).value
        problem = self.check(text) if self.check else None
        if problem:
            self.query_one("#prompt-error", Label).update(problem)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
