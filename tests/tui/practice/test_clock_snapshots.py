"""Snapshots of what the review schedule adds to the start and question screens, in both
languages at 80x24: the due counts per track, and a due question's last answer on ctrl+l.

Review the report (`pytest --snapshot-report`) before ever running `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.helpers.tui_helpers import AppFactory, choose, settle, start_session
from tests.tui.practice.test_due_start import answered_two_hours_ago


async def _quiet(pilot: Pilot[None]) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def _start(pilot: Pilot[None]) -> None:
    await _quiet(pilot)


async def _last_time(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await choose(pilot, "mode", "due")
    await start_session(pilot)
    await pilot.press("ctrl+l")
    await _quiet(pilot)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", ["start-due", "question-last-time"])
def test_due_screens_at_80x24(
    snap_compare: Callable[..., bool], make: AppFactory, named: str, lang: str, screen: str
) -> None:
    answered_two_hours_ago(named)
    app = make(named, lang=lang)
    app.cursor_blink = False
    steps = {"start-due": _start, "question-last-time": _last_time}
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps[screen])
