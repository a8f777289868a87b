"""The cache folder: used only when it is the user's own and nobody else can write to it.

A cache is only as trustworthy as whoever can write it. Another account that made the
folder first (or made it writable by a group or everyone) could plant entries that the
next load would take as parsed files. Such a folder is ignored, with one line on stderr
the first time in a process; a missing folder is made, with its missing parents,
readable and writable by the owner only.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

_told: set[str] = set()
"""Folders whose problem was already said in this process."""


def usable(folder: Path) -> bool:
    """True when `folder` exists (made here if missing) and may be trusted as a cache."""
    try:
        make_owner_only(folder)
        st = os.lstat(folder)
    except OSError:
        return False  # no cache: slower, never wrong
    problem = distrust(st)
    if problem is not None:
        _say_once(folder, problem)
        return False
    return True


def distrust(st: os.stat_result) -> str | None:
    """Why a folder with this lstat must not be trusted, or None."""
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder (a link or a file)"
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder's ACL is the user profile's
        return None
    if st.st_uid != getuid():
        return f"it belongs to another account (uid {st.st_uid})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others can write to it (mode {stat.S_IMODE(st.st_mode):04o})"
    return None


def make_owner_only(folder: Path) -> None:
    """Make `folder` and each missing parent with mode 0700; an existing folder is left as is."""
    missing: list[Path] = []
    for p in (folder, *folder.parents):
        if os.path.lexists(p):
            break
        missing.append(p)
    for p in reversed(missing):
        # One made by another process meanwhile is checked like any other.
        with contextlib.suppress(FileExistsError):
            p.mkdir(mode=0o700)


def _say_once(folder: Path, problem: str) -> None:
    key = str(folder)
    if key in _told:
        return
    _told.add(key)
    print(f"mockroom: not using the cache folder {folder}: {problem}; "
          "working without a cache", file=sys.stderr)
