"""Everything a command prints passes through core.inert: user text never drives the terminal.

`inert_output()` wraps standard output and error for the length of a command, so no command
(and no later one) can print a name, answer, label or file name raw by forgetting to.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from mockroom.core.inert import inert, inert_json


class InertStream:
    """A text stream that writes what it is given with every unsafe character made visible."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(inert(text, block=True))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextmanager
def inert_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(out), InertStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def json_text(data: Any) -> str:
    """Indented JSON, never NaN or Infinity (ValueError), unsafe characters as \\u escapes."""
    return inert_json(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
