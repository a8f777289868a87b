"""The TUI's time to show the first question, headless, from process start: the app opens its
database (a named candidate, so no first-run dialog) and the built-in bank, the start screen
takes ctrl+s, and the clock stops when the question screen is on. Floor: a bare Textual app
showing one TextArea, started the same way (a fresh interpreter, `run_test()`).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mockroom.bench.table import Row, na
from mockroom.bench.timing import child_env

RUNS = 3
TARGET_RATIO = 1.5
FIGURE = "TUI: first question shown (headless)"

MOCKROOM = """
import asyncio, sys, time
from pathlib import Path
from mockroom.tui.app import make_app
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen

async def main():
    app = make_app(db_url=sys.argv[1], settings_path=Path(sys.argv[2]), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        pressed, give_up = False, time.monotonic() + 60
        while not isinstance(app.screen, QuestionScreen):
            if time.monotonic() > give_up:
                sys.exit(f"no question after 60 s; the screen is {app.screen!r}")
            if isinstance(app.screen, StartScreen) and not pressed:
                await pilot.press("ctrl+s")
                pressed = True
            await asyncio.sleep(0.001)
        print("shown", flush=True)
        app.exit()

asyncio.run(main())
"""

BARE = """
import asyncio
from textual.app import App
from textual.widgets import TextArea

class Bare(App):
    def compose(self):
        yield TextArea("", id="answer")

async def main():
    app = Bare()
    async with app.run_test(size=(100, 30)):
        while not app.query("#answer"):
            await asyncio.sleep(0.001)
        print("shown", flush=True)
        app.exit()

asyncio.run(main())
"""


STAGES = [
    ("importing the TUI", "import mockroom.tui.app"),
    ("+ loading the built-in bank", "from mockroom.core.bank import load_bank; load_bank(builtin=True)"),
    ("+ importing the store (SQLAlchemy, SQLModel, tables)", "import mockroom.store.repo"),
]
"""Where the time before the first question goes: each stage's process runs the ones above it
too, then stops (no database opened, nothing drawn)."""


def tui_problem() -> str | None:
    """Why the TUI cannot be benchmarked, or None."""
    try:
        import mockroom.tui.app  # noqa: F401
    except Exception as e:  # any import failure means n/a, with its reason
        return f"TUI not importable: {type(e).__name__}: {e}"
    return None


def named_db(path: Path) -> Path:
    """A database whose candidate is named and has no unfinished session (a returning user)."""
    from mockroom.store import Store

    with Store.open(f"sqlite:///{path}") as store:
        store.set_candidate_name("Bench")
    return path


def fresh_copy(template: Path, db: Path) -> Path:
    """Copy a database, removing the old copy's WAL files (SQLite would replay them)."""
    for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)
    shutil.copyfile(template, db)
    return db


def run(home: Path) -> list[Row]:
    problem = tui_problem()
    if problem:
        return [na(FIGURE, "<= 1.5x floor", problem)]
    template = named_db(home / "tui-template.db")
    db = home / "tui.db"
    settings = home / "settings.json"

    def fresh() -> list[str]:
        # Each run leaves its session open; the next starts from the returning user's state.
        fresh_copy(template, db)
        return [f"sqlite:///{db}", str(settings)]

    measured = _median(MOCKROOM, fresh, home)
    floor = _median(BARE, list, home)
    ratio = measured / floor
    rows = [
        Row(FIGURE, f"{measured:.2f} s ({ratio:.2f}x)", f"{floor:.2f} s (bare TextArea app)",
            "<= 1.5x floor", ratio <= TARGET_RATIO)
    ]
    code = ""
    for what, stage in STAGES:
        code += stage + "\n"
        took = _median(code + 'print("shown", flush=True)\n', list, home)
        rows.append(Row(f"  reference: {what}", f"{took:.2f} s", "", "", None))
    return rows


def _median(code: str, args: Callable[[], list[str]], home: Path) -> float:
    _spawn(code, args(), home)  # a first run fills the OS file cache and mockroom's bank cache
    return statistics.median(_spawn(code, args(), home) for _ in range(RUNS))


def _spawn(code: str, args: list[str], home: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=child_env(home))
    assert proc.stdout is not None
    line = proc.stdout.readline()
    took = time.perf_counter() - start
    _, err = proc.communicate(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError(f"the app never showed its first screen: {err.strip()[-300:]}")
    return took
