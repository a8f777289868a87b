"""Traditional Chinese to simplified, so that 應急小組 and 回滾 find 应急小组 and 回滚.

OpenCC's `tw2sp` conversion, for text holding traditional characters: they become
simplified characters, and Taiwan's usual words
to the mainland's (專案 -> 项目, 資料 -> 数据, 使用者 -> 用户), on whole phrases so that a
character with several simplified forms gets the right one. Offsets must keep pointing at
the answer as typed: when the conversion changes a stretch's length (使用者 -> 用户), that
stretch is aligned with what it became, and `Converted.to_source` maps every converted
character back.
"""

from __future__ import annotations

import re
import threading
from typing import NamedTuple, Protocol

from mockroom.core import cantonese


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_converters: dict[str, _Converter] = {}
_lock = threading.Lock()


def _opencc(config: str) -> _Converter:
    """OpenCC's converter for `config`, built on first use (it reads its dictionaries, a
    few ms) by whichever thread asks first."""
    with _lock:
        if config not in _converters:
            import opencc

            _converters[config] = opencc.OpenCC(config)
        return _converters[config]


class Converted(NamedTuple):
    text: str
    to_source: tuple[int, ...] | None
    """to_source[i] = index in the source of converted character i; None: same offsets."""


_CONVERTIBLE = re.compile("[^\\x00\\ud800-\\udfff]+")
"""What OpenCC can take: it reads UTF-8 as a C string (no NULs, no lone surrogates)."""
_STRETCH = re.compile(r"[^\s，。！？；：、,.!?;:()（）]+|[\s，。！？；：、,.!?;:()（）]+")
"""Stretches between punctuation: what is re-aligned when the whole text changed length."""


def convert(text: str) -> Converted:
    """`text` simplified with mainland wording, and how to map its offsets back. Text that
    is simplified already is left alone: mainland wording is not Taiwan's (文件 is a file
    there, not a document). Written Cantonese is read as Mandarin first (see `cantonese`)."""
    text = cantonese.to_mandarin(text)
    if _CONVERTIBLE.sub(lambda m: _opencc("t2s.json").convert(m.group()), text) == text:
        return Converted(text, None)
    converter = _opencc("tw2sp.json")
    pieces = [(m.start(), m.group()) for m in _CONVERTIBLE.finditer(text)]
    out = _CONVERTIBLE.sub(lambda m: converter.convert(m.group()), text)
    if len(out) == len(text):
        return Converted(out, None)
    parts: list[str] = []
    to_source: list[int] = []
    at = 0
    for start, piece in pieces:
        for i in range(at, start):  # what OpenCC cannot take stays as it is
            parts.append(text[i])
            to_source.append(i)
        for m in _STRETCH.finditer(piece):
            _align(converter.convert(m.group()), m.group(), start + m.start(), parts, to_source)
        at = start + len(piece)
    for i in range(at, len(text)):
        parts.append(text[i])
        to_source.append(i)
    return Converted("".join(parts), tuple(to_source))


def _align(new: str, old: str, offset: int, parts: list[str], to_source: list[int]) -> None:
    """Append `new` (what `old`, at `offset` in the source, became) with each character's
    source offset: unchanged and same-length blocks one to one, others proportionally."""
    parts.append(new)
    if len(new) == len(old):
        to_source.extend(range(offset, offset + len(old)))
        return
    # Imported here: only a conversion that changed a stretch's length needs it, and
    # importing difflib cost every process that scores about 1 ms.
    from difflib import SequenceMatcher

    dropped: int | None = None  # source characters that became nothing join the next one
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "delete":
            dropped = i1 if dropped is None else dropped
            continue
        width = max(1, i2 - i1)
        starts = [min(i1 + (j - j1) * width // (j2 - j1), len(old) - 1) for j in range(j1, j2)]
        if dropped is not None and starts:
            starts[0], dropped = dropped, None
        to_source.extend(offset + i for i in starts)
