"""Reading a file someone else may have made: never more than a limit, never a FIFO or device.

`open()` on a FIFO waits for a writer, and `/dev/zero` or a sparse file never ends: a file
is opened without blocking, refused unless it is a regular file, and read up to the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: it is not read."""

    def __init__(self, path: str | Path, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.path = str(path)
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit: only limit + 1 bytes of it were read."""

    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        super().__init__(f"file is too large ({size:,} bytes; the limit is {limit:,})")
        self.path = str(path)
        self.size = size
        self.limit = limit


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises NotRegularFile, TooLarge, or the OSError of opening or reading it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, kind_of(st.st_mode))
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(path, max(st.st_size, len(data)), limit)
        return data


def kind_of(mode: int) -> str:
    """What a file that is not regular is, in a word or two."""
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a plain file"
