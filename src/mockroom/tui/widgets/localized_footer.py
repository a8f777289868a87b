"""The footer, with key descriptions in the interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from mockroom.tui.strings import key_label

if TYPE_CHECKING:
    from textual.screen import Screen


class LocalizedFooter(Footer):
    """BINDINGS carry English descriptions; this footer shows them in the app's language.

    Textual rebuilds a footer on every change of bindings or focus, often several times in
    one frame while a screen mounts: ten rebuilds of ~15 ms on each of the start and question
    screens, on the way to the first question. This one rebuilds at most once per refresh,
    and only when what it would show has changed.
    """

    _shown: tuple[object, ...] | None = None
    _rebuild_pending = False

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = key_label(lang, widget.description)
                if not widget.has_class("-command-palette"):
                    # A key starts compact and is then bound to the footer's style: starting
                    # it as it will be saves two restyles per key. (The palette key is not
                    # bound: it stays compact.)
                    widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
        self._shown = self._showing() if self._bindings_ready else None

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "lang", lambda _lang: self.recompose(), init=False)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._showing() != self._shown:
            await self.recompose()

    def _showing(self) -> tuple[object, ...]:
        """Everything the footer draws from: the language, its style and the shown keys."""
        palette = self.app.COMMAND_PALETTE_BINDING
        keys = tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        lang = getattr(self.app, "lang", "en")
        return (lang, self.compact, self.show_command_palette, keys)
