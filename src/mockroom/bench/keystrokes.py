"""The longest UI stall while typing a 5,000-character answer with the live meter on.

A probe task on the app's event loop wakes every millisecond and records how late it woke:
the longest lateness is the longest time the UI could not react to a key. Keys are pressed
through Textual's pilot, mixed English and Chinese, one character at a time; drafts are saved
and the meter scores the draft meanwhile, as in a real session. Floor: the same typing into a
bare Textual app showing one TextArea.

What the longest stall is: a full pass of Python's garbage collector, which walks every
object the collector tracks (gc callbacks put a 80-123 ms full pass under each of the bare
app's longest stalls, at load 4; a key's own work stalled 20-35 ms there). mockroom freezes
what its boot made once it has booted (tui/heap.py), so its passes walk only what was made
since; a bare app left as Python starts it walks all of Textual every pass. Its longest stall
(148.6 ms at load 1.2 on 2026-12-03) was above mockroom's (76.7 ms) and above the target:
the floor measured the bare app's heap, not what typing into a TextArea costs. So the bare
app's heap is handled as mockroom's (BootHeap: collection paused while it starts, what it
made frozen once its screen is up; 60 ms then, at load 4.7), and the row compares typing
with typing.

Each app types in a fresh interpreter, as a candidate starts it: in the benchmark's own process
the garbage collector's full passes would also walk whatever ran there before (the generated
bank, the other app).
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from mockroom.bench.table import Row, ms, na
from mockroom.bench.timing import run_python
from mockroom.bench.tui_start import fresh_copy, named_db, tui_problem

CHARS = 5000
TYPED_AT = (2500, 5000)
"""Where the answer is typed key by key: half way, and at its full length."""
TYPED = 80
KEY_INTERVAL_S = 0.03
"""About 33 characters a second: faster than anyone types an answer."""
PAUSE_S = 1.0
"""A pause in typing: the live meter scores the draft (it waits for typing to stop)."""
TARGET_S = 0.050
FIGURE = f"TUI: longest stall while typing, up to {CHARS:,} chars (live meter on)"
PIECE = "We roll back first, 先恢复业务再查根因，然后同步客户。"

CHILD = """
import asyncio, json, sys
from pathlib import Path
from mockroom.bench import keystrokes

which, home = sys.argv[1], Path(sys.argv[2])
typing = keystrokes.type_into_mockroom(home) if which == "mockroom" else keystrokes.type_into_bare()
worst, typed = asyncio.run(typing)
print(json.dumps({"worst": worst, "typed": typed}))
"""


def text(count: int) -> str:
    """An answer in paragraphs of about 200 characters, as people write them."""
    paragraph = PIECE * 6 + "\n"
    return (paragraph * (count // len(paragraph) + 1))[:count]


class Probe:
    """Measures event-loop lateness while it runs."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - before - 0.001)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> float:
        if self._task:
            self._task.cancel()
        return self.worst


async def type_into_mockroom(home: Path) -> tuple[float, int]:
    from mockroom.tui.app import make_app
    from mockroom.tui.screens.question import QuestionScreen
    from mockroom.tui.screens.start import StartScreen

    db = fresh_copy(named_db(home / "keys-template.db"), home / "keys.db")
    settings = home / "keys-settings.json"
    settings.write_text(json.dumps({"live_meter": True, "lang": "en"}), encoding="utf-8")
    app = make_app(db_url=f"sqlite:///{db}", settings_path=settings, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert app.settings.live_meter, "the live meter should be on"
        worst = await _type(pilot, lambda: screen.editor)
        typed = len(screen.editor.text)
        app.exit()
    return worst, typed


async def type_into_bare() -> tuple[float, int]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    from mockroom.tui.heap import BootHeap

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea("", id="answer")

    heap = BootHeap()  # as mockroom handles its heap (see the module's docstring)
    heap.pause()
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        await pilot.pause()
        heap.settle()
        worst = await _type(pilot, lambda: area)
        typed = len(area.text)
        app.exit()
    heap.release()
    return worst, typed


async def _type(pilot: Any, editor: Any) -> float:
    """Fill the answer to 5,000 characters; before each length in TYPED_AT, the last TYPED
    characters are typed key by key.

    Typing every key of 5,000 would take minutes headless (the editor's work per key grows with
    the text), so the text in between is pasted, outside the measurement. After each typed
    stretch the probe keeps running through a pause, when the live meter scores the draft and
    the draft is saved.
    """
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    full = text(CHARS)
    worst, pos = 0.0, 0
    for end in TYPED_AT:
        app.post_message(events.Paste(full[pos : end - TYPED]))
        await _until(pilot, lambda: len(editor().text) == end - TYPED)  # noqa: B023
        await pilot.pause(0.3)
        probe = Probe()
        probe.start()
        for ch in full[end - TYPED : end]:
            name = "enter" if ch == "\n" else "space" if ch == " " else _character_to_key(ch)
            key = events.Key(name, "\r" if ch == "\n" else ch)
            key.set_sender(app)
            app._driver.send_message(key)  # as the terminal driver delivers a key
            await asyncio.sleep(KEY_INTERVAL_S)
        await asyncio.sleep(PAUSE_S)
        worst = max(worst, probe.stop())
        pos = end
    await pilot.pause()
    return worst


async def _until(pilot: Any, ready: Any, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise RuntimeError(f"timed out; the screen is {pilot.app.screen!r}")
        await pilot.pause(0.01)


def run(home: Path) -> list[Row]:
    problem = tui_problem()
    if problem:
        return [na(FIGURE, "<= 50 ms", problem)]
    worst, typed = _in_child("mockroom", home)
    floor, bare_typed = _in_child("bare", home)
    if typed != CHARS or bare_typed != CHARS:
        raise RuntimeError(f"typed {typed} / {bare_typed} characters, expected {CHARS}")
    return [Row(FIGURE, ms(worst), f"{ms(floor)} (bare TextArea, heap as mockroom's)", "<= 50 ms",
                worst <= TARGET_S)]


def _in_child(which: str, home: Path) -> tuple[float, int]:
    got = run_python(CHILD, which, str(home), home=home)
    return float(got["worst"]), int(got["typed"])
