"""A session open in another window: resuming it asks to take it over or only read it, and
the window that lost it stops saving (store/session_lock.py, tui/screens/taken_dialog.py)."""

from __future__ import annotations

from textual.pilot import Pilot

from mockroom.store.session_lock import new_holder
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.resume_dialog import ResumeDialog
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.screens.taken_dialog import TakenDialog
from mockroom.tui.screens.transcript import TranscriptScreen
from tests.helpers.tui_helpers import (
    AppFactory,
    FakeClock,
    open_store,
    paste,
    practising,
    settle,
    until,
)


async def _left_open(make: AppFactory, db_url: str, clock: FakeClock) -> str:
    """A session with a draft, then claimed by another (live) window."""
    app = make(db_url)
    async with practising(app, size=(80, 24)) as pilot:
        clock.advance(3)
        await paste(pilot, "我会先恢复服务")
        assert app.practice is not None
        session_id = app.practice.session_id
    assert open_store(db_url).session_holder(session_id) is None  # a closed app lets go
    assert open_store(db_url).claim_session(session_id, new_holder(), "laptop pid 42") is None
    return session_id


async def _resume_into_taken(pilot: Pilot[None]) -> TakenDialog:
    """Answer yes to resuming: the session is another window's, so the taken dialog asks."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, ResumeDialog), "the resume dialog")
    await pilot.press("y")
    await until(pilot, lambda: isinstance(app.screen, TakenDialog), "the taken dialog")
    assert isinstance(app.screen, TakenDialog)
    return app.screen


async def test_resume_of_a_session_open_elsewhere_offers_read_only(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    session_id = await _left_open(make, named, clock)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        taken = await _resume_into_taken(pilot)
        assert "laptop pid 42" in str(taken.lines())
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TranscriptScreen), "the transcript")
        assert app.practice is None
    holder = open_store(named).session_holder(session_id)
    assert holder is not None and holder.owner == "laptop pid 42"  # still the other window's


async def test_taking_over_resumes_and_the_other_window_is_refused(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    session_id = await _left_open(make, named, clock)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await _resume_into_taken(pilot)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the question")
        assert app.practice is not None and app.practice.session_id == session_id
        assert app.flow is not None
        holder = open_store(named).session_holder(session_id)
        assert holder is not None and holder.holder == app.flow.service.holder
        # Now the first window takes it back: this one learns it at its next heartbeat.
        open_store(named).claim_session(session_id, new_holder(), "laptop", take_over=True)
        app.flow.heartbeat()
        await settle(pilot)
        assert app.practice is None and isinstance(app.screen, StartScreen)
