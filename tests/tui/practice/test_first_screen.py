"""The first screen comes before the database: the start screen is drawn from the settings
and the bank, and the store is imported and opened in the background while it is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mockroom.tui import later
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen
from tests.helpers.boot_helpers import hold_the_store
from tests.helpers.tui_helpers import AppFactory, settle

LATER = [
    "sqlalchemy", "sqlmodel", "mockroom.store", "mockroom.core.bank.load", "mockroom.core.scorer",
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


AFTER_PAINT = ["sqlalchemy", "sqlmodel", "alembic", "mockroom.store.repo", "mockroom.core.scorer",
               "rapidfuzz", "mockroom.practice.service"]
"""Imported by the boot worker, which starts once the first screen is painted."""


def test_the_first_screen_is_up_before_the_store_and_the_scorer_are_imported(
    tmp_path: Path,
) -> None:
    """Checked when the app mounts, with the start screen composed: the boot worker that
    imports and opens the store is only scheduled there, to run after the first paint."""
    code = f"""
import asyncio, sys
from pathlib import Path
from mockroom.tui.app import MockroomApp, make_app
from mockroom.tui.screens.start import StartScreen

mount = MockroomApp.on_mount
seen = []

def on_mount(self):
    seen.append((type(self.screen).__name__,
                 sorted(m for m in {AFTER_PAINT!r} if m in sys.modules)))
    mount(self)

MockroomApp.on_mount = on_mount

async def main():
    app = make_app(db_url=sys.argv[1], settings_path=Path(sys.argv[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):  # the store opens in the background
            if app.line is not None:
                break
            await pilot.pause(0.05)
    print(seen, "sqlalchemy" in sys.modules)

asyncio.run(main())
"""
    env = {**os.environ, "MOCKROOM_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code, f"sqlite:///{tmp_path / 'first.db'}",
         str(tmp_path / "settings.json")],
        capture_output=True, text=True, check=True, env=env,
    )
    assert out.stdout.strip() == "[('StartScreen', [])] True"  # the store came after


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
    release = hold_the_store(monkeypatch)
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
