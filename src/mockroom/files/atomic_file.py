"""Files in the data folder's cache, written so a reader sees the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path


def cache_folder(cache: Path) -> None:
    """Create the cache folder and the data folder above it, owner-only: a cached pickle or
    table is only as trustworthy as whoever can write it."""
    for folder in (cache.parent, cache):
        folder.mkdir(mode=0o700, exist_ok=True)


def replace(path: Path, chunks: Sequence[bytes | memoryview]) -> None:
    """Write `path` atomically from `chunks` (a temp file beside it, fsync'd, then renamed)."""
    import tempfile  # only when writing: with shutil, bz2 and lzma it slows every start

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
