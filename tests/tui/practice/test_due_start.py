"""Spaced repetition on the start screen and the question screen: what is due per track and
when the next is, read once the store is open; a due question shows, on ctrl+l, what its
last answer missed."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from textual.widgets import Static

from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer
from mockroom.store.records import AttemptTiming
from mockroom.store.repo import Store
from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.start import StartScreen
from tests.helpers.tui_helpers import (
    BANK,
    AppFactory,
    choose,
    footer_keys,
    settle,
    start_session,
)

WEAK_OUTAGE = "I would apologise to the customer."
GOOD_INTRO = (
    "I currently work as a support lead for a software vendor, and my experience with "
    "enterprise customers is relevant to this role because I handle escalations every week."
)


def answered_two_hours_ago(db_url: str) -> None:
    """A history: demo.outage answered badly (due again ten minutes later, so due now) and
    demo.intro well (due a day later: in 22 hours)."""
    then = datetime.now(UTC) - timedelta(hours=2)
    store = Store.open(db_url, clock=lambda: then)
    bank = load_bank([BANK], builtin=False)
    scorer = Scorer(bank)
    cand = store.get_candidate()
    assert cand is not None
    ids = ["demo.intro", "demo.outage"]
    s = store.start_session(cand.id, "demo", "practice", "en", ids, 240, True)
    timing = AttemptTiming(then, 3.0, 3.0, 40.0, 0.0)
    # Scores pinned to their review bands (Good: a day; Again: ten minutes), whatever the
    # scorer makes of the texts.
    for qid, text, score in (("demo.intro", GOOD_INTRO, 75.0), ("demo.outage", WEAK_OUTAGE, 20.0)):
        result = dataclasses.replace(scorer.score(bank.questions[qid], text), score=score)
        store.record_attempt(s.id, qid, "v1", "en", text, result, timing)
    store.finish_session(s.id)
    store.close()


def due_text(app: MockroomApp) -> str:
    screen = app.screen
    assert isinstance(screen, StartScreen)
    return str(screen.query_one("#due-lines", Static).content)


async def test_an_empty_history_says_what_will_come(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Nothing to review yet" in due_text(app)


async def test_due_counts_and_the_next_due_per_track(make: AppFactory, named: str) -> None:
    answered_two_hours_ago(named)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert due_text(app) == "demo: 1 due now · next in 22 h"
        await pilot.press("f2")
        await settle(pilot)
        assert due_text(app) == "demo：1 道到期，下一道22 小时后"


async def test_nothing_due_says_when_something_will_be(make: AppFactory, named: str) -> None:
    answered_two_hours_ago(named)
    store = Store.open(named)
    cand = store.get_candidate()
    assert cand is not None
    # Answer the due one well now: nothing is due until the intro, in 22 hours.
    s = store.start_session(cand.id, "demo", "due", "en", ["demo.outage"], 140, True)
    bank = load_bank([BANK], builtin=False)
    good = "First I restore service and roll back; I keep them updated; then a postmortem."
    result = Scorer(bank).score(bank.questions["demo.outage"], good)
    assert all(c.hit for c in result.criteria if c.required)
    store.record_attempt(s.id, "demo.outage", "v1", "en", good,
                         dataclasses.replace(result, score=95.0),  # Easy: days away
                         AttemptTiming(datetime.now(UTC), 1.0, 1.0, 30.0, 0.0))
    store.finish_session(s.id)
    store.close()
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert due_text(app) == "demo: nothing due · next in 22 h"
        await choose(pilot, "mode", "due")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)  # nothing started
        notices = [str(n.message) for n in app._notifications]
        assert "Nothing is due in this track: the next question is due in 22 h." in notices


async def test_a_due_question_shows_what_was_missed_last_time(
    make: AppFactory, named: str
) -> None:
    answered_two_hours_ago(named)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose(pilot, "mode", "due")
        q = await start_session(pilot)
        assert q.ask.question.id == "demo.outage"
        assert ("^l", "Last time") in footer_keys(app)
        pane = q.query_one("#last-time", Static)
        assert not pane.display  # only on request
        await pilot.press("ctrl+l")
        assert pane.display
        shown = str(pane.content)
        assert shown.startswith("Last time (2 h ago, score ")
        assert "• Missed Restores service first (required): Say how you get service back" in shown
        await pilot.press("ctrl+l")
        assert not pane.display
