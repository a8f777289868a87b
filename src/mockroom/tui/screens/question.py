"""One question: the prompt, the clock and the session's total time, the editor and the
live counters; on request, what the question's last answer missed.

The clock rules are core/timing's: the screen shows the question clock and the budget, and
submits when either says the answer is due."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Header, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from mockroom.config.settings import Settings
from mockroom.core.timing import AttemptTimes
from mockroom.practice.ask import Ask
from mockroom.practice.service import Turn, draft_state
from mockroom.tui.due_text import last_time_text
from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t, track_name
from mockroom.tui.widgets.budget_display import BudgetDisplay
from mockroom.tui.widgets.clock_display import ClockDisplay
from mockroom.tui.widgets.coverage_meter import CoverageMeter
from mockroom.tui.widgets.keys_footer import KeysFooter
from mockroom.tui.widgets.length_counter import LengthCounter

if TYPE_CHECKING:
    from mockroom.core.result import ScoreResult
    from mockroom.core.timing import Budget
    from mockroom.practice.last_time import LastTime

TICK_S = 0.2
"""Clock redraw period; the time shown is read from the monotonic clock, never counted."""
AUTOSAVE_S = 1.0
"""How often a changed draft is saved (the promise is at most 2 s of typing lost)."""
IDLE_SAVE_S = 2.0
"""Save the clock this often even when the text has not changed, so a resume restores it."""
SCORE_EVERY_S = 0.3
"""While the draft changes, it is scored (in a thread) at most this often, for the length
counter and the live meter: the scorer's own count, so the counter always agrees with it."""


class QuestionScreen(Page[None]):
    ANSWERING = True
    BINDINGS = [
        # Not a priority binding: the key then queues behind the keys typed before it, so
        # the editor has every character when the answer is read.
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+g", "answer_now", "Answer now"),
        Binding("ctrl+o", "toggle_intent", "Intent"),
        Binding("ctrl+l", "toggle_last_time", "Last time"),
    ]
    HIDDEN_PANES: ClassVar[tuple[str, ...]] = ("intent", "last-time")

    last_time: reactive[LastTime | None] = reactive(None, init=False)
    """What this question's last answer missed (read after the screen is shown; None: not
    answered before, or not to be shown, as in an interview)."""

    @dataclass
    class Submitted(Message):
        """The candidate submitted an answer: the app scores and stores it."""

        screen: QuestionScreen
        ask: Ask
        text: str
        times: AttemptTimes
        shown_at: datetime

        @property
        def control(self) -> QuestionScreen:
            return self.screen

    @dataclass
    class DraftChanged(Message):
        """The draft to keep (every second while it changes, every 2 s anyway)."""

        ask: Ask
        text: str
        state: dict[str, Any]

    def __init__(
        self,
        turn: Turn,
        *,
        position: tuple[int, int] | None = None,
        budget: Budget | None = None,
        feedback: bool = True,
        last_time: LastTime | None = None,
        score: Callable[[Ask, str], ScoreResult],
        monotonic: Callable[[], float] = time.monotonic,
        cursor_blink: bool = True,
    ) -> None:
        """`score` scores a draft (in a thread) for the length counter and the live meter;
        `budget` is the session's total time, shown beside the clock; without `feedback`
        (an interview) the live meter stays hidden, whatever the setting."""
        super().__init__()
        self.ask = turn.ask
        self.clock = turn.clock
        self.position = position
        self.budget = budget
        self.score = score
        self.monotonic = monotonic
        self.cursor_blink = cursor_blink
        self.shown_at = turn.shown_at or datetime.now(UTC)
        self.initial_text = turn.text
        self.feedback = feedback
        self.set_reactive(QuestionScreen.last_time, last_time)
        self.settings = Settings()
        self.watch(self.app, "settings", self._follow_settings, init=True)
        self.shown_panes: set[str] = set()
        """Which of HIDDEN_PANES the candidate has opened."""
        self._budget_told = False
        self.submitting = False
        self._saved_text: str | None = None
        self._last_save = 0.0
        self._version = 0
        """Bumped on every edit; a scoring result is shown only for the version it scored."""
        self._scored_version = -1
        self._scoring = False
        self._last_scoring = 0.0
        self._score_every = SCORE_EVERY_S
        self._relabelling = False
        self._answering_shown = self.clock.answering

    @property
    def editor(self) -> TextArea:
        return self.query_one("#answer", TextArea)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="q-bar"):
            yield Label(self._where(lang), id="q-where")
            yield BudgetDisplay(id="q-budget")
            yield ClockDisplay(id="clock")
        with VerticalScroll(id="q-prompt"):
            yield Static(self.ask.prompt.get(lang), id="prompt")
            yield Static(
                t(lang, "q.intent", intent=self.ask.question.intent.get(lang)), id="intent"
            )
            yield Static(self._last_time_text(), id="last-time")
        editor = TextArea(
            self.initial_text,
            id="answer",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=t(lang, "q.placeholder_now" if self.clock.answering else "q.placeholder"),
            highlight_cursor_line=False,
        )
        editor.cursor_blink = self.cursor_blink
        yield editor
        with Horizontal(id="q-status"):
            yield LengthCounter(id="count")
            yield CoverageMeter(id="meter")
            yield Label("", id="q-state")
        yield KeysFooter()

    def _where(self, lang: str) -> str:
        parts = [track_name(lang, self.ask.question.track)]
        if self.position:
            parts.append(t(lang, "q.progress", n=self.position[0], total=self.position[1]))
        if self.ask.kind != "main":
            parts.append(t(lang, f"q.{self.ask.kind}"))
        return " · ".join(parts)

    def _last_time_text(self) -> str:
        last = self.last_time
        return last_time_text(self.lang, last, datetime.now(UTC)) if last else ""

    def _show_panes(self) -> None:
        for pane in self.HIDDEN_PANES:
            self.query_one(f"#{pane}").display = pane in self.shown_panes

    def watch_last_time(self) -> None:
        self.query_one("#last-time", Static).update(self._last_time_text())
        self.refresh_bindings()  # ctrl+l shows in the footer once there is something to show

    def on_mount(self) -> None:
        self._show_panes()
        self._refresh_meter_visibility()
        self.editor.focus()
        self.editor.move_cursor(self.editor.document.end)
        self._tick()
        self.set_interval(TICK_S, self._tick)
        self.set_interval(AUTOSAVE_S, self._autosave)

    def relabel(self) -> None:
        """Recompose in the new language, keeping the draft, the cursor and the meter."""
        self.initial_text = self.editor.text
        cursor = self.editor.cursor_location
        self._relabelling = True  # the widgets are being replaced: timers must wait
        self.refresh(recompose=True)
        self.call_after_refresh(self._after_relabel, cursor)

    def _after_relabel(self, cursor: tuple[int, int]) -> None:
        self._relabelling = False
        self._show_panes()
        self._refresh_meter_visibility()
        self.editor.focus()
        self.editor.cursor_location = cursor
        self._scored_version = -1  # redraw the counter in the new language
        self._tick()

    def _refresh_meter_visibility(self) -> None:
        self.query_one(CoverageMeter).display = self.feedback and self.settings.live_meter

    # -- typing and the clock ---------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _typed(self) -> None:
        if self.submitting:
            return
        was_answering = self.clock.answering
        self.clock.key()
        self._version += 1
        if not was_answering:
            self.refresh_bindings()  # "Answer now" leaves the footer

    def _tick(self) -> None:
        if not self.is_attached or self._relabelling:
            return
        lang = self.lang
        settings = self.settings
        view = self.clock.view()
        if self.clock.answering != self._answering_shown:
            self._answering_shown = self.clock.answering
            self.refresh_bindings()  # prep ran out: "Answer now" leaves the footer
        self.query_one(ClockDisplay).show(view, lang, settings.clock_on)
        self._tick_budget()
        now = time.monotonic()
        if (
            self._version != self._scored_version
            and not self._scoring
            and now - self._last_scoring >= self._score_every
        ):
            text = self.editor.text
            self._scoring = True
            self._last_scoring = now
            # Long answers are scored less often: the thread competes with typing for the GIL.
            self._score_every = SCORE_EVERY_S * max(1.0, len(text) / 1000)
            self._score_draft(text, self._version)
        if view.submit_due and not self.submitting:
            self.notify(t(lang, "q.auto_submitted"))
            self.submit(force=True)

    def _tick_budget(self) -> None:
        """Show the total time; when it runs out, say so (once), and submit if auto-submit is on."""
        display = self.query_one(BudgetDisplay)
        budget = self.budget
        shown = budget is not None and self.settings.clock_on
        if display.display != shown:
            display.display = shown
        if budget is None:
            return
        view = budget.view()
        display.show(view, self.lang)
        if not view.out or self._budget_told or not view.running:
            return
        self._budget_told = True  # told either way, even with the clock hidden
        if view.submit_due:
            self.notify(t(self.lang, "budget.submitted"), severity="warning", timeout=8)
            self.submit(force=True)
        else:
            self.notify(t(self.lang, "budget.finish"), severity="warning", timeout=10)

    @property
    def counters_current(self) -> bool:
        """True when the length counter and meter show the draft as it is now."""
        return self._scored_version == self._version

    def _score_draft(self, text: str, version: int) -> Worker[tuple[ScoreResult, int]]:
        ask, score = self.ask, self.score
        return self.run_worker(
            lambda: (score(ask, text), version), thread=True, group="draft-score",
            exit_on_error=False,  # a failed draft score only leaves the counters as they were
        )

    @on(Worker.StateChanged)
    def _draft_scored(self, event: Worker.StateChanged) -> None:
        """A draft was scored in the background: update the counters (unless that failed)."""
        if event.worker.group != "draft-score" or not event.worker.is_finished:
            return
        self._scoring = False  # so the next version is scored, whatever became of this one
        scored = event.worker.result
        if event.state != WorkerState.SUCCESS or scored is None:
            return
        if not self.is_attached or self._relabelling:
            return
        result, version = scored
        self._scored_version = version
        self.query_one(LengthCounter).show(self.lang, result)
        hit = sum(1 for c in result.criteria if c.hit)
        self.query_one(CoverageMeter).show(self.lang, hit, len(result.criteria))

    def _follow_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.clock.auto_submit = settings.auto_submit
        if self.is_mounted:
            self._refresh_meter_visibility()
            self._tick()

    # -- drafts ------------------------------------------------------------------------------

    def draft(self) -> QuestionScreen.DraftChanged:
        """The draft as it is now, with what a resume needs besides the text."""
        state = draft_state(self.ask, self.clock, self.shown_at)
        return self.DraftChanged(self.ask, self.editor.text, state)

    def _autosave(self) -> None:
        if self.submitting or self._relabelling:
            return
        text = self.editor.text
        now = time.monotonic()
        if text != self._saved_text or now - self._last_save >= IDLE_SAVE_S:
            self._saved_text = text
            self._last_save = now
            self.post_message(self.draft())

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer_now":
            return not self.clock.answering
        if action == "submit":
            return not self.submitting
        if action == "toggle_last_time":
            return self.last_time is not None
        return True

    def action_answer_now(self) -> None:
        self.clock.start_answer()
        self.editor.focus()
        self.refresh_bindings()
        self._tick()

    def action_toggle_intent(self) -> None:
        self._toggle_pane("intent")

    def action_toggle_last_time(self) -> None:
        if self.last_time is not None:
            self._toggle_pane("last-time")

    def _toggle_pane(self, pane: str) -> None:
        self.shown_panes ^= {pane}
        self._show_panes()

    def action_submit(self) -> None:
        self.submit(force=False)

    def submit(self, *, force: bool) -> None:
        """Hand the answer to the app, which scores and stores it before showing feedback."""
        text = self.editor.text
        lang = self.lang
        if not text.strip() and not force:
            self.notify(t(lang, "q.empty"), severity="warning")
            return
        self.submitting = True
        self.editor.read_only = True
        self.query_one("#q-state", Label).update(t(lang, "q.saving"))
        self.refresh_bindings()
        self.post_message(self.Submitted(self, self.ask, text, self.clock.stop(), self.shown_at))

    def submit_failed(self, error: str) -> None:
        """The store refused the attempt: keep the draft and let the candidate try again."""
        self.submitting = False
        self.clock.restart()  # the same clock: the budget goes on counting it
        self.clock.auto_submit = False  # or it would submit again at once
        self.editor.read_only = False
        self.query_one("#q-state", Label).update(t(self.lang, "q.save_failed", error=error))
        self.refresh_bindings()
