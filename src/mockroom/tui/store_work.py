"""The one way the interface runs store work: in a thread worker, one call at a time.

`run_store(node, line, fn, done, group=...)` runs `fn(store)` off the UI thread while holding
the line's lock, so a late draft save can never interleave with the attempt that replaces
it, then posts the value to `node`; `done(value)` runs on the UI thread, in the handler of
the page that asked (StoreScreen) or of the app. A message to a screen that has closed
meanwhile is dropped, so `done` never runs on a page that is gone. StoreFailed bubbles to
the app, which handles every failure in one place: a StoreError becomes a notice in the
interface language; any other exception is a bug and stops the app with its traceback and
a non-zero exit status.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual.message import Message
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from mockroom.store.repo import Store

T = TypeVar("T")


class StoreLine:
    """The open store and the lock that every call on it holds."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()

    def call(self, fn: Callable[[Store], T]) -> T:
        with self._lock:
            return fn(self.store)


@dataclass
class StoreDone(Message):
    callback: Callable[[Any], None]
    value: Any


@dataclass
class StoreFailed(Message):
    key: str | None
    """The string key of the notice (it has an {error} field); None: no notice."""
    error: str
    then: Callable[[str], None] | None = None
    """What the caller does about it besides the notice, given the error."""


def run_store(
    node: DOMNode,
    line: StoreLine,
    fn: Callable[[Store], T],
    done: Callable[[T], None] | None = None,
    *,
    group: str,
    fail_key: str | None = "failed",
    failed: Callable[[str], None] | None = None,
    exclusive: bool = False,
) -> Worker[None]:
    """Run `fn(store)` in a thread worker of `node`; `done(value)` follows on the UI thread.

    On a StoreError the notice `fail_key` is shown (None: none) and `failed(error)` runs.
    `exclusive`: a newer call of the same group cancels this one's result (a page reloading).
    """

    def job() -> None:
        # Imported in the worker, not with this module: the start screen imports this module
        # and `mockroom.store` costs ~9 ms before the first paint.
        from mockroom.store.errors import StoreError

        try:
            value = line.call(fn)
        except StoreError as e:
            node.post_message(StoreFailed(fail_key, str(e), failed))
            return
        if done is not None and not get_current_worker().is_cancelled:
            node.post_message(StoreDone(done, value))

    return node.run_worker(job, thread=True, group=group, exclusive=exclusive)


def open_store(url: str | None) -> StoreLine:
    """Open the store (migrating it if needed). SQLAlchemy and SQLModel are imported here, in
    the boot worker after the first screen is painted, never at the app's import: they take
    longer to import than a whole bare Textual app takes to start."""
    from mockroom.store.repo import Store

    return StoreLine(Store.open(url))
