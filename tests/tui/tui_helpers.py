"""Shared steps for pilot tests."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.question import QuestionScreen


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages be handled (twice: a result may start more work)."""
    app = pilot.app
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste text into the focused editor, as a terminal does (Chinese text included)."""
    app = pilot.app
    assert isinstance(app, MockroomApp)
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    app.post_message(events.Paste(text))  # the path a terminal paste takes
    await pilot.pause()


async def counted(pilot: Pilot[None]) -> None:
    """Wait until the question screen's counters show the current draft (scored in a thread)."""
    screen = question_screen(pilot.app)  # type: ignore[arg-type]
    for _ in range(100):
        if screen.counters_current:
            return
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
    raise AssertionError("the draft was never scored")


def question_screen(app: MockroomApp) -> QuestionScreen:
    screen = app.screen
    assert isinstance(screen, QuestionScreen), f"expected a question, got {screen!r}"
    return screen
