"""The base of every screen and dialog: the interface language, followed as it changes.

The app's `lang` is the one state every screen watches. A page takes its value when it is
built (so it composes in the right language) and follows the app's reactive from then on;
when it changes, `relabel()` redraws the page (by default a recompose; a page with typing
or a selection to keep overrides it).
"""

from __future__ import annotations

from typing import TypeVar

from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

ResultT = TypeVar("ResultT")


class Page(Screen[ResultT]):
    lang: reactive[str] = reactive("en", init=False)
    """`zh` or `en`."""

    def __init__(self) -> None:
        super().__init__()
        self.watch(self.app, "lang", self._follow, init=True)

    def _follow(self, lang: str) -> None:
        if self.is_mounted:
            self.lang = lang
        else:
            self.set_reactive(Page.lang, lang)

    def watch_lang(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        """Show the page in the new language."""
        self.refresh(recompose=True)


class Dialog(Page[ResultT], ModalScreen[ResultT]):
    """A modal page: a ModalScreen that follows the language like every page."""
