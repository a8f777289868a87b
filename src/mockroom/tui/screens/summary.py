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

from mockroom.core.inert import inert
from mockroom.core.number_format import mean, score
from mockroom.core.timing import format_clock
from mockroom.practice.session import Practice
from mockroom.practice.time_report import time_report
from mockroom.store.session_record import mean_score, questions_of, unreviewed, weakest
from mockroom.tui.render import Wrapped, bullets, short
from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter
from mockroom.tui.widgets.time_spent import TimeSpent

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store.session_record import AnswerRecord, QuestionRecord

RETRY_BELOW = 70.0
"""Questions scoring under this are suggested for another go."""
PROMPT_CELLS = 50
BEST = "★"
"""Marks the attempt that is a question's result, when it has more than one."""


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
        # Counted as every other report counts a session (store/session_record.py).
        self.questions = questions_of(unreviewed(practice.results), bank)

    def compose(self) -> ComposeResult:
        lang, questions = self.lang, self.questions
        title = "sum.title_mock" if self.practice.mode in ("mock", "interview") else "sum.title"
        avg = mean_score(questions)
        yield Header()
        with VerticalScroll(id="summary"):
            with Horizontal(id="sum-top"):
                yield Label(t(lang, title), classes="heading")
                if avg is not None:
                    yield Label(t(lang, "sum.average", n=len(questions), score=mean(avg)),
                                id="average")
            budget = self.practice.budget
            if budget is not None and budget.exhausted:
                yield Label(t(lang, "sum.budget_out"), classes="muted")
            if not questions:
                yield Label(t(lang, "sum.none"))
            else:
                yield Static(self._table(lang, questions), id="sum-table")
                if any(len(q.attempts) > 1 for q in questions):
                    yield Label(t(lang, "sum.best_note", mark=BEST), classes="muted")
                yield Label(t(lang, "sum.weakest"), classes="section")
                yield Static(self._weakest(lang, questions), id="weakest")
                yield Label(t(lang, "sum.next"), classes="section")
                yield Static(self._next(lang, questions), id="practise-next")
                yield TimeSpent(time_report(self.practice.results,
                                            budget.total_s if budget else None),
                                self.bank, lang, id="time-spent")
        yield KeysFooter()

    def _table(self, lang: str, questions: tuple[QuestionRecord, ...]) -> Table:
        table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
        table.add_column("#", no_wrap=True)
        table.add_column(t(lang, "sum.question"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(t(lang, "sum.kind"), no_wrap=True)
        table.add_column(t(lang, "sum.score"), justify="right", no_wrap=True)
        table.add_column(t(lang, "sum.time"), justify="right", no_wrap=True)
        for q in questions:
            best = q.best if len(q.attempts) > 1 else None
            for a in q.answers:
                table.add_row(
                    str(q.number) if a.kind == "first" else "",
                    short(a.prompt.get(lang), PROMPT_CELLS),
                    t(lang, f"sum.kind.{a.kind}"),
                    score(a.score) + (f" {BEST}" if a is best else ""),
                    _time(a),
                )
        return table

    def _weakest(self, lang: str, questions: tuple[QuestionRecord, ...]) -> Text | Group:
        points = weakest(questions)
        if not points:
            return Text(t(lang, "sum.all_good"))
        lines: list[Wrapped] = []
        for p in points:
            c = p.call.criterion
            head = Text(inert(c.label(lang)), style="bold")
            head.append(f"  {t(lang, 'sum.missed_times', missed=p.missed, seen=p.seen)}")
            lines += [Wrapped(head, "• "), Wrapped(Text(inert(c.tip(lang)), style="italic"), "  ")]
        return Group(*lines)

    def _next(self, lang: str, questions: tuple[QuestionRecord, ...]) -> Group:
        """Questions to answer again (result under RETRY_BELOW), lowest first."""
        weak = sorted((q for q in questions if q.score < RETRY_BELOW), key=lambda q: q.score)
        lines = [
            t(lang, "sum.retry_q", prompt=short(q.prompt.get(lang), PROMPT_CELLS),
              score=score(q.score))
            for q in weak
        ]
        return bullets(lines or [t(lang, "sum.all_good")])


def _time(a: AnswerRecord) -> str:
    tm = a.attempt.timing
    shown = format_clock(tm.answer_s)
    if tm.overtime_s > 0:
        shown += f" (+{format_clock(tm.overtime_s)})"
    return shown
