"""A cache of parsed, validated bank files, so a large bank loads fast the second time.

Parsing YAML and validating it is most of a bank's load time; reading the
files is cheap. So every file is still read on each load, and its parse is
reused only when the cache holds one for exactly these bytes (sha256), read by
exactly this code: the key's `fingerprint` covers mockroom's version, the
source of the modules that turn bytes into questions, pydantic and Python. A
stale entry therefore cannot match, and a corrupt cache (bad checksum,
unreadable pickle, unexpected shape) is ignored and rewritten.

The entries for the files under one folder live in one file,
`data_dir()/cache/bank-<fingerprint>-<folder hash>.pickle`, read once per load
and written once (atomically) when the load parsed something new. The folder is owner-only: a pickle is only as trustworthy as
whoever can write it. Lint runs, which keep YAML node trees to place problems,
bypass the cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockroom.core import paths

if TYPE_CHECKING:
    from mockroom.core.bank import Bank

MAGIC = b"mockroom-bank-cache\n"
KEEP_UNUSED_S = 30 * 24 * 3600
"""An entry no load has used for this long is dropped when the cache is next written."""
_SOURCES = ("models.py", "yamlsafe.py", "bank.py", "bank_cache.py")

FileLoader = Callable[["Bank", Path], None]


@dataclass
class Entry:
    """What loading one file added to an empty bank, with its path left out."""

    problems: list[tuple[int, int, str]]
    skipped: bool
    items: list[tuple[str, Any, int, int, tuple[Any, ...]]]
    """(key `q:<id>` / `r:<id>`, Question or Rubric, line, column, loc), in load order."""


@dataclass
class _Index:
    entries: dict[str, tuple[float, Entry]] = field(default_factory=dict)
    """sha256 of the file's bytes -> (when last written, entry)."""
    used: set[str] = field(default_factory=set)
    dirty: bool = False


def load_files(bank: Bank, files: Iterable[Path], load_file: FileLoader) -> None:
    """Add every file to `bank` as `load_file(bank, path)` would, reusing cached parses."""
    files = list(files)
    cache = cache_file(files)
    if bank.nodes is not None or cache is None:
        for path in files:
            load_file(bank, path)
        return
    index = _read(cache)
    for path in files:
        _load_one(bank, path, load_file, index)
    if index.dirty:
        _write(cache, index)


def cache_file(files: list[Path]) -> Path | None:
    """Where this version of mockroom caches banks under the files' common folder.

    One cache per folder, so loading the small built-in bank never reads the cache of a huge
    one; None when mockroom's own sources cannot be read (no fingerprint, no cache).
    """
    fp = fingerprint()
    if not fp or not files:
        return None
    try:
        where = os.path.commonpath([os.path.abspath(f) for f in files])
    except ValueError:  # different drives on Windows
        where = ""
    folder = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return paths.data_dir() / "cache" / f"bank-{fp}-{folder}.pickle"


@lru_cache(maxsize=1)
def fingerprint() -> str | None:
    """Hash of everything that decides what a file parses to, besides the file itself."""
    import pydantic

    from mockroom import __version__

    h = hashlib.sha256(f"{__version__}|{pydantic.VERSION}|{sys.version}".encode())
    here = Path(__file__).resolve().parent
    try:
        for name in _SOURCES:
            h.update((here / name).read_bytes())
    except OSError:
        return None
    return h.hexdigest()[:16]


def _load_one(bank: Bank, path: Path, load_file: FileLoader, index: _Index) -> None:
    try:
        raw = path.read_bytes()
    except OSError:
        load_file(bank, path)  # it reports the problem itself
        return
    key = hashlib.sha256(raw).hexdigest()
    hit = index.entries.get(key)
    if hit is None:
        entry = _parse(path, raw, load_file)
        if entry is None:
            load_file(bank, path)
            return
        index.entries[key] = (time.time(), entry)
        index.dirty = True
    else:
        entry = hit[1]
    index.used.add(key)
    _replay(bank, str(path), entry)


def _parse(path: Path, raw: bytes, load_file: FileLoader) -> Entry | None:
    """Load the file into an empty bank and record what it added; None if it changed meanwhile."""
    from mockroom.core.bank import Bank

    scratch = Bank()
    load_file(scratch, path)
    try:
        if path.read_bytes() != raw:
            return None  # edited while we read it: the parse may not match `raw`
    except OSError:
        return None
    items = []
    for key, origin in scratch.origins.items():
        kind, ident = key.split(":", 1)
        obj = scratch.questions[ident] if kind == "q" else scratch.rubrics[ident]
        items.append((key, obj, origin.line, origin.column, origin.loc))
    return Entry(
        problems=[(p.line, p.column, p.message) for p in scratch.problems],
        skipped=bool(scratch.skipped),
        items=items,
    )


def _replay(bank: Bank, name: str, entry: Entry) -> None:
    from mockroom.core.bank import Origin, _add
    from mockroom.core.yamlsafe import Problem

    bank.problems += [Problem(name, line, col, msg) for line, col, msg in entry.problems]
    if entry.skipped:
        bank.skipped.append(name)
    for key, obj, line, col, loc in entry.items:
        kind, ident = key.split(":", 1)
        into: dict[str, Any] = bank.questions if kind == "q" else bank.rubrics
        _add(bank, kind, ident, obj, into, Origin(name, line, col, loc))


def _read(cache: Path) -> _Index:
    """The cache's entries, or none at all if the file is missing or damaged in any way."""
    try:
        blob = cache.read_bytes()
    except OSError:
        return _Index()
    head = len(MAGIC) + 32
    if not blob.startswith(MAGIC) or hashlib.sha256(blob[head:]).digest() != blob[len(MAGIC):head]:
        return _Index(dirty=True)
    # Unpickling builds one object per value of the bank: with the collector on, it would scan
    # the growing heap again and again (most of the warm load time for a large bank).
    collecting = gc.isenabled()
    gc.disable()
    try:
        entries = pickle.loads(blob[head:])
    except Exception:  # a pickle from elsewhere can fail in many ways; all mean "rebuild"
        return _Index(dirty=True)
    finally:
        if collecting:
            gc.enable()
    if not isinstance(entries, dict) or not all(
        isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Entry) for v in entries.values()
    ):
        return _Index(dirty=True)
    return _Index(entries=entries)


def _write(cache: Path, index: _Index) -> None:
    """Replace the cache file atomically; a cache that cannot be written is simply not kept."""
    now = time.time()
    keep = {
        k: ((now, e) if k in index.used else (t, e))
        for k, (t, e) in index.entries.items()
        if k in index.used or now - t < KEEP_UNUSED_S
    }
    payload = pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)
    blob = MAGIC + hashlib.sha256(payload).digest() + payload
    tmp = None
    try:
        for folder in (cache.parent.parent, cache.parent):
            folder.mkdir(mode=0o700, exist_ok=True)  # owner-only, the data folder included
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".bank-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, cache)
        tmp = None
        for old in cache.parent.glob("bank-*.pickle"):  # caches of other mockroom versions
            if not old.name.startswith(f"bank-{fingerprint()}-"):
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
