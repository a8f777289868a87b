"""The score of one attempt and the evidence behind it, then the follow-up.

The session's total time is shown paused here: reading feedback costs none of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Header, Label, Static

from mockroom.config.settings import Settings
from mockroom.core.answer_pace import answer_pace
from mockroom.core.number_format import score
from mockroom.core.report import MARKS
from mockroom.core.report import status as point_status
from mockroom.practice.ask import Ask
from mockroom.tui.render import (
    SpanKind,
    Wrapped,
    answer_spans,
    bullets,
    evidence,
    flag_lines,
    highlight,
    missed_tips,
    timing_line,
)
from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t
from mockroom.tui.widgets.budget_display import BudgetDisplay
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from mockroom.core.models import FollowUp
    from mockroom.core.timing import Budget
    from mockroom.store import AttemptRec


class FeedbackScreen(Page[None]):
    BINDINGS = [
        Binding("n", "next", "Next"),
        Binding("f", "follow_up", "Follow-up"),
        Binding("r", "retry", "Retry"),
        Binding("o", "outline", "Outline"),
    ]

    class Next(Message):
        """On to the next question (or the summary)."""

    @dataclass
    class Retry(Message):
        attempt: AttemptRec
        ask: Ask

    @dataclass
    class AskFollowUp(Message):
        attempt: AttemptRec
        ask: Ask
        follow_up: FollowUp

    def __init__(
        self,
        attempt: AttemptRec,
        ask: Ask,
        *,
        previous: AttemptRec | None = None,
        follow_up: FollowUp | None = None,
        budget: Budget | None = None,
    ) -> None:
        super().__init__()
        self.budget = budget
        self.clock_on = True
        self.watch(self.app, "settings", self._follow_settings, init=True)
        self.attempt = attempt
        self.ask = ask
        self.previous = previous
        self.follow_up = follow_up
        self.show_outline = False

    def compose(self) -> ComposeResult:
        lang = self.lang
        a = self.attempt
        r = a.result
        yield Header()
        with VerticalScroll(id="feedback"):
            with Horizontal(id="fb-top"):
                yield Label(t(lang, "fb.score", score=score(r.score)), id="score",
                            classes=_score_class(r.score))
                yield Static(Wrapped(self.ask.prompt.get(lang)), id="fb-prompt")
                if self.budget is not None:
                    budget = BudgetDisplay(id="fb-budget")
                    budget.show(self.budget.view(), lang)
                    budget.display = self.clock_on
                    yield budget
            if self.previous is not None:
                yield Label(t(lang, "fb.compare"), classes="section")
                yield Static(self._compare_table(lang), id="compare")
                with Horizontal(id="compare-answers"):
                    with Vertical():
                        yield Label(t(lang, "fb.before", score=score(self.previous.result.score)))
                        yield Static(self._answer(self.previous), classes="answer")
                    with Vertical():
                        yield Label(t(lang, "fb.now", score=score(r.score)))
                        yield Static(self._answer(a), classes="answer")
            else:
                yield Label(t(lang, "fb.points"), classes="section")
                yield Static(self._criteria_table(lang), id="criteria")
            flags = flag_lines(r, lang)
            if flags:
                yield Label(t(lang, "fb.flags"), classes="section")
                yield Static(bullets(flags), id="flags")
            if self.previous is None:
                yield Label(t(lang, "fb.answer"), classes="section")
                yield Static(self._answer(a), id="answer-view", classes="answer")
            tips = missed_tips(r, lang)
            if tips:
                yield Label(t(lang, "fb.tips"), classes="section")
                yield Static(self._tips_text(tips, lang), id="tips")
            yield Label(t(lang, "fb.outline"), classes="section")
            if self.show_outline:
                outline = self.ask.question.outline.get(lang)
                yield Static(bullets(outline), id="outline")
            else:
                yield Static(t(lang, "fb.outline_hint"), id="outline-hint", classes="muted")
            yield Label(t(lang, "fb.timing"), classes="section")
            tm = a.timing
            yield Static(
                timing_line(lang, tm.first_key_s, tm.answer_s, tm.overtime_s,
                            answer_pace(a.result, tm.answer_s)),
                id="timing",
            )
            if self.follow_up is not None:
                yield Static(
                    Wrapped(t(lang, "fb.follow_up", prompt=self.follow_up.prompt.get(lang))),
                    id="follow-up",
                )
                yield Static(t(lang, "fb.follow_up_keys"), classes="muted")
        yield KeysFooter()

    def _follow_settings(self, settings: Settings) -> None:
        self.clock_on = settings.clock_on
        if self.is_mounted and self.budget is not None:
            self.query_one(BudgetDisplay).display = self.clock_on

    def _status_styles(self) -> dict[str, str]:
        """Theme colours, so the marks read well in light and dark themes."""
        theme = self.app.current_theme
        return {
            "hit": f"bold {theme.success}",
            "missed": f"bold {theme.error}",
            "negated": f"bold {theme.warning}",
        }

    def _criteria_table(self, lang: str) -> Table:
        styles = self._status_styles()
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(ratio=1)
        for c in self.attempt.result.criteria:
            status = point_status(c)
            found = evidence(c)
            table.add_row(
                Text(MARKS[status], style=styles[status]),
                Text(t(lang, f"fb.{status}"), style=styles[status]),
                Wrapped(c.label(lang) + (" *" if c.required else "")),
                Wrapped(Text(t(lang, "fb.matched", phrase=found), style="italic")) if found else "",
            )
        return table

    def _compare_table(self, lang: str) -> Table:
        assert self.previous is not None
        styles = self._status_styles()
        before = {c.key: point_status(c) for c in self.previous.result.criteria}
        table = Table.grid(padding=(0, 2))
        table.add_column(ratio=1)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_row(
            "",
            Text(t(lang, "fb.before", score=score(self.previous.result.score)), style="bold"),
            Text(t(lang, "fb.now", score=score(self.attempt.result.score)), style="bold"),
        )
        for c in self.attempt.result.criteria:
            was = before.get(c.key, "missed")
            now = point_status(c)
            table.add_row(
                Wrapped(c.label(lang)),
                Text(f"{MARKS[was]} {t(lang, f'fb.{was}')}", style=styles[was]),
                Text(f"{MARKS[now]} {t(lang, f'fb.{now}')}", style=styles[now]),
            )
        return table

    def _answer(self, attempt: AttemptRec) -> Wrapped:
        theme = self.app.current_theme
        styles: dict[SpanKind, str] = {
            "hit": f"bold underline {theme.success}",
            "negated": f"strike {theme.warning}",
            "flag": f"bold reverse {theme.error}",
        }
        spans = answer_spans(attempt.result, len(attempt.answer))
        return Wrapped(highlight(attempt.answer, spans, styles))

    @staticmethod
    def _tips_text(tips: list[tuple[str, str]], lang: str) -> Group:
        colon = "：" if lang == "zh" else ": "
        items = []
        for label, tip in tips:
            item = Text(f"{label}{colon}", style="bold")
            item.append(tip)
            items.append(item)
        return bullets(items)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_up":
            return self.follow_up is not None
        if action == "retry":
            return self.ask.kind != "follow_up"
        return True

    def action_next(self) -> None:
        self.post_message(self.Next())

    def action_follow_up(self) -> None:
        if self.follow_up is not None:
            self.post_message(self.AskFollowUp(self.attempt, self.ask, self.follow_up))

    def action_retry(self) -> None:
        if self.ask.kind != "follow_up":
            self.post_message(self.Retry(self.attempt, self.ask))

    def action_outline(self) -> None:
        self.show_outline = not self.show_outline
        self.redraw_keeping_focus()


def _score_class(score: float) -> str:
    return "-good" if score >= 75 else "-fair" if score >= 50 else "-poor"

