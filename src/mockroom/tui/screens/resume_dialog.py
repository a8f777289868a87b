"""Offer to resume the session a closed terminal or a crash left unfinished."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Label

from mockroom.tui.render import short
from mockroom.tui.screens.yes_no_dialog import YesNoDialog
from mockroom.tui.strings import mode_name, t, track_name


class ResumeDialog(YesNoDialog):
    """Dismisses True to resume, False to discard the unfinished session."""

    BINDINGS = [
        Binding("y", "choose(True)", "Resume"),
        Binding("n", "choose(False)", "Discard"),
    ]

    def __init__(self, track: str, mode: str, done: int, total: int, draft: str | None) -> None:
        super().__init__()
        self.track = track
        self.mode = mode
        self.done = done
        self.total = total
        self.draft = draft

    def compose_body(self) -> ComposeResult:
        yield Label(t(self.lang, "resume.title"), classes="dialog-title")
        mode = mode_name(self.lang, self.mode)
        yield Label(
            t(self.lang, "resume.body", track=track_name(self.lang, self.track), mode=mode,
              done=self.done, total=self.total)
        )
        if self.draft:
            excerpt = short(self.draft, 50)
            yield Label(t(self.lang, "resume.draft", n=len(self.draft), excerpt=excerpt))
        with Horizontal(classes="dialog-buttons"):
            yield Button(t(self.lang, "resume.yes"), variant="primary", id="yes")
            yield Button(t(self.lang, "resume.no"), variant="error", id="no")
