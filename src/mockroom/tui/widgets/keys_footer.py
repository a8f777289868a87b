"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys on every change of bindings or focus, often several
times in one frame while a screen mounts. Measured on 2026-12-03 (this machine, headless):
6 rebuilds costing 0.30 s while the app boots and 7 costing 0.45 s between Start and the
question, against the 100 ms that Start -> question may take (`make bench`). This footer
waits for the frame to end and rebuilds once, only if what it would show differs. It uses
Footer's public surface only (`bindings_changed`, `screen.active_bindings`);
tests/tui/practice/test_responsiveness.py checks it shows what a plain Footer shows.

Footer skips rebuilding while the terminal reports the app unfocused (a terminal with focus
events, such as tmux with `focus-events on`); what was skipped is not remembered as shown,
so the next change after focus returns draws it. A footer mounted by a recompose (a language
change) draws itself at once rather than waiting for the next change of bindings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeysFooter(Footer):
    _shown: tuple[object, ...] | None = None
    _pending = False

    def on_mount(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen[object]) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._showing()
        if shown != self._shown:
            # Footer draws nothing while the app is unfocused: remember only what it drew.
            self._shown = shown if self.app.app_focus else None
            super().bindings_changed(screen)

    def _showing(self) -> tuple[object, ...]:
        """Everything the footer draws from: its style and the keys shown, as described."""
        keys = tuple(
            (key, b.binding.action, b.binding.description, b.binding.group, b.enabled, b.tooltip)
            for key, b in self.screen.active_bindings.items()
            if b.binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (self.compact, self.show_command_palette, keys)
