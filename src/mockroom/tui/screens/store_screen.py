"""Base of the progress and review screens: every store call runs in a thread worker.

`self.load(fn, done)` runs `fn(store)` off the UI thread under the app's
database lock, then posts the value back; `done(value)` runs on the UI
thread. A StoreError becomes a notice in the interface language, never a
traceback, and a worker replaced by a newer one of its group posts nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import on
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from mockroom.tui.localized import lang_of
from mockroom.tui.review_strings import rt

if TYPE_CHECKING:
    from mockroom.store.repo import Store
    from mockroom.tui.app import MockroomApp

T = TypeVar("T")


@dataclass
class StoreDone(Message):
    callback: Callable[[Any], None]
    value: Any


@dataclass
class StoreFailed(Message):
    key: str
    error: str


class StoreScreen(Screen[None]):
    CSS_PATH = "../styles/review.tcss"
    HISTORY_PAGE: ClassVar[bool] = False
    """The app's f4/f5 pages (progress, review): neither opens over one of them."""

    @property
    def mapp(self) -> MockroomApp:
        return cast("MockroomApp", self.app)

    @property
    def lang(self) -> str:
        return lang_of(self)

    def load(
        self,
        fn: Callable[[Store], T],
        done: Callable[[T], None],
        *,
        group: str,
        fail_key: str = "failed",
        exclusive: bool = True,
    ) -> Worker[None]:
        def job() -> None:
            app = self.mapp
            store = app.store
            if store is None:
                self.post_message(StoreFailed(fail_key, rt(self.lang, "no_store")))
                return
            from mockroom.store import StoreError

            try:
                with app.db_lock:
                    value = fn(store)
            except StoreError as e:
                self.post_message(StoreFailed(fail_key, str(e)))
                return
            if not get_current_worker().is_cancelled:
                self.post_message(StoreDone(done, value))

        return self.run_worker(
            job, thread=True, group=group, exclusive=exclusive, exit_on_error=False
        )

    @on(StoreDone)
    def _store_done(self, msg: StoreDone) -> None:
        msg.callback(msg.value)

    @on(StoreFailed)
    def _store_failed(self, msg: StoreFailed) -> None:
        self.notify(rt(self.lang, msg.key, error=msg.error), severity="error", timeout=10)

    def relabel(self) -> None:
        """The app calls this when the interface language changes."""
        self.call_later(self._relabel)

    async def _relabel(self) -> None:
        await self.recompose()
        if self.AUTO_FOCUS:  # recomposing drops the focus; keys need it back
            for widget in self.query(self.AUTO_FOCUS).results():
                widget.focus()
                break
