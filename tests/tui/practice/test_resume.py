"""Drafts are saved while typing; a crash or a quit loses nothing; the next start resumes."""

from __future__ import annotations

from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.quit_dialog import QuitDialog
from mockroom.tui.screens.resume_dialog import ResumeDialog
from mockroom.tui.screens.start import StartScreen
from tests.helpers.tui_helpers import (
    AppFactory,
    FakeClock,
    footer_keys,
    open_store,
    paste,
    practising,
    question_screen,
    rate,
    settle,
    submit,
)

DRAFT = "我会先恢复服务,然后主动同步进展"


async def _crash_mid_answer(make: AppFactory, db_url: str, clock: FakeClock) -> str:
    """Start a session, type, let the autosave run, then vanish without quitting."""
    app = make(db_url)
    async with practising(app, size=(80, 24)) as pilot:
        clock.advance(3)
        await paste(pilot, DRAFT)
        clock.advance(20)
        assert app.practice is not None
        session_id = app.practice.session_id
        store = open_store(db_url)
        for _ in range(60):  # the clock alone is saved every 2 s: wait for that save
            await pilot.pause(0.1)
            draft = store.load_draft(session_id)
            if draft is not None and draft.clock["clock"]["elapsed"] == 23:
                break
        await settle(pilot)
        # Leaving run_test without quitting is what a killed process looks like to the store.
    return session_id


async def test_draft_is_saved_while_typing(make: AppFactory, named: str, clock: FakeClock) -> None:
    session_id = await _crash_mid_answer(make, named, clock)
    draft = open_store(named).load_draft(session_id)
    assert draft is not None
    assert draft.text == DRAFT and draft.question_id == "demo.intro"
    assert draft.clock["clock"]["first_key"] == 3
    assert draft.clock["clock"]["elapsed"] == 23
    assert draft.clock["ask"] == {"question": "demo.intro", "kind": "main", "criterion": None,
                                  "parent": None}


async def test_resume_after_a_crash_restores_draft_and_clock(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    session_id = await _crash_mid_answer(make, named, clock)
    clock.advance(3600)  # time while the app was closed does not count
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeDialog)
        # Its own keys and the app's that work over it, not the start screen's:
        assert footer_keys(app) == [("y", "Resume"), ("n", "Discard"), ("^q", "Quit"), ("f2", "中/En")]
        await pilot.press("y")
        await settle(pilot)
        q = question_screen(app)
        assert q.editor.text == DRAFT
        view = q.clock.view()
        assert view.phase == "answer" and view.remaining_s == 90 - 20
        assert app.practice is not None and app.practice.session_id == session_id
        clock.advance(5)
        await submit(pilot)
        await rate(pilot)
        assert isinstance(app.screen, FeedbackScreen)
    store = open_store(named)
    [attempt] = store.attempts_for_session(session_id)
    assert attempt.answer == DRAFT
    assert attempt.timing.first_key_s == 3 and attempt.timing.answer_s == 25
    assert store.load_draft(session_id) is None


async def test_discarding_the_unfinished_session(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    session_id = await _crash_mid_answer(make, named, clock)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    store = open_store(named)
    assert store.get_session(session_id).state == "abandoned"
    cand = store.get_candidate()
    assert cand is not None and store.unfinished_session(cand.id) is None


async def test_resume_between_questions_goes_to_the_next_one(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await submit(pilot, "I currently lead support.")
        await rate(pilot)
        assert isinstance(app.screen, FeedbackScreen)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeDialog)
        assert (app.screen.done, app.screen.total) == (1, 2)
        await pilot.press("y")
        await settle(pilot)
        assert question_screen(app).ask.question.id == "demo.outage"


async def test_quit_mid_question_asks_and_keeps_the_draft(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await paste(pilot, "half an answer")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitDialog)
        assert footer_keys(app) == [
            ("y", "Quit"), ("n", "Keep answering"), ("^q", "Quit"), ("f2", "中/En")
        ]
        await pilot.press("n")  # changed my mind
        question_screen(app)
        await paste(pilot, ", and more")
        await pilot.press("ctrl+q")
        await pilot.press("y")
        await settle(pilot)
        assert app.practice is not None
        session_id = app.practice.session_id
    assert app.return_code == 0
    draft = open_store(named).load_draft(session_id)
    assert draft is not None and draft.text == "half an answer, and more"


async def test_ctrl_q_twice_quits_and_keeps_the_draft(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await paste(pilot, "typed just now")
        await pilot.press("ctrl+q", "ctrl+q")  # the reflex: the second one answers the dialog
        await settle(pilot)
        assert app.practice is not None
        session_id = app.practice.session_id
    assert app.return_code == 0
    draft = open_store(named).load_draft(session_id)
    assert draft is not None and draft.text == "typed just now"


async def test_quit_outside_a_question_does_not_ask(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
