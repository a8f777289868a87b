"""Keeping the garbage collector's full passes out of the candidate's typing.

A full collection walks every object the collector tracks. Once the app has booted that is
all of Textual, SQLAlchemy, pydantic, the bank and the scorer's tables (about 150,000
objects), and each pass froze the UI for 100-130 ms while an answer was typed; a bare Textual
app's passes take about 30 ms. Those objects live as long as the app, so when it has booted
they are frozen (`gc.freeze`: kept where collections never look) and full passes only walk
what was made since. Collection is paused while booting, when nearly everything made stays
alive anyway, and the frozen objects go back to the collector when the app closes.

Kept because it shows: typing 5,000 characters with the live meter on (`make bench`'s
keystroke row, each app in a fresh interpreter), the longest stall was 74-96 ms with the
freeze and 283-317 ms without it (2 runs each, 2026-12-03, on the shared 2-core machine).

Freezing again later (when each question comes up) would shorten the passes a little more,
but whatever is frozen and then dropped (that question's screen) stays until the app closes.
"""

from __future__ import annotations

import gc


class BootHeap:
    """Pause collection while the app boots, then freeze what the boot made."""

    def __init__(self) -> None:
        self._paused = False
        self._frozen = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def settle(self) -> None:
        """The boot is over (or failed): freeze its objects and collect as usual again."""
        if not self._frozen:
            gc.freeze()
            self._frozen = True
        self._resume()

    def release(self) -> None:
        """The app is closing: everything it froze is ordinary garbage again."""
        self._resume()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _resume(self) -> None:
        if self._paused:
            gc.enable()
            self._paused = False
