"""The first screen comes before the database: the start screen is drawn from the settings
and the bank, and the store is imported and opened in the background while it is read."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from mockroom.tui import later
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.store_work import StoreLine
from tests.helpers.tui_helpers import AppFactory, settle

LATER = [
    "sqlalchemy", "sqlmodel", "mockroom.store.repo", "mockroom.core.bank", "mockroom.core.scorer",
    "mockroom.practice.service", "mockroom.tui.screens.question", "mockroom.tui.screens.feedback",
    "mockroom.tui.screens.summary", "mockroom.tui.screens.progress", "mockroom.tui.screens.review",
    "mockroom.tui.practice_flow", "mockroom.tui.render", "mockroom.core.text",
]


def test_importing_the_app_loads_nothing_the_first_screen_does_not_need() -> None:
    code = (
        "import sys, mockroom.tui.app\n"
        f"print(sorted(m for m in {LATER!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_later_page_is_what_it_names() -> None:
    later.preload()
    names = {load.__name__: load().__name__ for load in later.PAGES}
    assert names == {
        "question_screen": "QuestionScreen", "rating_dialog": "RatingDialog",
        "feedback_screen": "FeedbackScreen", "summary_screen": "SummaryScreen",
        "quit_dialog": "QuitDialog", "progress_screen": "ProgressScreen",
        "review_screen": "ReviewScreen",
    }


async def test_start_before_the_store_is_open_waits_with_a_spinner(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mockroom.tui.boot as boot_module

    release = threading.Event()
    real_open = boot_module.open_store

    def slow_open(url: str | None) -> StoreLine:
        assert release.wait(30), "the test never let the store open"
        return real_open(url)

    monkeypatch.setattr(boot_module, "open_store", slow_open)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, StartScreen):
                break
            await pilot.pause(0.05)
        start = app.screen
        assert isinstance(start, StartScreen) and not start.ready and app.line is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert start.waiting and start.query_one("#start-wait").display
        assert app.screen is start  # waiting, not started
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert start.ready and not start.waiting


async def test_a_bank_that_cannot_load_is_said_in_place_of_the_start_screen(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockroom.tui.screens.boot_error import BootErrorScreen

    def broken(dirs: object, builtin: bool) -> object:
        raise RuntimeError("loader bug")

    monkeypatch.setattr(later, "load_bank", broken)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BootErrorScreen)
        assert "Cannot load the question bank: loader bug" in screen.error
        assert app.line is None  # nothing to practise: the store is not opened
