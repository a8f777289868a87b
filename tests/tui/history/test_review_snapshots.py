"""Snapshots of the progress and review screens in both languages, at 80x24 and 100x30.

Review the report (`pytest --snapshot-report`) before ever running `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.helpers.tui_review_helpers import Page, progress, review, settle, show, transcript

SCREENS = {"progress": progress(), "review": review()}


def _open(page: Page) -> Callable[[Pilot[None]], object]:
    async def run(pilot: Pilot[None]) -> None:
        await show(pilot, page)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", ["progress", "review"])
def test_screens(snap_compare, make, screen: str, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make(lang), terminal_size=size, run_before=_open(SCREENS[screen]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_overview(snap_compare, make, lang: str) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await show(pilot, progress())
        await pilot.press("3")
        await settle(pilot)
        pilot.app.clear_notifications()

    assert snap_compare(make(lang), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_transcript(snap_compare, make, history, lang: str) -> None:
    sid = history.sessions["wang3"].id
    assert snap_compare(
        make(lang), terminal_size=(80, 24), run_before=_open(transcript(sid))
    )
