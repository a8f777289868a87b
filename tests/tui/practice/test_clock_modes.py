"""The two ways to run a session, driven with the pilot on a fake clock: an interview (no
feedback until the report; the total time runs only while a question is on screen; at 0:00
the answer is submitted when auto-submit is on, and the candidate is told either way) and
practice (feedback after each answer, the total time paused while it is shown)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.rating_dialog import RatingDialog
from mockroom.tui.screens.summary import SummaryScreen
from mockroom.tui.widgets.budget_display import BudgetDisplay
from mockroom.tui.widgets.coverage_meter import CoverageMeter
from tests.helpers.tui_helpers import (
    AppFactory,
    FakeClock,
    at_start,
    choose,
    open_store,
    paste,
    practising,
    question_screen,
    rate,
    settle,
    submit,
)

INTRO = "I currently work as a support lead for a software vendor and have relevant experience."
OUTAGE = "First I restore service and roll back if needed, and update the customer every half hour."
BUDGET_S = 10 + 90 + 20 + 120
"""The test bank's two questions: prep and answer time each."""


def _settings(tmp_path: Path, **values: object) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"lang": "en", **values}))


def _notices(app: MockroomApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _text(widget: Static) -> str:
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def _answer(pilot: Pilot[None], clock: FakeClock, text: str, seconds: float) -> None:
    clock.advance(2)
    await paste(pilot, text)
    clock.advance(seconds)
    await submit(pilot)


async def test_an_interview_keeps_the_feedback_for_its_report(
    make: AppFactory, named: str, clock: FakeClock, tmp_path: Path
) -> None:
    _settings(tmp_path, last_mode="interview", live_meter=True)
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        q = question_screen(app)
        assert not q.query_one(CoverageMeter).display  # no live hints in an interview
        await _answer(pilot, clock, INTRO, 30)
        assert isinstance(app.screen, RatingDialog) and app.screen.scores_at_end
        clock.advance(300)  # deciding on a rating costs no interview time
        await rate(pilot, "4")
        q = question_screen(app)  # straight on: no feedback screen
        assert q.ask.question.id == "demo.outage"
        assert q.budget is not None and q.budget.remaining() == pytest.approx(BUDGET_S - 32)
        await _answer(pilot, clock, OUTAGE, 40)
        await rate(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Used 1:14 of 4:00" in _text(app.screen.query_one("#time-spent .time-table", Static))
        session = app.screen.practice.session_id
    stored = open_store(named)
    assert stored.get_session(session).mode == "interview"
    assert [a.self_rating for a in stored.attempts_for_session(session)] == [4, None]


@pytest.mark.parametrize("auto_submit", [True, False])
async def test_at_zero_the_answer_is_submitted_only_with_auto_submit_and_told_either_way(
    make: AppFactory, named: str, clock: FakeClock, tmp_path: Path, auto_submit: bool
) -> None:
    _settings(tmp_path, last_mode="interview", self_rating=False)
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        # With auto-submit on from the start, no question can outrun the budget (it is their
        # time added up): the first runs far over with it off, then it is switched.
        await _answer(pilot, clock, INTRO, 200)
        app.change_setting("auto_submit", auto_submit)
        q = question_screen(app)
        assert q.budget is not None and q.budget.remaining() == pytest.approx(38)
        clock.advance(10)
        await paste(pilot, OUTAGE)
        clock.advance(28.5)
        await pilot.pause(0.3)
        await settle(pilot)
        notices = _notices(app)
        if auto_submit:
            assert any("this answer was submitted" in n for n in notices)
            assert isinstance(app.screen, SummaryScreen)
        else:
            assert any("finish this answer" in n for n in notices)
            q = question_screen(app)  # still answering, the budget shown as over
            assert not q.submitting and q.query_one(BudgetDisplay).has_class("-out")
            clock.advance(5)
            await submit(pilot)
            assert isinstance(app.screen, SummaryScreen)  # the last question after all
        session = app.screen.practice.session_id
    answers = open_store(named).attempts_for_session(session)
    assert [a.question_id for a in answers] == ["demo.intro", "demo.outage"]
    assert answers[1].answer == OUTAGE


async def test_practice_pauses_the_budget_while_feedback_is_read(
    make: AppFactory, named: str, clock: FakeClock, tmp_path: Path
) -> None:
    _settings(tmp_path, self_rating=False)
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await _answer(pilot, clock, INTRO, 30)
        assert isinstance(app.screen, FeedbackScreen)
        shown = _text(app.screen.query_one(BudgetDisplay))
        assert "paused" in shown and "3:28" in shown
        clock.advance(600)  # reading the feedback, then a retry
        await pilot.press("r")
        await settle(pilot)
        q = question_screen(app)
        assert q.ask.kind == "retry" and "paused" in _text(q.query_one(BudgetDisplay))
        await _answer(pilot, clock, INTRO, 50)
        await pilot.press("n")
        await settle(pilot)
        q = question_screen(app)
        assert q.ask.question.id == "demo.outage"
        assert q.budget is not None and q.budget.remaining() == pytest.approx(BUDGET_S - 32)
        assert "Total left 3:28" in _text(q.query_one(BudgetDisplay))


async def test_the_summary_stays_after_the_session_is_closed(
    make: AppFactory, named: str, clock: FakeClock, tmp_path: Path
) -> None:
    """The closed session's claim is gone; the heartbeat must not take that for a take-over."""
    _settings(tmp_path, self_rating=False, last_count=1)
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await _answer(pilot, clock, INTRO, 30)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.flow is not None
        app.flow.heartbeat()
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert not any("took this session over" in n for n in _notices(app))


async def test_the_start_screen_remembers_the_last_choices(
    make: AppFactory, named: str, tmp_path: Path
) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        start = await at_start(pilot)
        assert start.mode == "practice"
        await choose(pilot, "mode", "interview")
        await choose(pilot, "count", 1)
        await settle(pilot)
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert (saved["last_mode"], saved["last_count"]) == ("interview", 1)
    again = make(named)
    async with again.run_test(size=(80, 24)) as pilot:
        start = await at_start(pilot)
        assert (start.mode, start.count, start.track) == ("interview", 1, "demo")
        assert "Like a real interview" in _text(start.query_one("#mode-hint"))
