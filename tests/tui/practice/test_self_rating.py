"""The candidate rates their own answer after it is stored and before its score is shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.rating_dialog import RatingDialog
from tests.helpers.tui_helpers import (
    AppFactory,
    open_store,
    practising,
    question_screen,
    rate,
    settle,
    start_session,
    submit,
)

INTRO_ANSWER = "I currently work as a support lead for a software vendor and have relevant experience."
OUTAGE_ANSWER = "我会先恢复服务,必要时回滚,同时每半小时主动同步进展给客户的负责人,让他们心里有数。"


def _session_id(app: MockroomApp) -> str:
    assert app.practice is not None
    return app.practice.session_id


async def test_rating_is_asked_after_the_answer_is_stored_and_before_the_score(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        assert isinstance(app.screen, RatingDialog)
        store = open_store(named)
        # Already committed while the dialog is up: quitting now would lose only the rating.
        [stored] = store.attempts_for_session(_session_id(app))
        assert stored.self_rating is None
        await rate(pilot, "4")
        fb = app.screen
        assert isinstance(fb, FeedbackScreen)
        assert fb.attempt.self_rating == 4
        assert store.get_attempt(stored.id).self_rating == 4
        assert app.practice is not None and app.practice.results[-1].self_rating == 4
        # What the progress screen reads: the rating beside the score.
        assert store.get_candidate() is not None
        points, _bands = store.self_ratings(store.get_candidate().id)  # type: ignore[union-attr]
        assert [(p.rating, p.score) for p in points] == [(4, stored.result.score)]


@pytest.mark.parametrize("key", ["escape", "enter"])
async def test_skipping_stores_no_rating(make: AppFactory, named: str, key: str) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        await rate(pilot, key)
        assert isinstance(app.screen, FeedbackScreen)
        [stored] = open_store(named).attempts_for_session(_session_id(app))
        assert stored.self_rating is None


async def test_clicking_a_rating_button(make: AppFactory, named: str) -> None:
    app = make(named, lang="zh")
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        dialog = app.screen
        assert isinstance(dialog, RatingDialog)
        assert "你答得怎么样" in str(dialog.query_one(".dialog-title").render())
        await pilot.click("#rate-2")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        [stored] = open_store(named).attempts_for_session(_session_id(app))
        assert stored.self_rating == 2


async def test_follow_ups_are_not_rated(make: AppFactory, named: str) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        await rate(pilot, "5")
        await pilot.press("n")
        await settle(pilot)
        await submit(pilot, OUTAGE_ANSWER)  # misses the post-mortem: a follow-up is offered
        await rate(pilot, "2")
        await pilot.press("f")
        await settle(pilot)
        assert question_screen(app).ask.kind == "follow_up"
        await submit(pilot, "事后我会组织复盘,做根因分析,并落实改进措施。")
        assert isinstance(app.screen, FeedbackScreen)
        attempts = open_store(named).attempts_for_session(_session_id(app))
        assert [(a.question_id, a.follow_up_of is not None, a.self_rating) for a in attempts] == [
            ("demo.intro", False, 5),
            ("demo.outage", False, 2),
            ("demo.outage", True, None),
        ]


async def test_setting_off_from_the_palette_skips_the_dialog(
    make: AppFactory, named: str, tmp_path: Path
) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.settings.self_rating  # on by default
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"rate my own answers")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert not app.settings.self_rating
        await start_session(pilot)
        await submit(pilot, INTRO_ANSWER)
        assert isinstance(app.screen, FeedbackScreen)
        [stored] = open_store(named).attempts_for_session(_session_id(app))
        assert stored.self_rating is None
    assert json.loads((tmp_path / "settings.json").read_text())["self_rating"] is False


async def test_a_failed_rating_write_still_shows_the_feedback(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockroom.store import StoreError
    from mockroom.store.repo import Store

    def refuse(self: Store, attempt_id: str, rating: int | None) -> None:
        raise StoreError("database is locked")

    monkeypatch.setattr(Store, "set_self_rating", refuse)
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        await rate(pilot, "4")
        fb = app.screen
        assert isinstance(fb, FeedbackScreen)
        assert fb.attempt.self_rating is None
        assert any("database is locked" in n.message for n in app._notifications)


@pytest.mark.parametrize("command", ["back to the start screen", "show progress"])
async def test_the_palette_cannot_leave_the_rating_unanswered(
    make: AppFactory, named: str, command: str
) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, INTRO_ANSWER)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*command)
        await pilot.pause(0.5)
        await pilot.press("enter")  # no such command here: nothing runs
        await settle(pilot)
        await pilot.press("escape")  # close the palette
        await settle(pilot)
        await rate(pilot, "3")
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.self_rating == 3
