"""A cache of parsed, validated bank files, so a large bank loads fast the second time.

What is cached, per folder of bank files:
- for each file content seen (keyed by the sha256 of its bytes), what loading those bytes
  adds to an empty bank: its problems, and its questions and rubrics, pickled;
- for each file, the stat signature (size, mtime_ns, ctime_ns, inode) it had when its bytes
  were read, unless that read was "racy" (below);
- a snapshot of the last bank loaded: its files in order with their signatures, and what
  the bank held after the cross-check, with questions and rubrics still pickled; and the
  cross-check of the last set of file contents.

When cached bytes are trusted to be the file's bytes:
1. A file whose signature equals the one recorded is taken as unchanged *without being
   read*. A signature is recorded only when the file's mtime and ctime are both more than
   `RACY_NS` (2 s) older than the moment the read began (git's "racily clean" rule): any
   write after that moment gives the file an mtime and ctime no older than the write minus
   the filesystem's timestamp step (nanoseconds on ext4, xfs, btrfs, APFS; one tick of
   Linux's coarse clock, 1-10 ms; 2 s on FAT), hence newer than the recorded ones, so the
   signature no longer matches. A file changed less than 2 s before it was read could
   still carry those times after another write: it gets no signature, so it is read and
   hashed again (at the end of a long load, or on the next one) until a read finds it
   settled.
2. Every other file is read and hashed. Bytes seen before reuse their parse (a `touch`, or
   a checkout back and forth, costs a hash, not a parse); new bytes are parsed, from exactly
   the bytes hashed, and cached.
When every file of a load matches the snapshot (same names in the same order, same
signatures), the snapshot is the bank: no file is read and nothing but the snapshot is
unpickled (where each object was defined is read from the cache only when asked for).

What the rule cannot see, as for git: a change that keeps size, mtime, ctime and inode,
which needs the clock set back, or a filesystem whose ctime is not a change time (Windows
reports the creation time) together with a tool that restores the old mtime and size; or a
network filesystem whose server clock runs more than 2 s behind this machine's.

Everything else that decides what a file parses to is in the cache's name: its
`fingerprint` covers mockroom's version, the source of the modules that turn bytes into
questions (and of this one), pydantic and Python. A cache that is damaged in any way (bad
checksum, truncated, unreadable pickle, unexpected shape) is ignored and rewritten; a
damaged pickle of one file is found when its objects are first used, and that file is
parsed instead (`lazy_map.PickledFiles`).

Layout: `data_dir()/cache/bank-<fingerprint>-<folder hash>.pickle` holds MAGIC, a header,
the snapshot and the parses (pickled plain tuples, each checksummed); the per-file pickles
live in an area file beside it (`...-<token>.area`, named in the header), which a load maps
into memory without reading; an object is unpickled when first used. A load that found
anything changed replaces the index atomically, and writes a new area file only when it
parsed something new (re-recording racy files rewrites a few MB, not the whole bank). The
folder is owner-only: a pickle is only as trustworthy as whoever can write it. Lint runs,
which keep YAML node trees to place problems, bypass the cache.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import mmap
import os
import pickle
import struct
import sys
import time
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mockroom.config import paths
from mockroom.core.lazy_map import BuiltOnUse, LazyMap, Location, PickledFiles
from mockroom.core.yamlsafe import Problem
from mockroom.files import atomic_file

if TYPE_CHECKING:
    from mockroom.core.bank import Bank, CrossCheck, Origin, Refs

MAGIC = b"mockroom-bank-cache 3\n"
_HEADER = struct.Struct("<QQQ32s32s16s")
"""Lengths of the snapshot, the parses and the area file; sha256 of the first two; the
area file's token."""
_SIGNATURE = struct.Struct("<qqqQ")
"""size, mtime_ns, ctime_ns, inode."""
_RACY = _SIGNATURE.pack(-1, 0, 0, 0)
"""What a racy read records: no file has this signature."""
_LOCATION = struct.Struct("<QQI")
"""start, length and crc32 of a file's pickle in the area file."""
RACY_NS = 2_000_000_000
"""A file changed this close to the moment it was read is never trusted by its stat alone."""
KEEP_UNUSED_S = 30 * 24 * 3600
"""Parsed content no load has used for this long is dropped when the cache is next written."""
_SOURCES = ("models.py", "yamlsafe.py", "bank.py", "bank_cache.py", "lazy_map.py")

_clock: Callable[[], int] = time.time_ns
"""Wall clock in ns, the clock file times are kept in (a module attribute so tests can move it)."""

Parse = tuple[Any, ...]
"""(problems [(line, column, message)], skipped, items, (data, start, length, crc32),
last used s): what a file's bytes add to an empty bank. Items are (key `q:<id>`/`r:<id>`,
line, column, loc, refs); `data` None stands for the cache's area file."""
Records = dict[str, tuple[bytes, bytes]]
"""File name -> (signature recorded when read, sha256 of the bytes read)."""
Checked = tuple[bytes, tuple[tuple[str, int, int, str], ...], tuple[str, ...]]
"""(key of the file names and contents, cross-check problems, questions left out)."""


class Snapshot(NamedTuple):
    """The last bank loaded through this cache, with nothing built. Per-file fields are
    packed bytes, in load order: a warm load of 20,000 files unpickles a few objects."""

    names: bytes
    """sha256 of the file names, NUL-separated."""
    signatures: bytes
    """Each file's recorded `_SIGNATURE`."""
    shas: bytes
    """sha256 of each file's bytes (to find its parse)."""
    locations: bytes
    """Each file's pickle in the area (`_LOCATION`)."""
    questions: dict[str, int]
    """Question id -> number of the file that defines it."""
    rubrics: dict[str, int]
    problems: list[Problem]
    skipped: list[str]


def load_files(bank: Bank, names: list[str], roots: list[str]) -> bool:
    """Add every file to `bank` and cross-check it, as `load_paths` does without a cache.

    `names` are the files in load order, `roots` the real paths of the folders and files
    they came from. False (and nothing added) when no cache can be used.
    """
    cache = cache_file(roots) if names else None
    if cache is None:
        return False
    opened = _CacheFile(cache)
    rescue = functools.partial(_rescue, cache)
    snap = opened.snapshot
    if snap is not None and snap.names == _names_key(names) and _signatures(names) == snap.signatures:
        _restore(bank, snap, names, opened, rescue)
    else:
        _load_changed(bank, names, opened, rescue, cache)
    return True


def _signature(st: os.stat_result) -> bytes:
    return _SIGNATURE.pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & 0xFFFF_FFFF_FFFF_FFFF)


def _signatures(names: list[str]) -> bytes | None:
    try:
        return b"".join([_signature(os.stat(name)) for name in names])
    except OSError:
        return None


def _names_key(names: list[str]) -> bytes:
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogatepass")).digest()


def _restore(
    bank: Bank,
    snap: Snapshot,
    names: list[str],
    opened: _CacheFile,
    rescue: Callable[[str], dict[str, Any]],
) -> None:
    files = PickledFiles(functools.partial(_location, opened.area, snap.locations), names, rescue)
    bank.questions = LazyMap(snap.questions, files, "q:")
    bank.rubrics = LazyMap(snap.rubrics, files, "r:")
    bank.origins = BuiltOnUse(functools.partial(_origins, opened, names, snap.shas))
    bank.problems += snap.problems
    bank.skipped += snap.skipped


def _location(area: Any, packed: bytes, n: int) -> Location:
    return (area, *_LOCATION.unpack_from(packed, n * _LOCATION.size))


def _origins(opened: _CacheFile, names: list[str], shas: bytes) -> dict[str, Origin]:
    """Where each object of a restored bank was defined, as loading put it (first one wins)."""
    from mockroom.core.bank import Origin

    _, parses, _ = opened.parses()
    origins: dict[str, Origin] = {}
    for n, name in enumerate(names):
        parse = parses.get(shas[n * 32 : n * 32 + 32])
        for key, line, column, loc, _ in parse[2] if parse else ():
            origins.setdefault(key, Origin(name, line, column, loc))
    return origins


def _load_changed(
    bank: Bank,
    listed: list[str],
    opened: _CacheFile,
    rescue: Callable[[str], dict[str, Any]],
    cache: Path,
) -> None:
    """Trust, hash or parse each listed file (rules 1 and 2 above), then write what was learnt."""
    from mockroom.core import bank as banks

    records, parses, checked = opened.parses()
    locations: list[Location] = []
    names: list[str] = []
    loaded = PickledFiles(lambda n: locations[n], names, rescue)
    bank.questions = LazyMap(files=loaded, prefix="q:")
    bank.rubrics = LazyMap(files=loaded, prefix="r:")
    first_problem, first_skipped = len(bank.problems), len(bank.skipped)
    signatures: list[bytes] = []
    shas: list[bytes] = []
    refs: dict[str, Refs] = {}
    for name in listed:
        try:
            signature = _signature(os.stat(name))
            record = records.get(name)
            parse = parses.get(record[1]) if record is not None and record[0] == signature else None
            if record is not None and parse is not None:
                sha = record[1]
            else:
                sha, signature, parse = _read_file(name, parses)
                records[name] = (signature, sha)
        except OSError as e:
            banks.unreadable(bank, name, e)
            continue
        data, start, length, crc = parse[3]
        _replay(bank, name, parse, len(names), refs)
        names.append(name)
        locations.append((opened.area if data is None else data, start, length, crc))
        signatures.append(signature)
        shas.append(sha)
    for n, name in enumerate(names):
        if signatures[n] == _RACY:
            signatures[n] = _settle(name, shas[n])
            records[name] = (signatures[n], shas[n])
    checked = _cross_check(bank, refs, checked, _names_key(names) + b"".join(shas))
    questions, rubrics = bank.questions.waiting(), bank.rubrics.waiting()
    snap = None
    if questions is not None and rubrics is not None:
        snap = Snapshot(
            _names_key(names), b"".join(signatures), b"".join(shas), b"", questions, rubrics,
            bank.problems[first_problem:], bank.skipped[first_skipped:],
        )
    _write(cache, opened, records, parses, checked, snap, shas)


def _read_file(name: str, parses: dict[bytes, Parse]) -> tuple[bytes, bytes, Parse]:
    """Read and hash a file not trusted by its stat; parse its bytes unless seen before.

    Returns the sha256, the signature to record and the parse.
    """
    raw, signature = _read(name)
    sha = hashlib.sha256(raw).digest()
    parse = parses.get(sha)
    if parse is None:
        parse = parses[sha] = _parse(name, raw)
    return sha, signature, parse


def _read(name: str) -> tuple[bytes, bytes]:
    """The file's bytes, and the signature to record for them: `_RACY` if the file changed
    too close to the read for its stat to vouch for these bytes later."""
    began = _clock()
    with open(name, "rb") as f:
        st = os.fstat(f.fileno())
        raw = f.read()
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < began - RACY_NS
    return raw, _signature(st) if settled else _RACY


def _settle(name: str, sha: bytes) -> bytes:
    """The signature to record for a file whose read was racy, if it has settled since (a
    load of many files takes long enough) and still holds the bytes read; else `_RACY`."""
    with contextlib.suppress(OSError):
        st = os.stat(name)
        if max(st.st_mtime_ns, st.st_ctime_ns) < _clock() - RACY_NS:
            raw, signature = _read(name)
            if hashlib.sha256(raw).digest() == sha:
                return signature
    return _RACY


def _parse(name: str, raw: bytes) -> Parse:
    """What the bytes add to an empty bank, with the file's name left out."""
    from mockroom.core.bank import Bank, add_file, refs_of

    scratch = Bank()
    add_file(scratch, name, raw)
    items = []
    objects: dict[str, Any] = {}
    for key, origin in scratch.origins.items():
        ident = key[2:]
        obj = objects[key] = scratch.questions[ident] if key[0] == "q" else scratch.rubrics[ident]
        items.append((key, origin.line, origin.column, origin.loc, refs_of(obj)))
    # Kept pickled, not built: a cold load of a large bank would otherwise hold every object.
    blob = pickle.dumps(objects, protocol=pickle.HIGHEST_PROTOCOL) if objects else b""
    problems = tuple((p.line, p.column, p.message) for p in scratch.problems)
    return problems, bool(scratch.skipped), tuple(items), (blob, 0, len(blob), zlib.crc32(blob)), 0.0


def _replay(bank: Bank, name: str, parse: Parse, n: int, refs: dict[str, Refs]) -> None:
    from mockroom.core.bank import Origin, add

    problems, skipped, items, _, _ = parse
    for line, column, message in problems:
        bank.problems.append(Problem(name, line, column, message))
    if skipped:
        bank.skipped.append(name)
    for key, line, column, loc, item_refs in items:
        if add(bank, key, n, Origin(name, line, column, loc)):
            refs[key] = item_refs


def _rescue(cache: Path, name: str) -> dict[str, Any]:
    """Objects of a file whose cached pickle turned out damaged: parse the file again."""
    from mockroom.core.bank import Bank, _load_file

    with contextlib.suppress(OSError):
        cache.unlink()  # the next load rebuilds it
    scratch = Bank()
    _load_file(scratch, name)
    return {
        **{f"q:{i}": scratch.questions[i] for i in scratch.questions},
        **{f"r:{i}": scratch.rubrics[i] for i in scratch.rubrics},
    }


def _cross_check(
    bank: Bank, refs: dict[str, Refs], checked: Checked | None, contents: bytes
) -> Checked:
    """Apply the bank's cross-check, reused while the same files hold the same bytes."""
    from mockroom.core.bank import _cross_check, apply_cross_check

    key = hashlib.sha256(contents).digest()
    if checked is not None and checked[0] == key:
        result: CrossCheck = [Problem(*p) for p in checked[1]], list(checked[2])
    else:
        result = _cross_check(bank, refs)
        problems, left_out = result
        checked = key, tuple((p.path, p.line, p.column, p.message) for p in problems), tuple(left_out)
    apply_cross_check(bank, result)
    return checked


def cache_file(roots: list[str]) -> Path | None:
    """Where this version of mockroom caches banks loaded from these real paths.

    One cache per common folder, so loading the small built-in bank never reads the cache of a
    huge one; None when mockroom's own sources cannot be read (no fingerprint, no cache).
    """
    fp = fingerprint()
    if not fp or not roots:
        return None
    try:
        where = os.path.commonpath(roots)
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


class _CacheFile:
    """A cache, mapped into memory: both checksums verified and its snapshot unpickled at
    once, its parses only when asked for. Anything missing or damaged reads as empty. The
    mapping keeps reading the files as they were opened, even if another process replaces
    them meanwhile."""

    def __init__(self, cache: Path) -> None:
        self.snapshot: Snapshot | None = None
        self.area: Any = b""
        self.area_token = b""
        self._parses_pickle: Any = None
        self._parses: tuple[Records, dict[bytes, Parse], Checked | None] | None = None
        with contextlib.suppress(OSError, ValueError):
            self._open(cache)

    def _open(self, cache: Path) -> None:
        blob = cache.read_bytes()
        start = len(MAGIC) + _HEADER.size
        if len(blob) < start or not blob.startswith(MAGIC):
            return
        snap_size, parses_size, area_size, snap_sha, parses_sha, token = _HEADER.unpack_from(
            blob, len(MAGIC)
        )
        if len(blob) != start + snap_size + parses_size:
            return  # truncated or grown: not what was written
        parses = memoryview(blob)[start + snap_size :]
        if hashlib.sha256(parses).digest() != parses_sha:
            return
        area = _map(_area_file(cache, token), area_size) if area_size else b""
        snap = _unpickle(memoryview(blob)[start : start + snap_size], snap_sha)
        if area is None or not (isinstance(snap, tuple) and len(snap) == len(Snapshot._fields)):
            return
        self.snapshot = Snapshot._make(snap)
        self.area, self.area_token = area, token
        self._parses_pickle = parses

    def parses(self) -> tuple[Records, dict[bytes, Parse], Checked | None]:
        if self._parses is None:
            found = _unpickle(self._parses_pickle) if self._parses_pickle is not None else None
            if isinstance(found, tuple) and len(found) == 3:
                records, parses, checked = found
                if isinstance(records, dict) and isinstance(parses, dict):
                    self._parses = found
            if self._parses is None:
                self._parses = {}, {}, None
        return self._parses


def _area_file(cache: Path, token: bytes) -> Path:
    return cache.with_name(f"{cache.stem}-{token.hex()}.area")


def _map(path: Path, size: int) -> Any:
    """The file's bytes, mapped (read on Windows, where a mapped file cannot be replaced);
    None unless it has exactly `size` of them."""
    with path.open("rb") as f:
        if os.fstat(f.fileno()).st_size != size:
            return None
        if os.name == "nt":
            return memoryview(f.read())
        return memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


def _unpickle(blob: Any, sha: bytes | None = None) -> Any:
    if sha is not None and hashlib.sha256(blob).digest() != sha:
        return None
    # Unpickling builds one object per value: with the collector on, it would scan the
    # growing heap again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(blob)
    except Exception:  # a pickle from elsewhere can fail in many ways; all mean "rebuild"
        return None
    finally:
        if collecting:
            gc.enable()


def _write(
    cache: Path,
    opened: _CacheFile,
    records: Records,
    parses: dict[bytes, Parse],
    checked: Checked,
    snap: Snapshot | None,
    shas: list[bytes],
) -> None:
    """Replace the cache atomically, and its area file if anything was parsed; a cache that
    cannot be written is simply not kept."""
    now = time.time()
    used = set(shas)
    kept = {
        sha: (*parse[:4], now if sha in used else parse[4])
        for sha, parse in parses.items()
        if sha in used or now - parse[4] < KEEP_UNUSED_S
    }
    # Unchanged pickles stay where they are; new ones (or dropped old ones) mean a new area.
    same_area = len(kept) == len(parses) and all(p[3][0] is None for p in kept.values())
    chunks: list[memoryview] = []
    area_size = 0
    if not same_area:
        for sha, (problems, skipped, items, (data, start, length, crc), last_used) in kept.items():
            chunks.append(memoryview(opened.area if data is None else data)[start : start + length])
            kept[sha] = (problems, skipped, items, (None, area_size, length, crc), last_used)
            area_size += length
    else:
        area_size = len(opened.area)
    if snap is not None:
        packed = b"".join([_LOCATION.pack(*kept[sha][3][1:]) for sha in shas])
        snap = snap._replace(locations=packed)
    records = {name: r for name, r in records.items() if r[1] in kept}
    sections = [
        pickle.dumps(tuple(snap) if snap else None, protocol=pickle.HIGHEST_PROTOCOL),
        pickle.dumps((records, kept, checked), protocol=pickle.HIGHEST_PROTOCOL),
    ]
    token = opened.area_token if same_area else os.urandom(16)
    header = _HEADER.pack(
        *(len(s) for s in sections), area_size, *(hashlib.sha256(s).digest() for s in sections),
        token,
    )
    with contextlib.suppress(OSError):
        atomic_file.cache_folder(cache.parent)
        if not same_area:
            atomic_file.replace(_area_file(cache, token), chunks)
        atomic_file.replace(cache, [MAGIC + header, *sections])
        for old in cache.parent.glob("bank-*"):
            # caches of other mockroom versions, and area files no index names any more
            other_version = not old.name.startswith(f"bank-{fingerprint()}-")
            unused_area = old.name.startswith(f"{cache.stem}-") and old != _area_file(cache, token)
            if other_version or unused_area:
                old.unlink(missing_ok=True)
