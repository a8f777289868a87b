"""Traditional Chinese to simplified, so that 應急小組 and 回滾 find 应急小组 and 回滚.

OpenCC's `t2s` conversion (whole text, so its phrase table picks the right simplified
form of characters with several). Offsets must keep pointing at the answer as typed:
when a conversion changes the text's length, it is redone character by character, each
character converted on its own (OpenCC maps single characters one to one).
"""

from __future__ import annotations

import re
import threading
from typing import Protocol


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_converter: _Converter | None = None
_lock = threading.Lock()


def _opencc() -> _Converter:
    """The converter, built on first use (it reads OpenCC's dictionaries, ~2 ms)."""
    global _converter
    with _lock:
        if _converter is None:
            import opencc

            _converter = opencc.OpenCC("t2s.json")
        return _converter


_CONVERTIBLE = re.compile("[^\x00\ud800-\udfff]+")
"""What OpenCC can take: it reads UTF-8 as a C string (no NULs, no lone surrogates)."""


def to_simplified(text: str) -> str:
    """`text` with traditional characters simplified; always the same length as `text`."""
    converter = _opencc()
    return _CONVERTIBLE.sub(lambda m: _convert(converter, m.group()), text)


def _convert(converter: _Converter, text: str) -> str:
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    return "".join(_one(converter, ch) for ch in text)


def _one(converter: _Converter, ch: str) -> str:
    out = converter.convert(ch)
    return out if len(out) == 1 else ch
