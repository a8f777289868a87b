"""Which files a bank is loaded from, and one hash that says whether any of them changed.

Standard library only (no YAML, no models), so the first screen can list the tracks of
the last load (`listing.py`) without paying for what loading the bank imports.
"""

from __future__ import annotations

import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from mockroom.core.problem import Problem

YAML_SUFFIXES = (".yaml", ".yml")

Signature = list[int]
"""[size, mtime_ns, ctime_ns, inode], as JSON keeps it."""


def yaml_files(targets: Iterable[str | Path]) -> tuple[list[str], list[str], list[Problem]]:
    """Each YAML file's name in load order, each file once; the targets' real paths; and a
    problem for each target that does not exist.

    The order is `sorted(folder.rglob("*"))` per folder target, as it always was; linked
    folders inside a target are not followed (as rglob), linked files are.
    """
    files: list[tuple[str, str]] = []
    roots: list[str] = []
    problems: list[Problem] = []
    for t in targets:
        p = Path(t)
        if p.is_dir():
            real = str(p.resolve())
            found: list[tuple[str, str]] = []
            _walk("" if str(p) == "." else str(p), real, found)
        elif p.exists():  # a file; one that is not a regular file is refused when read
            real = str(p.resolve())
            found = [(str(p), real)]
        else:
            problems.append(Problem(str(p), 1, 1, "no such file or folder"))
            continue
        roots.append(real)
        files += found
    seen: set[str] = set()
    unique = []
    for name, real in files:
        if real not in seen:
            seen.add(real)
            unique.append(name)
    return unique, roots, problems


def signature(st: os.stat_result) -> Signature:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def state_key(names: Sequence[str], signatures: Sequence[Signature] | None = None) -> str | None:
    """One hash of every file's name and signature, in load order (stat'ed now unless
    given); None when a file cannot be stat'ed."""
    try:
        sigs = signatures or [signature(os.stat(name)) for name in names]
    except OSError:
        return None
    h = hashlib.sha256()
    for name, (size, mtime, ctime, inode) in zip(names, sigs, strict=True):
        h.update(f"{name}\0{size} {mtime} {ctime} {inode}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def folder_key(roots: list[str]) -> str:
    """Names the cache of banks loaded from these real paths: one per common folder, so
    loading the small built-in bank never reads the index of a huge one."""
    try:
        where = os.path.commonpath(roots)
    except ValueError:  # different drives on Windows
        where = ""
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:12]


_by_name: Callable[[os.DirEntry[str]], str] = (
    operator.attrgetter("name") if os.name != "nt" else lambda e: os.path.normcase(e.name)
)


def _walk(folder: str, real: str, out: list[tuple[str, str]]) -> None:
    """YAML files under `folder` (whose real path is `real`), depth first in name order."""
    try:
        with os.scandir(folder or ".") as it:
            entries = sorted(it, key=_by_name)
    except OSError:
        return  # an unreadable folder is passed over, as rglob does
    prefix = _with_sep(folder) if folder else ""
    real = _with_sep(real)
    for e in entries:
        name = e.name
        try:
            if e.is_dir():
                if not e.is_symlink():
                    _walk(prefix + name, real + name, out)
            # `Path(name).suffix in YAML_SUFFIXES` (".yaml" alone has no suffix)
            elif name.endswith(YAML_SUFFIXES) and name.rfind(".") > 0 and e.is_file():
                shown = prefix + name
                out.append((shown, os.path.realpath(shown) if e.is_symlink() else real + name))
        except OSError:
            continue


def _with_sep(folder: str) -> str:
    return folder if folder.endswith(os.sep) else folder + os.sep
