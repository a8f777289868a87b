"""Reading a file someone else may have made: never more than asked, never blocked by a FIFO.

`read_regular` opens without blocking (opening a FIFO for reading would wait forever for a
writer), refuses anything but a regular file (FIFOs, devices such as /dev/zero, sockets,
folders), and reads at most `limit + 1` bytes, so the caller can tell "too large" without
holding the whole file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket or folder: refused before reading a byte."""


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (OSError otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"it is {kind_of(mode)}, not a regular file")
        os.set_blocking(fd, True)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
