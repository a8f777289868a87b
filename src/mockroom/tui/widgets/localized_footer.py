"""The footer, with key descriptions in the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from mockroom.tui.strings import key_label


class LocalizedFooter(Footer):
    """BINDINGS carry English descriptions; this footer shows them in the app's language."""

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = key_label(lang, widget.description)
            yield widget

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "lang", lambda _lang: self.recompose(), init=False)
