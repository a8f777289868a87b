"""The end of a session or a mock interview: scores, weakest points, what next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Label, Static

from mockroom.core.number_format import mean, score
from mockroom.core.timing import format_clock
from mockroom.practice.session import Practice
from mockroom.practice.time_report import time_report
from mockroom.tui.render import Wrapped, average, bullets, short, weakest_points
from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter
from mockroom.tui.widgets.time_spent import TimeSpent

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store import AttemptRec

RETRY_BELOW = 70.0
"""Questions scoring under this are suggested for another go."""
PROMPT_CELLS = 50


def attempt_kind(a: AttemptRec, first_ids: set[str]) -> str:
    if a.follow_up_of is not None:
        return "follow_up"
    return "main" if a.id in first_ids else "retry"


def first_attempts(attempts: list[AttemptRec]) -> set[str]:
    """Ids of each question's first main answer in the session."""
    seen: set[str] = set()
    ids: set[str] = set()
    for a in attempts:
        if a.follow_up_of is None and a.question_id not in seen:
            seen.add(a.question_id)
            ids.add(a.id)
    return ids


class SummaryScreen(Page[None]):
    BINDINGS = [
        Binding("n", "app.new_session", "New session"),
        Binding("f4", "app.progress", "Progress"),
        Binding("f5", "app.review", "Review"),
    ]

    def __init__(self, practice: Practice, bank: Bank | None) -> None:
        super().__init__()
        self.practice = practice
        self.bank = bank

    def compose(self) -> ComposeResult:
        lang = self.lang
        attempts: list[AttemptRec] = list(self.practice.results)
        main = [a for a in attempts if a.follow_up_of is None]
        title = "sum.title_mock" if self.practice.mode in ("mock", "interview") else "sum.title"
        avg = average([a.result.score for a in main])
        yield Header()
        with VerticalScroll(id="summary"):
            with Horizontal(id="sum-top"):
                yield Label(t(lang, title), classes="heading")
                if avg is not None:
                    yield Label(t(lang, "sum.average", score=mean(avg)), id="average")
            budget = self.practice.budget
            if budget is not None and budget.exhausted:
                yield Label(t(lang, "sum.budget_out"), classes="muted")
            if not attempts:
                yield Label(t(lang, "sum.none"))
            else:
                yield Static(self._table(lang, attempts), id="sum-table")
                yield Label(t(lang, "sum.weakest"), classes="section")
                yield Static(self._weakest(lang, main), id="weakest")
                yield Label(t(lang, "sum.next"), classes="section")
                yield Static(self._next(lang, main), id="practise-next")
                yield TimeSpent(time_report(attempts, budget.total_s if budget else None),
                                self.bank, lang, id="time-spent")
        yield KeysFooter()

    def _table(self, lang: str, attempts: list[AttemptRec]) -> Table:
        first = first_attempts(attempts)
        bank = self.bank
        table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
        table.add_column("#", no_wrap=True)
        table.add_column(t(lang, "sum.question"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(t(lang, "sum.kind"), no_wrap=True)
        table.add_column(t(lang, "sum.score"), justify="right", no_wrap=True)
        table.add_column(t(lang, "sum.time"), justify="right", no_wrap=True)
        for i, a in enumerate(attempts, 1):
            q = bank.questions.get(a.question_id) if bank else None
            prompt = q.prompt.get(lang).strip().splitlines()[0] if q else a.question_id
            time_s = format_clock(a.timing.answer_s)
            if a.timing.overtime_s > 0:
                time_s += f" (+{format_clock(a.timing.overtime_s)})"
            kind = attempt_kind(a, first)
            table.add_row(
                str(i), prompt, t(lang, f"sum.kind.{kind}"), score(a.result.score), time_s
            )
        return table

    def _weakest(self, lang: str, main: list[AttemptRec]) -> Text | Group:
        points = weakest_points([a.result for a in main], lang)
        if not points:
            return Text(t(lang, "sum.all_good"))
        lines: list[Wrapped] = []
        for p in points:
            head = Text(p.label, style="bold")
            head.append(f"  {t(lang, 'sum.missed_times', missed=p.missed, seen=p.seen)}")
            lines += [Wrapped(head, "• "), Wrapped(Text(p.tip, style="italic"), "  ")]
        return Group(*lines)

    def _next(self, lang: str, main: list[AttemptRec]) -> Group:
        """Questions to answer again (latest score under RETRY_BELOW), lowest first."""
        bank = self.bank
        latest: dict[str, AttemptRec] = {}
        for a in main:
            latest[a.question_id] = a
        weak = sorted(
            (a for a in latest.values() if a.result.score < RETRY_BELOW),
            key=lambda a: a.result.score,
        )
        lines = []
        for a in weak:
            q = bank.questions.get(a.question_id) if bank else None
            prompt = short(q.prompt.get(lang), PROMPT_CELLS) if q else a.question_id
            lines.append(t(lang, "sum.retry_q", prompt=prompt, score=score(a.result.score)))
        return bullets(lines or [t(lang, "sum.all_good")])
