"""Files written so a reader sees the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from mockroom.files.cache_folder import usable


def replace(path: Path, chunks: Sequence[bytes | memoryview], durable: bool = True) -> None:
    """Write `path` atomically from `chunks` (a temp file beside it, then renamed).

    `durable` fsyncs before the rename; a cache that can be rebuilt may skip it.
    """
    import tempfile  # only when writing: with shutil, bz2 and lzma it slows every start

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def cache_folder(cache: Path) -> None:
    """Make the cache folder with its parents, owner-only, and refuse (OSError) one that
    another account could write: callers skip the cache then."""
    if not usable(cache):
        raise PermissionError(f"cache folder {cache} is not safe to use")
