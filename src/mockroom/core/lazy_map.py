"""Mappings built on first use, so a large bank loads without building 20,000 pydantic
objects up front.

A bank loaded through the cache holds each file's questions and rubrics pickled
(`PickledFiles`, one pickle per file); a `LazyMap` value is either the object itself or
the number of the file that holds it. Looking a key up unpickles that file's objects once
and keeps them; listing keys, `len` and `in` build nothing. Thread-safe: the TUI loads a
bank in one thread and reads it from others.
"""

from __future__ import annotations

import pickle
import threading
import zlib
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import Any, TypeVar

V = TypeVar("V")

Location = tuple[Any, int, int, int]
"""(data, start, length, crc32): a file's objects are pickled in `data[start:start + length]`,
as a dict by key (`q:<id>` / `r:<id>`)."""


class PickledFiles:
    """The pickled objects of the files of one load, numbered in load order: `locate(n)`
    says where file n's are, `names[n]` is its name.

    Bytes that do not match their CRC or do not unpickle to a dict are never used:
    `rescue(name)` parses the file again and returns its objects by key instead.
    """

    def __init__(
        self,
        locate: Callable[[int], Location],
        names: Sequence[str],
        rescue: Callable[[str], dict[str, Any]],
    ) -> None:
        self.locate = locate
        self.names = names
        self._rescue = rescue
        self._built: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, n: int, key: str) -> Any:
        """The object `key` of file number `n`."""
        objects = self._built.get(n)
        if objects is None:
            with self._lock:
                objects = self._built.get(n)
                if objects is None:
                    objects = self._built[n] = self._unpickle(n)
        try:
            return objects[key]
        except KeyError:
            raise LookupError(
                f"{self.names[n]}: the bank cache was damaged and the file no longer defines "
                f"{key[2:]!r}; load the bank again"
            ) from None

    def _unpickle(self, n: int) -> dict[str, Any]:
        data, start, length, crc = self.locate(n)
        blob = memoryview(data)[start : start + length]
        if len(blob) == length and zlib.crc32(blob) == crc:
            try:
                objects = pickle.loads(blob)
            except Exception:  # damaged bytes can fail in many ways; all mean "parse the file"
                objects = None
            if isinstance(objects, dict):
                return objects
        return self._rescue(self.names[n])


class LazyMap(MutableMapping[str, V]):
    """id -> object, where a value may still be an int: the number of its file in `files`.

    `prefix` (`q:` or `r:`) turns an id into the key the file's objects are stored under.
    """

    __slots__ = ("_items", "_files", "_prefix")

    def __init__(
        self,
        items: dict[str, Any] | None = None,
        files: PickledFiles | None = None,
        prefix: str = "",
    ) -> None:
        self._items: dict[str, Any] = {} if items is None else items
        self._files = files
        self._prefix = prefix

    def __getitem__(self, ident: str) -> V:
        value = self._items[ident]
        if type(value) is int:  # still pickled: questions and rubrics are never ints
            assert self._files is not None
            value = self._items[ident] = self._files.get(value, self._prefix + ident)
        return value  # type: ignore[no-any-return]

    def __setitem__(self, ident: str, value: V) -> None:
        self._items[ident] = value

    def put_later(self, ident: str, n: int) -> None:
        """`ident` is in file number `n` of `files`, to be unpickled on first access."""
        self._items[ident] = n

    def waiting(self) -> dict[str, int] | None:
        """id -> file number, if no value has been built yet (else None)."""
        items = self._items
        return dict(items) if all(type(v) is int for v in items.values()) else None

    def __delitem__(self, ident: str) -> None:
        del self._items[ident]

    def __contains__(self, ident: object) -> bool:
        return ident in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        built = sum(type(v) is not int for v in self._items.values())
        return f"<LazyMap of {len(self._items)} ({built} built)>"


class BuiltOnUse(MutableMapping[str, V]):
    """A dict that `build()` makes the first time any of it is used."""

    __slots__ = ("_build", "_dict", "_lock")

    def __init__(self, build: Callable[[], dict[str, V]]) -> None:
        self._build: Callable[[], dict[str, V]] | None = build
        self._dict: dict[str, V] = {}
        self._lock = threading.Lock()

    def _built(self) -> dict[str, V]:
        if self._build is not None:
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
