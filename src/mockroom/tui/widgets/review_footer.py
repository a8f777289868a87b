"""The footer of the progress and review screens: key labels and group labels translated."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets._footer import FooterKey, FooterLabel

from mockroom.tui.strings import key_label
from mockroom.tui.widgets.localized_footer import LocalizedFooter


class ReviewFooter(LocalizedFooter):
    """LocalizedFooter (which knows the practice screens' labels) plus these screens' own.

    Compact and without the palette key, so every key of a screen fits 80 columns
    (ctrl+p still opens the palette).
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        lang = str(getattr(self.app, "lang", "en"))
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = key_label(lang, widget.description)
            elif isinstance(widget, FooterLabel):
                widget = FooterLabel(key_label(lang, str(widget.content)))
            yield widget
