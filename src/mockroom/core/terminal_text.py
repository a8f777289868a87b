"""Laying out the CLI's reports for a terminal: wrapping by cells (a Chinese character takes
two, and Chinese, having no spaces, breaks between any two characters) and paths as short as
they still read."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

WIDTH = 80


def wrap(text: str, first: str = "", indent: str | None = None, width: int = WIDTH) -> list[str]:
    """`text` after `first`, wrapped at `width` cells; later lines start with `indent`
    (default: `first` again)."""
    indent = first if indent is None else indent
    lines, line = [], first
    for token in _tokens(text):
        if cell_len(line) + cell_len(token) > width and line.strip(" #"):
            lines.append(line.rstrip())
            line, token = indent, token.lstrip()
        line += token
    return [*lines, line.rstrip()]


_CLOSING = set("，。、；：！？）」』》】,.;:!?)")
"""Marks that never start a line: they stay with the character before them."""


def _tokens(text: str) -> list[str]:
    """Words with their leading space, and wide characters one by one (with the closing
    marks after them)."""
    out: list[str] = []
    for ch in text:
        if out and ch in _CLOSING:
            out[-1] += ch
        elif cell_len(ch) > 1 or not out or ch == " " or cell_len(out[-1][-1]) > 1:
            out.append(ch)
        else:
            out[-1] += ch
    return out


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
