"""The session to resume is open in another mockroom: take it over, or only read it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from mockroom.tui.screens.yes_no_dialog import YesNoDialog
from mockroom.tui.strings import t

if TYPE_CHECKING:  # the store is imported after the first screen (tui/later.py)
    from mockroom.store.session_lock import SessionHolder


class TakenDialog(YesNoDialog):
    """Dismisses True to take the session over, False to read its transcript only."""

    BINDINGS = [
        Binding("y", "choose(True)", "Take over"),
        Binding("n,escape", "choose(False)", "Read only"),
    ]
    TEXTS_PREFIX = "taken"

    def __init__(self, holder: SessionHolder) -> None:
        super().__init__()
        self.holder = holder

    def lines(self) -> list[str]:
        seen = self.holder.heartbeat_at.strftime("%H:%M:%S")
        return [t(self.lang, "taken.body", owner=self.holder.owner, seen=seen)]
