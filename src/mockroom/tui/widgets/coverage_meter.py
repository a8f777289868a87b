"""Optional live meter: how many rubric points the draft covers so far."""

from __future__ import annotations

from textual.widgets import Static

from mockroom.tui.strings import t


class CoverageMeter(Static):
    DEFAULT_CSS = """
    CoverageMeter { width: 26; height: 1; padding: 0 1; color: $text-accent; }
    """

    def show(self, lang: str, hit: int, total: int) -> None:
        filled = round(8 * hit / total) if total else 0
        bar = "█" * filled + "░" * (8 - filled)
        self.update(f"{t(lang, 'meter', hit=hit, total=total)} {bar}")
