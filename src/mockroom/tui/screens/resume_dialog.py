"""Offer to resume the session a closed terminal or a crash left unfinished."""

from __future__ import annotations

from textual.binding import Binding

from mockroom.tui.render import short
from mockroom.tui.screens.yes_no_dialog import YesNoDialog
from mockroom.tui.strings import mode_name, t, track_name


class ResumeDialog(YesNoDialog):
    """Dismisses True to resume, False to discard the unfinished session."""

    BINDINGS = [
        Binding("y", "choose(True)", "Resume"),
        Binding("n", "choose(False)", "Discard"),
    ]
    TEXTS_PREFIX = "resume"

    def __init__(self, track: str, mode: str, done: int, total: int, draft: str | None) -> None:
        super().__init__()
        self.track = track
        self.mode = mode
        self.done = done
        self.total = total
        self.draft = draft

    def lines(self) -> list[str]:
        lang = self.lang
        body = t(lang, "resume.body", track=track_name(lang, self.track),
                 mode=mode_name(lang, self.mode), done=self.done, total=self.total)
        if not self.draft:
            return [body]
        return [body, t(lang, "resume.draft", n=len(self.draft), excerpt=short(self.draft, 50))]
