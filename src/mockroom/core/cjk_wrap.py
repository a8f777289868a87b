"""Wrapping text for a terminal, Chinese and English alike, by cells (a Chinese character takes
two) and by the usual line-breaking rules (kinsoku): Chinese breaks between any two
characters, English at spaces; a closing mark (，。）」 …) never starts a line and an opening
one (（「 “ …) never ends one. The TUI and the CLI reports both wrap with `line_spans`;
this imports no Textual.
"""

from __future__ import annotations

from rich.cells import cell_len

NO_START = frozenset("，。、；：！？）」』》〉】〕］｝〗〙”’…‥·・々ー,.;:!?)]}%")
"""Closing marks: they stay with the character before them."""
NO_END = frozenset("（「『《〈【〔［｛〖〘“‘([{")
"""Opening marks: they stay with the character after them."""

Span = tuple[int, int]


def line_spans(text: str, width: int, *, first: int = 0, rest: int = 0) -> list[Span]:
    """Each line of `text` as [start, end) offsets into it, for a terminal `width` cells wide
    where a prefix takes `first` cells of the first line and `rest` of every later one.

    Newlines end lines; the spaces where a line is broken are dropped (leading spaces of a
    paragraph are kept). A run that cannot be broken and is wider than a line (a long URL)
    is cut where it fits, still not before a closing mark when a choice exists.
    """
    lines: list[Span] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        room = width - (first if not lines else rest)
        lines += _fill(text, start, end, room, width - rest)
        start = end + 1
    return lines


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` as lines of at most `width` cells: the first starts with `first`, later ones
    with `rest` (a hanging indent under a bullet, say)."""
    spans = line_spans(text, width, first=cell_len(first), rest=cell_len(rest))
    return [(first if i == 0 else rest) + text[s:e] for i, (s, e) in enumerate(spans)]


def _fill(text: str, start: int, end: int, room: int, later_room: int) -> list[Span]:
    """Greedy lines of one paragraph (no newline in text[start:end])."""
    lines: list[Span] = []
    line: Span | None = None
    used = 0
    for s, e in _units(text, start, end):
        w = cell_len(text[s:e])
        if line is not None:
            gap = cell_len(text[line[1] : s])
            if used + gap + w <= room:
                line, used = (line[0], e), used + gap + w
                continue
            lines.append(line)
            room = later_room
        while w > room and e - s > 1:  # wider than a whole line: cut it
            k = _cut(text, s, e, room)
            lines.append((s, len(text[s:k].rstrip(" ")) + s))
            s, room = len(text) - len(text[k:].lstrip(" ")), later_room
            w = cell_len(text[s:e])
        line, used = (s, e), w
    lines.append(line if line is not None else (start, start))
    return lines


def _units(text: str, start: int, end: int) -> list[Span]:
    """The runs between break opportunities; the spaces between runs belong to neither
    (except a paragraph's leading spaces, kept with its first run)."""
    units: list[Span] = []
    i = start
    while i < end:
        j = i
        while j < end and text[j] == " ":
            j += 1
        if j == end:
            break
        k = j + 1
        while k < end and text[k] != " " and not _may_break(text[k - 1], text[k]):
            k += 1
        if units and (text[j] in NO_START or text[units[-1][1] - 1] in NO_END):
            units[-1] = (units[-1][0], k)  # "word ." or "( word": no break at that space
        else:
            units.append((start if not units else j, k))
        i = k
    return units


def _may_break(before: str, after: str) -> bool:
    """A line may break between these two characters (no space between them)."""
    if after in NO_START or before in NO_END:
        return False
    return cell_len(before) > 1 or cell_len(after) > 1


def _cut(text: str, s: int, e: int, room: int) -> int:
    """Where to cut text[s:e], which is wider than `room`: as far as fits (at least one
    character), moved back so a closing mark does not start the next line nor an opening
    one end this line, when there is such a place."""
    k, used = s, 0
    while k < e and used + cell_len(text[k]) <= room:
        used += cell_len(text[k])
        k += 1
    k = max(k, s + 1)
    best = k
    while best > s + 1 and _held(text, best, e):
        best -= 1
    return k if _held(text, best, e) else best


def _held(text: str, k: int, e: int) -> bool:
    """Cutting before text[k] would part a closing or opening mark from its neighbour."""
    after = text[k:e].lstrip(" ")[:1]
    return after in NO_START or text[k - 1] in NO_END
