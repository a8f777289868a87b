"""The benchmark's large inputs, built once and kept in a cache folder between runs.

Writing the 10,000-question bank, and the database of 100,000 answers, took most of a
`make bench` run (minutes on a busy 2-core machine) and measured nothing. Each input is
kept under a name that covers everything it is made from, and nothing else: the
generator's version, the frozen seed bank it copies (bench/seed, not the built-in bank, so
editing a rubric rebuilds nothing), its size, and for the database the schema revisions it
is written at. A changed input gets a new name; old ones are removed.

The folder is `$MOCKROOM_BENCH_CACHE`, else the user's cache folder (`mockroom-bench`),
used only when it is the user's own and not writable by others; else a temporary one (the
inputs are then built in every run).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from mockroom.files import cache_folder

GENERATOR_VERSION = 2
"""Bump when gen.py writes different inputs for the same seed (progress.py has its own)."""


@lru_cache(maxsize=1)
def folder() -> Path:
    """The cache folder for inputs (made owner-only if missing); if it cannot be trusted, a
    temporary folder removed when the run ends."""
    where = os.environ.get("MOCKROOM_BENCH_CACHE")
    if not where:
        from platformdirs import user_cache_dir

        where = user_cache_dir("mockroom-bench", appauthor=False)
    path = Path(where).expanduser()
    if cache_folder.usable(path):
        return path
    temporary = tempfile.mkdtemp(prefix="mockroom-bench-inputs-")
    atexit.register(shutil.rmtree, temporary, True)
    return Path(temporary)


def key(*parts: object, files: Sequence[Path] = ()) -> str:
    """A short name for an input made from `parts` and the bytes of `files`."""
    h = hashlib.sha256(f"{GENERATOR_VERSION}|{sys.version_info[:2]}|{parts!r}".encode())
    for f in sorted(files):
        h.update(str(f.name).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def kept(kind: str, name: str, build: Callable[[Path], object]) -> Path:
    """`<folder>/<kind>-<name>`, built by `build(path)` unless it is already there.

    Built beside its final place and renamed, so an interrupted run never leaves half an
    input; other `<kind>-*` entries (inputs of older sources) are removed.
    """
    top = folder()
    final = top / f"{kind}-{name}"
    if not final.exists():
        work = top / f".{kind}-{name}-{os.getpid()}"
        _remove(work)
        build(work)
        os.replace(work, final)
    # Older inputs, and what interrupted builds left; not the final one's own files (a
    # database's -wal and -shm).
    for old in (*top.glob(f"{kind}-*"), *top.glob(f".{kind}-*")):
        if old != final and not old.name.startswith(f"{final.name}-") and _not_building(old):
            _remove(old)
    return final


def _not_building(path: Path) -> bool:
    """False for a build under way in another live process (`.<kind>-<name>-<pid>`)."""
    if not path.name.startswith("."):
        return True
    pid = path.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
