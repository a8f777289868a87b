"""Text measured in terminal cells, where a Chinese character takes two: for the TUI's
titles and the CLI's tables alike. (Rich comes with Textual; this imports no Textual.)"""

from __future__ import annotations

from rich.cells import cell_len


def cut(text: str, width: int) -> tuple[str, int]:
    """The longest start of `text` that fits in `width` cells, and how many cells it takes;
    a wide character is never split at the edge."""
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out), used


def pad(text: str, width: int) -> str:
    """`text` cut and padded to exactly `width` cells, so later columns stay in line."""
    kept, used = cut(text, width)
    return kept + " " * (width - used)


def clip(text: str, width: int) -> str:
    """`text` on one line in `width` cells, cut at the end with "…" when it does not fit."""
    line = " ".join(text.split())
    if cell_len(line) <= width:
        return line
    return cut(line, width - 1)[0] + "…"
