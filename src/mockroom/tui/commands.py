"""The app's own commands in the command palette (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t

# (string key, app action) — actions are `action_*` methods of MockroomApp.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("cmd.help", "help"),
    ("cmd.lang", "toggle_lang"),
    ("cmd.clock", "toggle_clock"),
    ("cmd.auto_submit", "toggle_auto_submit"),
    ("cmd.live_meter", "toggle_live_meter"),
    ("cmd.self_rating", "toggle_self_rating"),
    ("cmd.name", "change_name"),
    ("cmd.new", "new_session"),
    ("cmd.progress", "progress"),
    ("cmd.review", "review"),
)


class MockroomCommands(Provider):
    def _commands(self) -> list[tuple[str, str]]:
        page = self.screen
        lang = page.lang if isinstance(page, Page) else "en"
        return [
            (t(lang, key), action)
            for key, action in COMMANDS
            if self.app.check_action(action, ()) is not False
        ]

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action))
