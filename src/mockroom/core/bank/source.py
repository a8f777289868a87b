"""Where the loader gets each file's parse: read and parsed here (the plain way), or from a
cache that does the same work only for files that changed (`ParseSource`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from mockroom.core.bank.parse import ParsedFile, Spot, parse
from mockroom.core.yamlsafe import MAX_BYTES
from mockroom.files.bounded import NotRegularFile, TooLarge, read_limited


class ParseSource(Protocol):
    """Gives the parse of each named file, in order."""

    def parses(self, names: Sequence[str]) -> Iterator[tuple[str, ParsedFile]]: ...


class ReadEveryFile:
    """Reads and parses every file: the reference every cache must agree with."""

    def __init__(self, keep_roots: bool = False) -> None:
        self.keep_roots = keep_roots

    def parses(self, names: Sequence[str]) -> Iterator[tuple[str, ParsedFile]]:
        for name in names:
            yield name, parse_file(name, self.keep_roots)


def parse_file(name: str, keep_root: bool = False) -> ParsedFile:
    try:
        raw = read_bank_file(name)
    except OSError as e:
        return unreadable(e)
    return parse(raw, keep_root)


def read_bank_file(name: str) -> bytes:
    """The file's bytes: never more than the size limit + 1, never from a FIFO or device."""
    return read_limited(name, MAX_BYTES)


def unreadable(error: OSError) -> ParsedFile:
    """The parse of a file that could not be read: one problem, file skipped."""
    if isinstance(error, TooLarge | NotRegularFile):
        return ParsedFile((Spot(1, 1, str(error)),), True)
    return ParsedFile((Spot(1, 1, f"cannot read: {error.strerror or error}"),), True)
