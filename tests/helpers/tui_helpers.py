"""Shared steps for pilot tests."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from mockroom.store.repo import Store
from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.rating_dialog import RatingDialog
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.widgets.choice_row import ChoiceRow

BANK = Path(__file__).resolve().parent.parent / "data" / "tui" / "bank"
BROKEN_BANK = BANK.parent / "broken_bank"
AppFactory = Callable[..., MockroomApp]


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def open_store(db_url: str) -> Store:
    return Store.open(db_url)


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages be handled (a few rounds: a result may start more
    work). Enough for one step; when a test waits for a chain of steps, use `until`."""
    app = pilot.app
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def until(
    pilot: Pilot[None], done: Callable[[], bool], what: str, timeout: float = 20
) -> None:
    """Settle until `done()` holds: a loaded machine may need more rounds than `settle` gives.
    Fails naming `what` and the screen on top if it never does."""
    end = time.monotonic() + timeout
    while True:
        await settle(pilot)
        if done():
            return
        if time.monotonic() > end:
            screen = pilot.app.screen
            raise AssertionError(f"waited {timeout} s for {what}; the screen is {screen!r}")
        await pilot.pause(0.05)


async def at_start(pilot: Pilot[None]) -> StartScreen:
    """Let the app boot (or the last step settle) and return the start screen, which must be
    the screen on top."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StartScreen), f"expected the start screen, got {screen!r}"
    return screen


async def choose(pilot: Pilot[None], choice: str, value: object) -> None:
    """On the start screen, as a person would: tab to the row of choices `#choice`, then move
    to `value` with the arrow keys."""
    app = pilot.app
    for _ in range(len(app.screen.focus_chain)):
        if app.focused is not None and app.focused.id == choice:
            break
        await pilot.press("tab")
    row = app.screen.query_one(f"#{choice}", ChoiceRow)
    assert app.focused is row, f"tab never reached #{choice}"
    values = [v for _, v in row.options]
    step = values.index(value) - values.index(row.value)
    await pilot.press(*["right" if step > 0 else "left"] * abs(step))
    assert row.value == value


async def start_session(pilot: Pilot[None]) -> QuestionScreen:
    """On the start screen, once the app has booted, press ctrl+s (start with the choices shown)
    and wait for the first question, which is returned."""
    await at_start(pilot)
    app = pilot.app
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the first question")
    return question_screen(app)  # type: ignore[arg-type]


@asynccontextmanager
async def practising(
    app: MockroomApp, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[Pilot[None]]:
    """Run the app and start a session with the start screen's choices: the pilot is handed
    over with the first question on screen. Leaving the block without quitting is what a
    killed process looks like to the store, as with `run_test`."""
    async with app.run_test(size=size) as pilot:
        await start_session(pilot)
        yield pilot


async def submit(pilot: Pilot[None], answer: str | None = None) -> None:
    """Paste `answer` when given, then press ctrl+s and let the scoring and storing settle
    (the rating dialog, the feedback or the next question follows, as the session says)."""
    if answer is not None:
        await paste(pilot, answer)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def rate(pilot: Pilot[None], key: str = "escape") -> None:
    """Answer the self-rating dialog that a submitted answer brings up (escape skips)."""
    screen = pilot.app.screen
    assert isinstance(screen, RatingDialog), f"expected the rating dialog, got {screen!r}"
    await pilot.press(key)
    await settle(pilot)


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


def footer_keys(app: MockroomApp) -> list[tuple[str, str]]:
    """(key, description) of the keys the current screen's footer shows, in its language
    (like the footer, one key per action: the first bound)."""
    shown: dict[str, tuple[str, str]] = {}
    for a in app.screen.active_bindings.values():
        b = a.binding
        if b.show and b.description and b.key != app.COMMAND_PALETTE_BINDING:
            shown.setdefault(b.action, (app.get_key_display(b), b.description))
    return list(shown.values())


def shown(widget: Widget) -> str:
    """The text a widget draws on screen, line by line (whatever renderable it holds)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text.rstrip() for strip in lines)
