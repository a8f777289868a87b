"""f1: what this screen is for, the keys that work on it, and where your data is.

The keys are read from the screen's live bindings (its own and the app's), hidden ones
included, so the help lists exactly what works here, in the interface language.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label

from mockroom.tui.help_text import general_help, screen_help
from mockroom.tui.render import Wrapped
from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter


class HelpDialog(Dialog[None]):
    BINDINGS = [Binding("escape", "close", "Close")]  # f1 again closes it too (the app's key)

    def __init__(
        self, about: Screen[object], *, database: str | None, settings: Path, exports: Path
    ) -> None:
        """`about`: the screen the help is for; `database` its URL with the password hidden
        (None while it is still opening); `settings` and `exports` the paths in use."""
        super().__init__()
        self.about = about
        self.places = (database, settings, exports)

    def compose(self) -> ComposeResult:
        lang = self.lang
        what, more = general_help(lang)
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Label(t(lang, "help.title"), classes="dialog-title")
            yield Label(Wrapped(screen_help(type(self.about).__name__, lang)), id="help-screen")
            keys = self.keys()
            if keys:
                yield Label(t(lang, "help.keys"), classes="dialog-title")
                yield Label("\n".join(f"{key:<10} {what}" for key, what in keys), id="help-keys")
            yield Label(t(lang, "help.data"), classes="dialog-title")
            yield Label(self._places_text(), id="help-data")
            yield Label(Wrapped(f"{what}\n\n{more}"))
        yield KeysFooter()

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, what it does) for each action of the screen and of the app that
        can run now, in the footer's language; one line per action, its first key."""
        app, lines, seen = self.app, [], set()
        for key, active in self.about.active_bindings.items():
            binding = active.binding
            # The page's keys and the app's; not Textual's own (tab, copy) nor a widget's.
            ours = active.node is app or (active.node is self.about and binding.show)
            if not ours or not binding.description or not active.enabled:
                continue
            if binding.action in seen or key == app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
            lines.append((app.get_key_display(binding), binding.description))
        return lines

    def _places_text(self) -> str:
        lang, (database, settings, exports) = self.lang, self.places
        return "\n".join((
            t(lang, "help.db", where=database or t(lang, "help.db_opening")),
            t(lang, "help.settings", where=settings),
            t(lang, "help.exports", where=exports),
        ))

    def action_close(self) -> None:
        self.dismiss(None)
