"""Toneless pinyin of each Chinese character (its most common reading), from pypinyin's
character table.

The table is pypinyin's `pinyin_dict.json` (0.8 MB, 42,000 characters), read directly:
importing `pypinyin` also loads its 2.5 MB phrase dictionary (about 0.6 s), which
per-character lookups never use. Parsing that JSON still takes about 25 ms, a sixth of a
whole `mockroom score`, so the answer is kept in the data folder's cache in a dense form
that loads in well under a millisecond: 2 bytes per code point from the first character to
the last, each the number of its syllable. The cache is named after the source file's path,
size and mtime (a new pypinyin is a new name), carries a checksum, and is rebuilt whenever it
does not read back whole; when the cache cannot be written the table is built in memory.
"""

from __future__ import annotations

import array
import hashlib
import importlib.util
import json
import struct
import sys
import threading
import zlib
from pathlib import Path

from mockroom.config import paths
from mockroom.files import atomic_file

MAGIC = b"mockroom-pinyin 1\n"
_HEADER = struct.Struct("<IIII")
"""First code point, number of code points, byte length of the syllables, crc32 of the rest."""
NONE = 0xFFFF
"""The syllable number of a code point with no reading."""
TONE_FREE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


class Table:
    """Dense readings: `syllables[numbers[cp - first]]` for code points in range."""

    def __init__(self, first: int, numbers: array.array[int], syllables: list[str]) -> None:
        self.first = first
        self.numbers = numbers
        self.syllables = syllables

    def number(self, code_point: int) -> int | None:
        """The number of the code point's syllable (equal for homophones), None without one."""
        i = code_point - self.first
        if 0 <= i < len(self.numbers):
            n = self.numbers[i]
            if n < len(self.syllables):  # NONE, or a number the checksum let through
                return n
        return None

    def reading(self, code_point: int) -> str | None:
        n = self.number(code_point)
        return None if n is None else self.syllables[n]


_table: Table | None = None
_lock = threading.Lock()


def table() -> Table:
    """The table, loaded once by whichever thread asks first."""
    global _table
    with _lock:
        if _table is None:
            _table = load()
        return _table


def reading(ch: str) -> str | None:
    """Toneless pinyin of one character, None when it has no reading."""
    return table().reading(ord(ch))


def syllable_number(ch: str) -> int | None:
    """A number standing for the character's toneless syllable: homophones share it."""
    return table().number(ord(ch))


def load() -> Table:
    """The table from the cache, or built from pypinyin's file (and cached)."""
    source = source_file()
    cache = _cache_path(source) if source else None
    if cache is not None:
        try:
            found = decode(cache.read_bytes())
        except OSError:
            found = None
        if found is not None:
            return found
    table = build(source_table(source))
    if cache is not None:
        try:
            atomic_file.cache_folder(cache.parent)
            atomic_file.replace(cache, [encode(table)])
        except OSError:
            pass  # an unwritable data folder only costs the parse on every start
    return table


def build(source: dict[str, str]) -> Table:
    """Dense form of {code point as text: "reading,other readings"}."""
    toneless = {int(k): v.split(",", 1)[0].translate(TONE_FREE) for k, v in source.items() if v}
    if not toneless:
        return Table(0, array.array("H"), [])
    syllables = sorted(set(toneless.values()))
    number = {s: i for i, s in enumerate(syllables)}
    first, last = min(toneless), max(toneless)
    numbers = array.array("H", [NONE]) * (last - first + 1)
    for cp, s in toneless.items():
        numbers[cp - first] = number[s]
    return Table(first, numbers, syllables)


def encode(table: Table) -> bytes:
    numbers = table.numbers
    if sys.byteorder != "little":
        numbers = array.array("H", numbers)
        numbers.byteswap()
    body = "\n".join(table.syllables).encode("utf-8") + numbers.tobytes()
    head = _HEADER.pack(table.first, len(table.numbers), len(body) - 2 * len(numbers), zlib.crc32(body))
    return MAGIC + head + body


def decode(blob: bytes) -> Table | None:
    """The table in `blob`, or None if it is not one written by `encode`, whole."""
    start = len(MAGIC) + _HEADER.size
    if not blob.startswith(MAGIC) or len(blob) < start:
        return None
    first, count, syllable_bytes, crc = _HEADER.unpack_from(blob, len(MAGIC))
    body = memoryview(blob)[start:]
    if len(body) != syllable_bytes + 2 * count or zlib.crc32(body) != crc:
        return None
    try:
        syllables = str(body[:syllable_bytes], "utf-8").split("\n") if syllable_bytes else []
    except UnicodeDecodeError:
        return None
    numbers = array.array("H")
    numbers.frombytes(body[syllable_bytes:])
    if sys.byteorder != "little":
        numbers.byteswap()
    return Table(first, numbers, syllables)


def source_file() -> Path | None:
    """pypinyin's character table, located without importing the package."""
    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return path
    return None


def source_table(source: Path | None = None) -> dict[str, str]:
    """pypinyin's per-character readings, keyed by code point as text; the public module is
    the fallback if the data file ever moves."""
    path = source or source_file()
    if path is not None:
        table: dict[str, str] = json.loads(path.read_text("utf-8"))
        return table
    from pypinyin.pinyin_dict import pinyin_dict

    return {str(k): v for k, v in pinyin_dict.items()}


def _cache_path(source: Path) -> Path | None:
    try:
        st = source.stat()
    except OSError:
        return None
    key = f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{MAGIC!r}".encode("utf-8", "surrogatepass")
    return paths.data_dir() / "cache" / f"pinyin-{hashlib.sha256(key).hexdigest()[:16]}.bin"
