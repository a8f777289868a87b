"""A problem found in a file, placed at a line and column (standard library only)."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One problem found in a file, reported as `file:line:column: message`."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
