"""The progress and review screens open from the start screen with their keys, never mid-question."""

from __future__ import annotations

from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.screens.review import ReviewScreen
from mockroom.tui.screens.start import StartScreen
from tests.helpers.tui_helpers import AppFactory, practising, question_screen, settle


async def test_f4_and_f5_open_progress_and_review_and_escape_returns(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        for key, screen in (("f4", ProgressScreen), ("f5", ReviewScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, StartScreen)


async def test_progress_does_not_open_over_a_running_question(make: AppFactory, named: str) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        q = question_screen(app)
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is q
