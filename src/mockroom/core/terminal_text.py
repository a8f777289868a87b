"""Laying out the CLI's reports for a terminal: wrapping by cells and the line-breaking
rules (core/cjk_wrap.py) and paths as short as they still read."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from mockroom.core import cjk_wrap

WIDTH = 80


def wrap(text: str, first: str = "", indent: str | None = None, width: int = WIDTH) -> list[str]:
    """`text` after `first`, wrapped at `width` cells (core/cjk_wrap.py); later lines start
    with `indent` (default: `first` again)."""
    indent = first if indent is None else indent
    return [line.rstrip() for line in cjk_wrap.wrap(text, width, first, indent)]


def shown_path(path: str) -> str:
    """Relative to the working folder when inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def fit(text: str, width: int) -> str:
    """`text` cut from the left to `width` cells: the end of a path (file and line) is what counts."""
    if cell_len(text) <= width:
        return text
    while cell_len(text) > width - 1:
        text = text[1:]
    return "…" + text
