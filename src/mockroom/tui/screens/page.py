"""The base of every screen and dialog: the interface language, followed as it changes.

The app's `lang` is the one state every screen watches. A page takes its value when it is
built (so it composes in the right language) and follows the app's reactive from then on;
when it changes, `relabel()` redraws the page (by default a recompose; a page with typing
or a selection to keep overrides it).

Key bindings are written in English; a page hands them to Textual's own Footer (through
the public `active_bindings`) with their descriptions in the interface language, so no
footer of ours reaches into Textual's private footer module.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, TypeVar

from textual.binding import ActiveBinding, Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from mockroom.tui.strings import key_label

ResultT = TypeVar("ResultT")


class Page(Screen[ResultT]):
    ANSWERING: ClassVar[bool] = False
    """The candidate is answering here: the history pages and a new session wait."""
    HISTORY_PAGE: ClassVar[bool] = False
    """One of the app's f4/f5 pages (progress, review): neither opens over one of them."""

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
        self.refresh_bindings()  # the footer shows the keys in the new language

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work here, described in the interface language."""
        lang = self.lang
        return {
            key: active._replace(binding=_described(active.binding, lang))
            for key, active in super().active_bindings.items()
        }

    def relabel(self) -> None:
        """Show the page in the new language, the keyboard focus where it was."""
        self.redraw_keeping_focus()

    def redraw_keeping_focus(self) -> None:
        """Recompose; the widget that had the keyboard (by id) has it again."""
        focused = self.focused.id if self.focused is not None else None
        self.call_later(self._recompose_keeping_focus, focused)

    async def _recompose_keeping_focus(self, focused: str | None) -> None:
        await self.recompose()
        again = self.query(f"#{focused}") if focused else None
        if again:
            again.first().focus()
        elif self.AUTO_FOCUS:  # what the page focused when it opened
            for widget in self.query(self.AUTO_FOCUS):
                if widget.focusable:
                    widget.focus()
                    break
        self.refresh_bindings()  # the new footer shows the keys of the new language


class Dialog(Page[ResultT], ModalScreen[ResultT]):
    """A modal page: a ModalScreen that follows the language like every page."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The dialog's keys and the app's priority keys (quit, language), which work here
        too: Textual fires them over a modal but leaves them out of its footer."""
        keys = super().active_bindings
        app = self.app
        for binding in Binding.make_bindings(type(app).BINDINGS):
            shown = binding.priority and binding.show and binding.key not in keys
            if shown and app.check_action(binding.action, ()) is not False:
                keys[binding.key] = ActiveBinding(app, _described(binding, self.lang), True)
        return keys


def _described(binding: Binding, lang: str) -> Binding:
    """The binding with its description (and its group's) in `lang`."""
    group = binding.group
    if group is not None:
        group = dataclasses.replace(group, description=key_label(lang, group.description))
    return dataclasses.replace(binding, description=key_label(lang, binding.description), group=group)
