"""Two attempts of the same question side by side: points won and lost, and the time used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Label, Select, Static

from mockroom.core.number_format import delta, score
from mockroom.core.timing import format_clock
from mockroom.store.compare import Comparison, compare
from mockroom.tui.review_render import day, question_title, signed
from mockroom.tui.screens.store_screen import Records, StoreScreen
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.store.records import AttemptRec, CoachReview
    from mockroom.store.repo import Store

PAIR_KEYS = Binding.Group("Attempts", compact=True)
PROMPT_CELLS = 50


@dataclass(frozen=True)
class Graded:
    attempt: AttemptRec
    review: CoachReview


class CompareScreen(StoreScreen):
    BINDINGS = [
        Binding("left_square_bracket", "shift(-1)", "Earlier pair", group=PAIR_KEYS),
        Binding("right_square_bracket", "shift(1)", "Later pair", group=PAIR_KEYS),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, records: Records, candidate_id: str, question_id: str,
        pair: tuple[int, int] | None = None,
    ) -> None:
        """`pair`: indexes of the two answers (oldest is 0); default the last two."""
        super().__init__(records)
        self.candidate_id = candidate_id
        self.question_id = question_id
        self.pair = pair
        self.answers: list[Graded] | None = None

    def on_mount(self) -> None:
        cid, qid = self.candidate_id, self.question_id

        def fetch(store: Store) -> list[Graded]:
            main = [a for a in store.attempts_for_question(cid, qid) if a.follow_up_of is None]
            return [Graded(a, store.coach_review(a.id)) for a in main]

        self.load(fetch, self._loaded, group="compare")

    def _loaded(self, answers: list[Graded]) -> None:
        self.answers = answers
        n = len(answers)
        if self.pair is None or not all(0 <= i < n for i in self.pair):
            self.pair = (max(n - 2, 0), max(n - 1, 0))
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        lang = self.lang
        title = question_title(self.bank, self.question_id, lang, PROMPT_CELLS)
        yield Header()
        yield Label(t(lang, "cmp.title", question=title), id="cmp-title", classes="heading top-bar")
        answers = self.answers
        if answers is None:
            yield Label(t(lang, "page.loading"), classes="muted")
        elif len(answers) < 2 or self.pair is None:
            yield Label(t(lang, "pr.compare_needs_two"), id="cmp-empty", classes="muted")
        else:
            options = [
                (t(lang, "cmp.pick", n=i + 1, day=day(g.attempt.created_at)[:10],
                    score=score(_final(g))), i)
                for i, g in enumerate(answers)
            ]
            first, second = self.pair
            with Horizontal(id="cmp-pick"):
                yield Label(t(lang, "cmp.first"))
                yield Select(options, value=first, allow_blank=False, id="cmp-first")
                yield Label(t(lang, "cmp.second"))
                yield Select(options, value=second, allow_blank=False, id="cmp-second")
            with VerticalScroll(id="cmp-body"):
                if first == second:
                    yield Label(t(lang, "cmp.same"), classes="error")
                else:
                    a, b = sorted((answers[first], answers[second]),
                                  key=lambda g: (g.attempt.created_at, g.attempt.id))
                    c = compare(a.attempt, b.attempt, a.review, b.review)
                    yield Static(self._summary(c), id="cmp-summary")
                    yield Static(self._points(c), id="cmp-points")
                    with Horizontal(id="cmp-answers"):
                        for side in (a, b):
                            with Vertical():
                                yield Label(
                                    f"{day(side.attempt.created_at)} · {score(_final(side))}",
                                    classes="section-top",
                                )
                                yield Static(side.attempt.answer, classes="answer")
        yield self.footer()

    def _summary(self, c: Comparison) -> str:
        lang = self.lang
        return "\n".join([
            t(lang, "cmp.score", first=score(c.first.score),
               second=score(c.second.score), delta=delta(c.score_delta)),
            t(lang, "cmp.time", first=format_clock(c.first.answer_s),
               second=format_clock(c.second.answer_s), delta=signed(c.time_delta_s, " s")),
            t(lang, "cmp.length", first=c.first.length, second=c.second.length),
        ])

    def _points(self, c: Comparison) -> Text:
        lang = self.lang
        theme = self.app.current_theme
        groups = [
            ("cmp.newly_hit", c.newly_hit, f"bold {theme.success}", "+"),
            ("cmp.lost", c.lost, f"bold {theme.error}", "−"),
            ("cmp.kept", c.kept, "", "✓"),
            ("cmp.still_missed", c.still_missed, theme.warning or "", "✗"),
            ("cmp.changed_rubric", (*c.only_first, *c.only_second), "dim", "·"),
        ]
        text = Text()
        for key, points, style, mark in groups:
            if not points:
                continue
            if text:
                text.append("\n")
            text.append(f"{t(lang, key)} ({len(points)})", style="bold")
            for p in points:
                text.append(f"\n  {mark} {c.label(p, lang)}", style=style)
        return text

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        if self.pair is None or not isinstance(event.value, int):
            return
        first, second = self.pair
        pair = (event.value, second) if event.select.id == "cmp-first" else (first, event.value)
        if pair != self.pair:
            self.pair = pair
            self.refresh(recompose=True)

    def action_shift(self, step: int) -> None:
        """Move both answers one attempt earlier or later."""
        if self.answers is None or self.pair is None:
            return
        pair = (self.pair[0] + step, self.pair[1] + step)
        if all(0 <= i < len(self.answers) for i in pair):
            self.pair = pair
            self.refresh(recompose=True)

    def action_back(self) -> None:
        self.dismiss()


def _final(g: Graded) -> float:
    coach = g.review.coach_score
    return g.attempt.auto_score if coach is None else coach
