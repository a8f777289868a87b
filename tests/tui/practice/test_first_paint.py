"""The first screen before the bank: when the bank's last load listed its tracks and none of
its files changed since, the start screen is drawn from that listing and the bank is loaded
after the first paint, with the store (core/bank/listing.py, tui/boot.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.bank.listing import Listing
from mockroom.tui import later
from mockroom.tui.screens.boot_error import BootErrorScreen
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.widgets.choice_row import ChoiceRow
from tests.helpers.boot_helpers import another_versions_snapshot, hold_the_store
from tests.helpers.tui_helpers import BANK, AppFactory, settle, until

BANK_MODULES = ["pydantic", "yaml", "mockroom.core.models", "mockroom.core.bank.load"]


@pytest.fixture
def listed() -> Listing:
    """The test bank loaded once, through the cache: its listing is there for the next start."""
    bank = load_bank([BANK], builtin=False)
    return Listing(bank.tracks(), bank.problems)


def test_the_start_screen_is_drawn_before_the_bank_is_loaded(
    tmp_path: Path, listed: Listing
) -> None:
    code = f"""
import asyncio, sys
from pathlib import Path
from mockroom.tui.app import MockroomApp, make_app

mount = MockroomApp.on_mount
seen = []

def on_mount(self):
    seen.append((type(self.screen).__name__, self.screen.tracks,
                 sorted(m for m in {BANK_MODULES!r} if m in sys.modules)))
    mount(self)

MockroomApp.on_mount = on_mount

async def main():
    app = make_app(db_url=sys.argv[1], settings_path=Path(sys.argv[2]), bank_dirs=[Path(sys.argv[3])],
                   builtin_bank=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):  # the bank and the store come in the background
            if app.line is not None:
                break
            await pilot.pause(0.05)
    print(seen, app.bank is not None and app.bank.tracks())

asyncio.run(main())
"""
    out = subprocess.run(
        [sys.executable, "-c", code, f"sqlite:///{tmp_path / 'first.db'}",
         str(tmp_path / "settings.json"), str(BANK)],
        capture_output=True, text=True, check=True, env=dict(os.environ),
    )
    assert out.stdout.strip() == f"[('StartScreen', {listed.tracks!r}, [])] {listed.tracks!r}"


async def test_start_pressed_at_once_waits_for_the_bank_and_the_store(
    make: AppFactory, named: str, listed: Listing, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_the_store(monkeypatch)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen) and start.listing == listed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert start.waiting and start.query_one("#start-wait").display
        release.set()
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the question")
        assert app.bank is not None and app.listing == listed
        assert not start.waiting


async def test_the_start_screen_follows_the_bank_when_its_listing_was_another_versions(
    make: AppFactory, named: str, listed: Listing
) -> None:
    """A cache left by another version of the parser listed a track this one does not load."""
    another_versions_snapshot(Path(os.environ["MOCKROOM_HOME"]), "aardvark.q")
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: app.line is not None and start.tracks == listed.tracks,
                    "the loaded bank's tracks")
        assert start.track == listed.tracks[0]  # aardvark, first of the old list, is gone
        await settle(pilot)
        track = start.query_one("#track", ChoiceRow)
        assert track.value == listed.tracks[0]
        with pytest.raises(ValueError, match="aardvark"):
            track.value = "aardvark"  # no longer offered


async def test_a_bank_that_fails_after_the_first_screen_is_said_over_it(
    make: AppFactory, named: str, listed: Listing, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(dirs: object, builtin: bool) -> object:
        raise RuntimeError("loader bug")

    monkeypatch.setattr(later, "load_bank", broken)
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await until(pilot, lambda: isinstance(app.screen, BootErrorScreen), "the error")
        screen = app.screen
        assert isinstance(screen, BootErrorScreen)
        assert "Cannot load the question bank: loader bug" in screen.error
        assert app.line is None  # nothing to practise: the store is not opened
