"""The end report's account of the time: per question, thinking and answering; the total
used against the budget; what retries and follow-ups took besides (practice/time_report.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from mockroom.core.timing import format_clock
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.time_report import TimeReport


class TimeSpent(Vertical):
    """A section of the summary: its heading, then the table and the totals."""

    DEFAULT_CSS = """
    TimeSpent { height: auto; }
    """

    def __init__(self, report: TimeReport, bank: Bank | None, lang: str, *, id: str) -> None:
        super().__init__(id=id)
        self.report, self.bank, self.lang = report, bank, lang

    def compose(self) -> ComposeResult:
        yield Label(t(self.lang, "time.title"), classes="section")
        yield Static(_render(self.report, self.bank, self.lang), classes="time-table")


def _render(report: TimeReport, bank: Bank | None, lang: str) -> Group:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
    table.add_column("#", no_wrap=True)
    table.add_column(t(lang, "sum.question"), ratio=1, no_wrap=True, overflow="ellipsis")
    for key in ("thinking", "answering", "over"):
        table.add_column(t(lang, f"time.col.{key}"), justify="right", no_wrap=True)
    extra = report.extra_s > 0
    if extra:
        table.add_column(t(lang, "time.col.extra"), justify="right", no_wrap=True)
    for i, q in enumerate(report.questions, 1):
        found = bank.questions.get(q.question_id) if bank else None
        prompt = found.prompt.get(lang).strip().splitlines()[0] if found else q.question_id
        row = [str(i), prompt, format_clock(q.thinking_s), format_clock(q.answering_s),
               format_clock(q.overtime_s) if q.overtime_s >= 1 else "–"]
        if extra:
            row.append(format_clock(q.extra_s) if q.extra_s else "–")
        table.add_row(*row)
    used = format_clock(report.used_s)
    if report.budget_s is None:
        total = t(lang, "time.used_plain", used=used)
    elif report.over_s >= 1:
        total = t(lang, "time.used_over", used=used, budget=format_clock(report.budget_s),
                  over=format_clock(report.over_s))
    else:
        total = t(lang, "time.used", used=used, budget=format_clock(report.budget_s),
                  left=format_clock(report.left_s or 0.0))
    lines: list[Text | Table] = [table, Text(total)]
    if extra:
        lines.append(Text(t(lang, "time.extra", t=format_clock(report.extra_s)), style="italic"))
    return Group(*lines)
