"""Snapshots of the main screens, in both languages, at 80x24 and at a larger size.

Review the report (`pytest --snapshot-report`) before ever running `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from mockroom.tui.screens.question import QuestionScreen
from tests.helpers.tui_helpers import (
    AppFactory,
    FakeClock,
    counted,
    paste,
    rate,
    settle,
    start_session,
    submit,
)

ANSWERS = {
    "en": "First I would restore service, and roll back if needed. I keep them updated every "
    "half hour. It was not the customer's fault.",
    "zh": "我会先恢复服务,必要时回滚,同时每半小时主动同步进展给客户的负责人,让他们心里有数。",
}

Step = Callable[[Pilot[None]], Awaitable[None]]


async def _quiet(pilot: Pilot[None]) -> None:
    """No toasts, counters up to date: only what the screen itself shows."""
    await settle(pilot)
    pilot.app.clear_notifications()
    screen = pilot.app.screen
    if isinstance(screen, QuestionScreen):
        await counted(pilot)
    await pilot.pause()


def _to_start() -> Step:
    async def run(pilot: Pilot[None]) -> None:
        await _quiet(pilot)

    return run


def _to_question(clock: FakeClock, lang: str) -> Step:
    async def run(pilot: Pilot[None]) -> None:
        await start_session(pilot)  # demo.intro first
        await pilot.press("ctrl+o")  # show the intent
        clock.advance(4)
        await paste(pilot, ANSWERS[lang][:40])
        clock.advance(12.5)
        await pilot.pause(0.3)
        await _quiet(pilot)

    return run


def _to_feedback(clock: FakeClock, lang: str) -> Step:
    async def run(pilot: Pilot[None]) -> None:
        await start_session(pilot)
        await submit(pilot, "I currently lead support.")
        await rate(pilot)  # skip
        await pilot.press("n")  # on to demo.outage, the one with rubric flags and a follow-up
        await settle(pilot)
        clock.advance(6)
        await paste(pilot, ANSWERS[lang])
        clock.advance(95)
        await submit(pilot)
        await rate(pilot, "3")  # the rating is stored, not shown: the screen is unchanged
        await _quiet(pilot)

    return run


def _to_summary(clock: FakeClock, lang: str) -> Step:
    feedback = _to_feedback(clock, lang)

    async def run(pilot: Pilot[None]) -> None:
        await feedback(pilot)
        await pilot.press("n")
        await _quiet(pilot)

    return run


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", ["start", "question", "feedback", "summary"])
def test_screens_at_80x24(
    snap_compare: Callable[..., bool],
    make: AppFactory,
    named: str,
    clock: FakeClock,
    lang: str,
    screen: str,
) -> None:
    steps = {
        "start": _to_start(),
        "question": _to_question(clock, lang),
        "feedback": _to_feedback(clock, lang),
        "summary": _to_summary(clock, lang),
    }
    app = make(named, lang=lang)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps[screen])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_feedback_scales_up(
    snap_compare: Callable[..., bool], make: AppFactory, named: str, clock: FakeClock, lang: str
) -> None:
    app = make(named, lang=lang)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_to_feedback(clock, lang))


def test_light_theme_question(
    snap_compare: Callable[..., bool], make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named, lang="en")
    app.cursor_blink = False
    question = _to_question(clock, "en")

    async def run(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await question(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)
