"""Base of the progress, compare, review and transcript pages: they read what they show
from the store through `store_work`, and are given the store and the bank when built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual import on

from mockroom.tui.screens.page import Page
from mockroom.tui.store_work import StoreDone, StoreLine, run_store
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from textual.worker import Worker

    from mockroom.core.bank import Bank
    from mockroom.store.repo import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Records:
    """What a history page reads: the open store, and the bank for prompts and labels."""

    line: StoreLine
    bank: Bank | None


class StoreScreen(Page[None]):
    CSS_PATH = "../styles/review.tcss"

    def __init__(self, records: Records) -> None:
        super().__init__()
        self.records = records
        self.bank = records.bank

    def load(
        self,
        fn: Callable[[Store], T],
        done: Callable[[T], None],
        *,
        group: str,
        fail_key: str = "failed",
        exclusive: bool = True,
    ) -> Worker[None]:
        """`fn(store)` off the UI thread, then `done(value)` (see store_work.run_store)."""
        return run_store(self, self.records.line, fn, done, group=group, fail_key=fail_key,
                         exclusive=exclusive)

    @staticmethod
    def footer() -> KeysFooter:
        """Compact and without the palette key, so every key of these pages fits 80 columns
        (ctrl+p still opens the palette)."""
        return KeysFooter(compact=True, show_command_palette=False, classes="history-footer")

    @on(StoreDone)
    def _store_done(self, msg: StoreDone) -> None:
        msg.stop()
        msg.callback(msg.value)

    def relabel(self) -> None:
        self.call_later(self._relabel)

    async def _relabel(self) -> None:
        await self.recompose()
        if self.AUTO_FOCUS:  # recomposing drops the focus; keys need it back
            for widget in self.query(self.AUTO_FOCUS).results():
                widget.focus()
                break


class HistoryPage(StoreScreen):
    """The app's f4/f5 pages (progress, review): neither opens over one of them."""

    HISTORY_PAGE = True
