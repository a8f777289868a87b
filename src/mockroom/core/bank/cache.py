"""A cache of parsed bank files, so a large bank loads fast the second time.

Plain JSON, which cannot run code when read. Per bank folder, in
`data_dir()/cache/bank-<fingerprint>-<folder hash>/`:
- `index.json`: for each file, the stat signature (size, mtime_ns, ctime_ns, inode) it had
  when read and the sha256 of its bytes; for each content, what parsing it gave (problems,
  and the questions and rubrics defined: id, place, cross-check refs), without the objects;
- `<sha256>.json`: the questions and rubrics of that content, as the models dump them. They
  are validated again by the models when first used (`lazy.BuiltOnUse`): a warm load of a
  large bank builds nothing;
- `snapshot.json`: the bank the last load ended with (ids by file number, problems after the
  cross-check), and one hash of every file's name and signature. When the files and their
  signatures are the same again, the bank is taken from it whole (`restore`); else each
  file's parse comes from the index and the bank is added up and cross-checked again.

When cached bytes are trusted to be the file's bytes:
1. A file whose signature equals the one recorded is taken as unchanged *without being
   read*. A signature is recorded only when the file's mtime and ctime are both more than
   `RACY_NS` (2 s) older than the moment the read began (git's "racily clean" rule): a later
   write gives the file a newer mtime and ctime (timestamp steps are nanoseconds to a few ms;
   2 s on FAT), so the signature no longer matches. A file changed less than 2 s before it
   was read gets no signature: it is read and hashed again until a read finds it settled
   (at the end of a long load, or on the next one).
2. Every other file is read and hashed; bytes seen before reuse their parse (a `touch`
   costs a hash, not a parse), new bytes are parsed and cached.
What the rule cannot see, as for git: a change that keeps size, mtime, ctime and inode,
which needs the clock set back; or a network filesystem whose clock runs 2 s behind ours.

Everything else that decides what bytes parse to is in the folder's name (`fingerprint`).
A damaged index reads as empty and is rewritten; a damaged or outdated object file is found
when its objects are first used, and that bank file is parsed again. The cache folder is
used only when it is the user's own and not writable by others (`files.cache_folder`).
Lint runs, which keep YAML node trees, bypass the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from mockroom.config import paths
from mockroom.core import models, yamlsafe
from mockroom.core.bank import parse as parsing
from mockroom.core.bank import snapshot
from mockroom.core.bank.files import Signature, signature, state_key
from mockroom.core.bank.lazy import DictOnDemand
from mockroom.core.bank.model import Bank, Origin
from mockroom.core.bank.parse import Defined, ParsedFile, Pending, Spot
from mockroom.core.bank.snapshot import SNAPSHOT, Snapshot
from mockroom.core.bank.source import parse_file, read_bank_file, unreadable
from mockroom.files import atomic_file, cache_folder

RACY_NS = 2_000_000_000
"""A file changed this close to the moment it was read is never trusted by its stat alone."""
INDEX = "index.json"

_clock: Callable[[], int] = time.time_ns
"""Wall clock in ns, the clock file times are kept in (a module attribute so tests can move it)."""

def for_folders(roots: list[str]) -> JsonCache | None:
    """The cache for banks loaded from these real paths, or None when there is no usable
    cache folder. One cache per common folder, so loading the small built-in bank never
    reads the index of a huge one."""
    if not roots:
        return None
    top = paths.data_dir() / "cache"
    if not cache_folder.usable(top):
        return None
    return JsonCache(snapshot.folder(top, fingerprint(), roots))


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What decides what a file parses to, besides the file: the parse format, the versions,
    and the source of the modules that turn bytes into questions (models, YAML, parse),
    found through the modules themselves; one that cannot be read counts by version alone."""
    import pydantic

    from mockroom import __version__

    h = hashlib.sha256(f"{parsing.FORMAT}|{__version__}|{pydantic.VERSION}".encode())
    for module in (models, yamlsafe, parsing):
        with contextlib.suppress(OSError, TypeError):
            h.update(Path(module.__file__ or "").read_bytes())
    return h.hexdigest()[:16]


class JsonCache:
    """A `ParseSource` that trusts, hashes or parses each file (rules 1 and 2 above)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._records: dict[str, list[Any]] | None = None
        """name -> [signature, sha] of the files of the last `parses`, for `remember`."""

    def restore(self, bank: Bank, names: Sequence[str]) -> bool:
        """Fill `bank` as the last load of exactly these files did, if none changed since.

        The whole bank in one small file, checked by one hash over every file's name and
        signature: `make bench` shows the warm load of 10,000 questions at ~2 s when each
        file's parse is replayed and cross-checked again, ~0.2 s from this snapshot.
        """
        snap = snapshot.read(self.folder, len(names))
        if snap is None or snap.key != state_key(names):
            return False
        shas = snap.shas
        stored = StoredFiles(self.folder, self._forget, list(names), shas)
        for ids, into, kind in ((snap.questions, bank.questions, "q:"),
                                (snap.rubrics, bank.rubrics, "r:")):
            for ident, n in ids.items():
                into[ident] = StoredObject(stored, n, kind + ident)  # type: ignore[assignment]
        bank.origins = DictOnDemand(lambda: self._origins(names, shas))
        bank.problems += snap.problems
        bank.skipped += snap.skipped
        return True

    def remember(self, bank: Bank, names: Sequence[str], since: tuple[int, int]) -> None:
        """Keep the bank just loaded by `parses` and cross-checked, for `restore`; `since`
        says where its files' problems and skipped files begin. Not when a file was racy."""
        records = self._records
        if records is None or any(records.get(n, [None])[0] is None for n in names):
            return
        number = {name: n for n, name in enumerate(names)}
        snapshot.write(self.folder, Snapshot(
            key=state_key(names, [records[n][0] for n in names]),
            shas=[records[n][1] for n in names],
            questions={i: number[bank.origins[f"q:{i}"].path] for i in bank.questions},
            rubrics={i: number[bank.origins[f"r:{i}"].path] for i in bank.rubrics},
            problems=bank.problems[since[0]:],
            skipped=bank.skipped[since[1]:],
        ))

    def _origins(self, names: Sequence[str], shas: list[str]) -> dict[str, Origin]:
        """Where each object of a restored bank was defined (first definition wins)."""
        _, summaries = self._read_index()
        origins: dict[str, Origin] = {}
        for name, sha in zip(names, shas, strict=True):
            summary = summaries.get(sha)
            if summary is None:  # the index was damaged since: ask the file itself
                defined = [(d.key, d.line, d.column, d.loc) for d in parse_file(name).defined]
            else:
                defined = [(key, line, column, loc) for key, line, column, loc, _ in summary["defined"]]
            for key, line, column, loc in defined:
                origins.setdefault(key, Origin(name, line, column, tuple(loc)))
        return origins

    def parses(self, names: Sequence[str]) -> Iterator[tuple[str, ParsedFile]]:
        old_files, old_parses = self._read_index()
        files: dict[str, list[Any]] = {}
        summaries: dict[str, dict[str, Any]] = {}
        writable = True
        racy: list[str] = []
        stored = StoredFiles(self.folder, self._forget)
        for name in names:
            try:
                st = os.stat(name)
                record = old_files.get(name)
                sig: Signature | None = signature(st)
                if record is not None and record[0] == sig and record[1] in old_parses:
                    sha = record[1]
                else:
                    raw, sig = self._read(name)
                    sha = hashlib.sha256(raw).hexdigest()
                    if sha not in old_parses and sha not in summaries:
                        parsed = self._parse(name, raw)
                        summaries[sha], dumped = _summary(parsed)
                        if dumped is not None and writable:
                            writable = self._write_objects(sha, dumped)
                        files[name] = [sig, sha]
                        racy += [] if sig else [name]
                        yield name, parsed
                        continue
            except OSError as e:
                yield name, unreadable(e)
                continue
            summary = summaries.get(sha) or old_parses[sha]
            summaries[sha] = summary
            files[name] = [sig, sha]
            racy += [] if sig else [name]
            yield name, self._restore(stored, name, sha, summary)
        for name in racy:
            files[name][0] = _settled(name, files[name][1])
        self._records = files if writable else None
        if writable and (files != old_files or summaries.keys() != old_parses.keys()):
            self._write_index(files, summaries)

    def _read(self, name: str) -> tuple[bytes, Signature | None]:
        """The file's bytes, and the signature to record for them: None if the file changed
        too close to the read for its stat to vouch for these bytes later."""
        began = _clock()
        raw = read_bank_file(name)
        st = os.stat(name)
        settled = max(st.st_mtime_ns, st.st_ctime_ns) < began - RACY_NS and st.st_size == len(raw)
        return raw, signature(st) if settled else None

    def _parse(self, name: str, raw: bytes) -> ParsedFile:
        """Parse bytes never seen before (`name` only says which file they came from)."""
        return parsing.parse(raw)

    def _restore(
        self, stored: StoredFiles, name: str, sha: str, summary: dict[str, Any]
    ) -> ParsedFile:
        """The parse a content gave, its objects still to be built from their JSON."""
        n = stored.add(name, sha)
        return ParsedFile(
            tuple(Spot(*p) for p in summary["problems"]),
            summary["skipped"],
            tuple(
                Defined(key, line, column, tuple(loc), tuple(tuple(r) for r in refs),
                        StoredObject(stored, n, key))
                for key, line, column, loc, refs in summary["defined"]
            ),
        )

    def _read_index(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(files, parses) of the index; empty when it is missing or not what we write."""
        try:
            index = json.loads((self.folder / INDEX).read_bytes())
            files, summaries = index["files"], index["parses"]
            if isinstance(files, dict) and isinstance(summaries, dict):
                for summary in summaries.values():
                    _check_summary(summary)
                return files, summaries
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return {}, {}

    def _write_objects(self, sha: str, dumped: bytes) -> bool:
        """Write the object file of a new content as soon as it is parsed (a cold load of a
        large bank would otherwise hold all their JSON); False if the cache cannot be written."""
        try:
            cache_folder.make_owner_only(self.folder)
            atomic_file.replace(self.folder / f"{sha}.json", [dumped], durable=False)
        except OSError:
            return False
        return True

    def _write_index(self, files: dict[str, list[Any]], summaries: dict[str, Any]) -> None:
        """Write the index (after the object files it names); drop what it does not name.
        A cache that cannot be written is simply not kept."""
        index = json.dumps({"files": files, "parses": summaries}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            cache_folder.make_owner_only(self.folder)
            atomic_file.replace(self.folder / INDEX, [index.encode()], durable=False)
            for entry in os.scandir(self.folder):
                if entry.name.endswith(".json") and entry.name not in (INDEX, SNAPSHOT) \
                        and entry.name[:-5] not in summaries:
                    os.unlink(entry.path)
            _drop_other_versions(self.folder)

    def _forget(self) -> None:
        """A damaged object file was found: the next load rebuilds the whole cache."""
        for name in (SNAPSHOT, INDEX):
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()


class StoredFiles:
    """The questions and rubrics cached for the files of one load (file n: `names[n]`, its
    content `shas[n]`), read and checked when one of a file's objects is first used; if they
    are damaged or no longer valid, that bank file is parsed again instead."""

    def __init__(self, folder: Path, forget: Callable[[], None],
                 names: list[str] | None = None, shas: list[str] | None = None) -> None:
        self.folder = folder
        self.names: list[str] = names if names is not None else []
        self.shas: list[str] = shas if shas is not None else []
        self._forget = forget
        self._built: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def add(self, name: str, sha: str) -> int:
        """Number a file of the load being read."""
        self.names.append(name)
        self.shas.append(sha)
        return len(self.names) - 1

    def get(self, n: int, key: str) -> models.Question | models.Rubric:
        with self._lock:
            objects = self._built.get(n)
            if objects is None:
                objects = self._built[n] = self._load(n)
        try:
            return objects[key]  # type: ignore[no-any-return]
        except KeyError:
            raise LookupError(
                f"{self.names[n]}: the bank cache was damaged and the file no longer defines "
                f"{key[2:]!r}; load the bank again"
            ) from None

    def _load(self, n: int) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / f"{self.shas[n]}.json").read_bytes())
            return {
                key: (models.Question if key[0] == "q" else models.Rubric).model_validate(value)
                for key, value in data.items()
            }
        except Exception:  # damaged or outdated JSON fails in many ways; all mean "parse it"
            self._forget()
            parsed = parse_file(self.names[n])
            return {d.key: d.obj for d in parsed.defined}


class StoredObject(Pending):
    """One question or rubric of file n of a `StoredFiles`."""

    __slots__ = ("_files", "_n", "_key")

    def __init__(self, files: StoredFiles, n: int, key: str) -> None:
        self._files = files
        self._n = n
        self._key = key

    def build(self) -> models.Question | models.Rubric:
        return self._files.get(self._n, self._key)


def _summary(parsed: ParsedFile) -> tuple[dict[str, Any], bytes | None]:
    """What the index keeps of a parse, and the JSON of its objects (None if it has none)."""
    summary = {
        "problems": [[s.line, s.column, s.message] for s in parsed.problems],
        "skipped": parsed.skipped,
        "defined": [[d.key, d.line, d.column, list(d.loc), d.refs] for d in parsed.defined],
    }
    if not parsed.defined:
        return summary, None
    dumped = {d.key: d.obj.model_dump(mode="json") for d in parsed.defined}  # type: ignore[union-attr]
    return summary, json.dumps(dumped, ensure_ascii=False).encode()


def _check_summary(summary: Any) -> None:
    """TypeError/ValueError unless `summary` has the shape `_summary` writes."""
    problems, skipped, defined = summary["problems"], summary["skipped"], summary["defined"]
    if not (isinstance(problems, list) and isinstance(skipped, bool) and isinstance(defined, list)):
        raise TypeError("not a parse summary")
    for p in problems:
        Spot(*p)
    for key, line, column, loc, refs in defined:
        if not (isinstance(key, str) and key[:2] in ("q:", "r:") and isinstance(loc, list)
                and isinstance(refs, list) and isinstance(line, int) and isinstance(column, int)):
            raise TypeError("not a parse summary")


def _settled(name: str, sha: str) -> Signature | None:
    """The signature to record for a file whose read was racy, if it has settled since (a
    load of many files takes long enough) and still holds the bytes read; else None."""
    with contextlib.suppress(OSError):
        st = os.stat(name)
        if max(st.st_mtime_ns, st.st_ctime_ns) < _clock() - RACY_NS:
            raw = read_bank_file(name)
            if hashlib.sha256(raw).hexdigest() == sha:
                return signature(st)
    return None


def _drop_other_versions(folder: Path) -> None:
    """Caches of other mockroom versions (and the pickles of older ones) beside `folder`."""
    for old in folder.parent.glob("bank-*"):
        if old.name.startswith(f"bank-{fingerprint()}-"):
            continue
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
