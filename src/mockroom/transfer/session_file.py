"""Write one session's transcript to a file as Markdown, HTML or JSON (CLI and review screen).

The renderers live in mockroom.transfer; this picks one by format and writes
via a temporary file and a rename, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store.records import Transcript

FORMATS: tuple[str, ...] = ("md", "html", "json")


def render(transcript: Transcript, fmt: str, bank: Bank | None) -> str:
    """The document; TransferError when the session cannot be written in `fmt`.

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

        return inert(html(transcript, bank), block=True)
    if fmt == "md":
        from mockroom.transfer.export_md import render as md

        return inert(md(transcript, bank), block=True)
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


def write(transcript: Transcript, fmt: str, path: Path, bank: Bank | None) -> Path:
    """Render and write; raises OSError (with the path) when the file cannot be written."""
    text = render(transcript, fmt, bank)
    target = path.expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name")
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
