"""A mapping whose values may be built on first use, so a large bank loads from the cache
without validating 20,000 questions and rubrics up front (`make bench`: warm load of the
10,000-question bank; building every object takes tens of seconds).

A value is the object itself or a `Pending` that builds it. Listing keys, `len` and `in`
build nothing; looking a key up builds that value once. Thread-safe: the TUI loads a bank in
one thread and reads it from others. `tests/core/test_bank_cache.py` checks that a bank read
through it equals the one parsed directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, TypeVar

from mockroom.core.bank.parse import Pending

V = TypeVar("V")


class BuiltOnUse(MutableMapping[str, V]):
    """id -> object, where a value may still be a `Pending`."""

    __slots__ = ("_items", "_lock")

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __getitem__(self, ident: str) -> V:
        value = self._items[ident]
        if _is_pending(value):
            with self._lock:
                value = self._items[ident]
                if _is_pending(value):
                    value = self._items[ident] = value.build()
        return value  # type: ignore[no-any-return]

    def __setitem__(self, ident: str, value: V | Pending) -> None:  # type: ignore[override]
        self._items[ident] = value

    def pending(self) -> int:
        """How many values are not built yet."""
        return sum(_is_pending(v) for v in self._items.values())

    def __delitem__(self, ident: str) -> None:
        del self._items[ident]

    def __contains__(self, ident: object) -> bool:
        return ident in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<BuiltOnUse of {len(self._items)} ({self.pending()} not built)>"


def _is_pending(value: Any) -> bool:
    return isinstance(value, Pending)


class DictOnDemand(MutableMapping[str, V]):
    """A dict that `build()` makes the first time any of it is used (a restored bank's
    origins: read from the cache's index only when a problem is placed)."""

    __slots__ = ("_build", "_dict", "_lock")

    def __init__(self, build: Callable[[], dict[str, V]]) -> None:
        self._build: Callable[[], dict[str, V]] | None = build
        self._dict: dict[str, V] = {}
        self._lock = threading.Lock()

    def _built(self) -> dict[str, V]:
        with self._lock:
            if self._build is not None:
                self._dict = self._build()
                self._build = None
        return self._dict

    def __getitem__(self, key: str) -> V:
        return self._built()[key]

    def __setitem__(self, key: str, value: V) -> None:
        self._built()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._built()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())
