"""Write one session's transcript to a file as Markdown, HTML or JSON (CLI and review screen).

The renderers live in mockroom.transfer; this picks one by format and writes
via a temporary file and a rename, so a failed export never leaves half a file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mockroom.files.bounded import kind_of

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store.records import Transcript

FORMATS: tuple[str, ...] = ("md", "html", "json")


def render(transcript: Transcript, fmt: str, bank: Bank | None, lang: str | None = None) -> str:
    """The document (Markdown and HTML in `lang`, default the session's language);
    TransferError when the session cannot be written in `fmt`.

    Controls and bidi controls in user text show as visible characters (core.inert) in
    Markdown and HTML, whether they go to a terminal, a file or a browser; JSON keeps them
    as \\u escapes so the data travels unchanged.
    """
    from mockroom.core.inert import inert

    if fmt == "json":
        from mockroom.transfer.export_json import dumps

        return dumps(transcript)
    if fmt == "html":
        from mockroom.transfer.export_html import render as html

        return inert(html(transcript, bank, lang), block=True)
    if fmt == "md":
        from mockroom.transfer.export_md import render as md

        return inert(md(transcript, bank, lang), block=True)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def default_name(candidate: str, started_at: datetime, session_id: str, fmt: str) -> str:
    """mockroom-<candidate>-<date>-<id prefix>.<fmt>, safe on every file system."""
    who = re.sub(r"[^\w-]+", "-", candidate).strip("-") or "session"
    return f"mockroom-{who[:40]}-{started_at:%Y%m%d}-{session_id[:8]}.{fmt}"


def with_format(path: str, fmt: str) -> str:
    """Swap a known export suffix for `fmt`'s; leave any other name alone."""
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix.lower() in FORMATS:
        return f"{stem}.{fmt}"
    return path


def write(
    transcript: Transcript, fmt: str, path: Path, bank: Bank | None, lang: str | None = None
) -> Path:
    """Render and write; raises OSError (with the path) when the file cannot be written.

    A new or ordinary file is written to a temporary file (0600) and renamed over it, so a
    failed export never leaves half a file. What is already at the path decides the rest:
    a FIFO or character device (/dev/null, a terminal, a pipe from `>(...)`) is written
    through, never replaced; a symlink of yours or the system's is followed, so the link
    stays; a file with other hard links, a block device, a socket or another user's
    symlink (the /tmp trick that aims your export at your own files) is refused, and
    nothing is written.
    """
    text = render(transcript, fmt, bank, lang)
    given = path.expanduser()
    _check_links(given)
    try:
        st = os.stat(given)
    except FileNotFoundError:
        st = None
    if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        _write_through(given, text)  # the kernel follows /dev/stdout -> /proc/self/fd/1 -> pipe
        return given
    target = Path(os.path.realpath(given))  # the file a link points at is replaced, not the link
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, f"{target} is a folder; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, f"it is {kind_of(st.st_mode)}; not replacing it", str(given))
    if st is not None and st.st_nlink > 1:
        raise OSError(
            errno.EMLINK,
            f"it has {st.st_nlink} hard links; replacing it would split them, writing it would "
            "change the other names too: choose another name",
            str(given),
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _check_links(path: Path) -> None:
    """Refuse a chain of symlinks with a link that neither you nor the system (root) made."""
    for _ in range(40):
        if not path.is_symlink():
            return
        if path.lstat().st_uid not in (os.geteuid(), 0):
            raise OSError(
                errno.EPERM, "it is a symlink another user made; not following it", str(path)
            )
        path = path.parent / os.readlink(path)
    raise OSError(errno.ELOOP, "too many levels of symlinks")


def _write_through(target: Path, text: str) -> None:
    """Write to a FIFO or device as it is; a FIFO nobody reads is refused, not waited on."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OSError(
                errno.ENXIO, "it is a FIFO that no program is reading", str(target)
            ) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as f:
        f.write(text.encode("utf-8"))
