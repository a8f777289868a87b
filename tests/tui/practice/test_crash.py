"""A crash in any screen is an error with a non-zero exit status, never exit 0."""

from __future__ import annotations

import argparse

import pytest

from mockroom.cli import main as cli_main
from mockroom.tui.screens.progress import ProgressScreen
from tests.helpers.tui_helpers import AppFactory, settle


async def test_a_screen_that_raises_stops_the_app_with_status_1(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: ProgressScreen) -> None:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(ProgressScreen, "compose", broken)
    app = make(named)
    with pytest.raises(OverflowError):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
    assert app.return_code == 1


def test_the_command_exits_with_the_apps_status(monkeypatch: pytest.MonkeyPatch) -> None:
    class Crashed:
        return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setattr("mockroom.tui.app.make_app", lambda **kw: Crashed())
    args = argparse.Namespace(db=None, bank=[], lang=None)
    assert cli_main._run_app(args) == 1
