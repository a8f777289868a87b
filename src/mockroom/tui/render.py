"""What the feedback and summary screens show, as small pure functions.

No Textual here (only rich's Text), so tests can check which spans get
highlighted, how flags read and what the summary recommends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.text import Text

from mockroom.core.answer_pace import Pace
from mockroom.core.cells import cut
from mockroom.core.cjk_wrap import line_spans
from mockroom.core.inert import inert
from mockroom.core.number_format import points
from mockroom.core.result import CriterionResult, ScoreResult
from mockroom.core.text import SENTENCE_END
from mockroom.core.timing import format_clock
from mockroom.tui.strings import TEXTS, t

SpanKind = Literal["hit", "negated", "flag"]
# Where spans overlap, the more important kind wins.
_PRIORITY: dict[SpanKind, int] = {"hit": 1, "negated": 2, "flag": 3}


def evidence(c: CriterionResult) -> str | None:
    """The answer text that decided the point: the best match, or the negated mention."""
    if c.hit and c.best is not None:
        return c.best.text
    negated = [m for m in c.matches if m.negated]
    return negated[0].text if negated else None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: SpanKind


def answer_spans(result: ScoreResult, answer_len: int) -> list[Span]:
    """Non-overlapping, sorted spans of the answer to highlight."""
    raw: list[Span] = []
    for c in result.criteria:
        for m in c.matches:
            if m.negated:
                raw.append(Span(m.start, m.end, "negated"))
            elif c.hit:
                raw.append(Span(m.start, m.end, "hit"))
    for f in result.flags:
        if f.code == "red-flag":
            raw += [Span(s, e, "flag") for s, e in f.spans]
    paint: list[int] = [0] * answer_len
    kinds: dict[int, SpanKind] = {v: k for k, v in _PRIORITY.items()}
    for s in raw:
        lo, hi = max(0, s.start), min(answer_len, s.end)
        p = _PRIORITY[s.kind]
        for i in range(lo, hi):
            if paint[i] < p:
                paint[i] = p
    spans: list[Span] = []
    i = 0
    while i < answer_len:
        p = paint[i]
        j = i
        while j < answer_len and paint[j] == p:
            j += 1
        if p:
            spans.append(Span(i, j, kinds[p]))
        i = j
    return spans


def highlight(answer: str, spans: Iterable[Span], styles: Mapping[SpanKind, str]) -> Text:
    text = Text(inert(answer, block=True))  # one code point for one: spans still fit
    for s in spans:
        text.stylize(styles[s.kind], s.start, s.end)
    return text


def flag_lines(result: ScoreResult, lang: str) -> list[str]:
    """Each flag in plain words: the scorer's message, its cost, then what to do about it."""
    lines = []
    for f in result.flags:
        key = f"flag.{f.code}"
        if f.code == "missed-required" and sum(c.required and not c.hit for c in result.criteria) > 1:
            key += ".many"  # "always cover them"
        line = inert(f.message(lang))
        if f.penalty:  # the cost goes inside the message's own full stop: "…左右（−16）。"
            stop = line[-1:] if line[-1:] in SENTENCE_END else ""
            cost = points(f.penalty)
            line = line[: len(line) - len(stop)] + (
                f"（−{cost}）" if lang == "zh" else f" (−{cost})"
            ) + stop
        if key in TEXTS:
            # Some messages end in a label ("Costs points: blaming the customer"): the advice
            # is a sentence of its own, so the message gets its full stop first.
            if line[-1:] not in SENTENCE_END:
                line += "。" if lang == "zh" else "."
            line += t(lang, key) if lang == "zh" else f" {t(lang, key)}"
        lines.append(line)
    return lines


def missed_tips(result: ScoreResult, lang: str) -> list[tuple[str, str]]:
    """(label, tip) for every point not earned, required ones first."""
    missed = sorted(result.missed, key=lambda c: (not c.required, -c.weight))
    return [(inert(c.label(lang)), inert(c.tip(lang), block=True)) for c in missed]


def timing_line(
    lang: str, first_key_s: float | None, answer_s: float, overtime_s: float, pace: Pace | None
) -> str:
    parts = [
        t(lang, "fb.first_key", t=f"{first_key_s:.1f}s")
        if first_key_s is not None
        else t(lang, "fb.no_key"),
        t(lang, "fb.answer_time", t=format_clock(answer_s)),
    ]
    if overtime_s > 0:
        parts.append(t(lang, "fb.overtime", t=format_clock(overtime_s)))
    if pace is not None:
        parts.append(t(lang, f"fb.speed.{pace.unit}", n=f"{pace.per_minute:.0f}"))
    return " · ".join(parts)


class Wrapped:
    """Text wrapped by core/cjk_wrap.py at whatever width it is drawn (Rich's own wrapping
    breaks Chinese only where it overflows, so "。" could start a line and a bullet stand
    alone): the first line after `first`, later ones after `rest` (by default as many
    spaces as `first` is wide: a hanging indent). Styles of the text are kept."""

    def __init__(self, text: Text | str, first: Text | str = "", rest: Text | str | None = None):
        self.text = Text(text) if isinstance(text, str) else text
        self.first = Text(first) if isinstance(first, str) else first
        self.rest = Text(" " * self.first.cell_len) if rest is None else (
            Text(rest) if isinstance(rest, str) else rest
        )

    def lines(self, width: int) -> Text:
        spans = line_spans(self.text.plain, width, first=self.first.cell_len,
                           rest=self.rest.cell_len)
        out = Text(no_wrap=True, overflow="crop")
        for i, (s, e) in enumerate(spans):
            if i:
                out.append("\n")
            out.append_text(self.first if i == 0 else self.rest)
            out.append_text(self.text[s:e])
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(cell_len(p) for p in self.text.plain.split("\n")) + self.first.cell_len
        return Measurement(min(widest, 8), widest).clamp(max_width=options.max_width)


def bullets(items: Iterable[Text | str], bullet: str = "• ") -> Group:
    """A bulleted list, each item wrapped under its own first word, never under the bullet."""
    return Group(*(Wrapped(item, bullet) for item in items))


def short(text: str, width: int) -> str:
    """First line of `text`, cut to `width` terminal cells (a Chinese character takes two)."""
    line = inert(text.strip().splitlines()[0]) if text.strip() else ""
    if cell_len(line) <= width:
        return line
    return cut(line, width - 1)[0] + "…"
