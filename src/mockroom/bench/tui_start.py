"""The TUI's start, headless, from process start, in three rows.

1. The first screen (the start screen with the tracks) shown, before the database: from
   spawning the interpreter until the start screen is on. Floor: a bare Textual app showing
   one TextArea, started the same way (a fresh interpreter, `run_test()`); target 1.5x.
2. Start -> question screen once the store is open: in the same process, after the boot is
   done (the store open, the scorer warmed), from pressing Start until the question screen
   is mounted (the session stored, the questions picked from the history). Target 100 ms.
3. Due mode still sees the history: a database where one question was answered weakly a
   month ago; Start in due mode must ask exactly that question.

`python -m mockroom.bench.tui_start` prints just these rows.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mockroom.bench.table import Row, ms, na
from mockroom.bench.timing import child_env

RUNS = 3
TARGET_RATIO = 1.5
TARGET_START_S = 0.100
FIRST = "TUI: first screen shown (start screen, headless)"
START = "TUI: Start -> question screen, store open"
DUE = "TUI: due mode asks what the history says is due"

MOCKROOM = """
import asyncio, json, sys, time
from pathlib import Path
from mockroom.tui.app import make_app
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen

async def main():
    app = make_app(db_url=sys.argv[1], settings_path=Path(sys.argv[2]), lang="en")
    mode, track = sys.argv[3], sys.argv[4]
    async with app.run_test(size=(100, 30)) as pilot:
        give_up = time.monotonic() + 60
        while not isinstance(app.screen, StartScreen):
            if time.monotonic() > give_up:
                sys.exit(f"no start screen after 60 s; the screen is {app.screen!r}")
            await asyncio.sleep(0.001)
        print("shown", flush=True)
        start = app.screen
        while not start.ready:  # the store opens in the background
            if time.monotonic() > give_up:
                sys.exit("the store did not open in 60 s")
            await asyncio.sleep(0.001)
        await app.workers.wait_for_complete()  # and the scorer is warmed
        await pilot.pause()
        start.mode = mode
        start.track = track or start.track
        began = time.perf_counter()
        press = asyncio.create_task(pilot.press("ctrl+s"))
        while not (isinstance(app.screen, QuestionScreen) and app.screen.is_mounted):
            if time.monotonic() > give_up:
                sys.exit(f"no question after 60 s; the screen is {app.screen!r}")
            await asyncio.sleep(0.001)
        took = time.perf_counter() - began
        await press
        print(json.dumps({"start_s": took, "question": app.screen.ask.question.id}), flush=True)
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

DUE_QUESTION = "support.self-introduction"

STAGES = [
    ("importing the TUI", "import mockroom.tui.app"),
    ("+ loading the built-in bank", "from mockroom.tui import later; later.load_bank([], True)"),
]
"""Where the time before the first screen goes: each stage's process runs the ones above it
too, then stops (nothing drawn). The rest is drawing the start screen."""


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


def due_db(path: Path) -> Path:
    """A returning user who answered one question weakly a month ago: it is due now."""
    from mockroom.core.bank import load_bank
    from mockroom.core.scorer import Scorer
    from mockroom.store import AttemptTiming, Store

    bank = load_bank([], builtin=True)
    q = bank.questions[DUE_QUESTION]
    then = datetime.now(UTC) - timedelta(days=30)
    with Store.open(f"sqlite:///{path}", clock=lambda: then) as store:
        cand = store.set_candidate_name("Bench")
        s = store.start_session(cand.id, q.track, "single", "en", [q.id], None, True)
        answer = "I work in support."
        store.record_attempt(s.id, q.id, bank.version_of(q.id), "en", answer,
                             Scorer(bank).score(q, answer), AttemptTiming(then, 1.0, 1.0, 20.0, 0.0))
        store.finish_session(s.id)
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
        return [na(FIRST, "<= 1.5x floor", problem)]
    named = named_db(home / "tui-template.db")
    due = due_db(home / "tui-due-template.db")
    db = home / "tui.db"
    settings = home / "settings.json"

    def fresh(template: Path, mode: str, track: str = "") -> Callable[[], list[str]]:
        def args() -> list[str]:
            # Each run leaves its session open; the next starts from the returning user's state.
            fresh_copy(template, db)
            return [f"sqlite:///{db}", str(settings), mode, track]

        return args

    firsts, results = _runs(MOCKROOM, fresh(named, "single"), home)
    floor = statistics.median(_runs(BARE, list, home)[0])
    first = statistics.median(firsts)
    start_s = statistics.median(float(str(r["start_s"])) for r in results)
    _, [due_run] = _runs(MOCKROOM, fresh(due, "due", DUE_QUESTION.split(".")[0]), home, runs=1)
    asked = due_run["question"]
    ratio = first / floor
    rows = [
        Row(FIRST, f"{first:.2f} s ({ratio:.2f}x)", f"{floor:.2f} s (bare TextArea app)",
            "<= 1.5x floor", ratio <= TARGET_RATIO),
    ]
    code = ""
    for what, stage in STAGES:
        code += stage + "\n"
        took = statistics.median(_runs(code + 'print("shown", flush=True)\n', list, home)[0])
        rows.append(Row(f"  reference: {what}", f"{took:.2f} s", "", "", None))
    return [
        *rows,
        Row(START, ms(start_s), "", "<= 100 ms", start_s <= TARGET_START_S),
        Row(DUE, str(asked), DUE_QUESTION, "the due question", asked == DUE_QUESTION),
    ]


def _runs(
    code: str, args: Callable[[], list[str]], home: Path, runs: int = RUNS
) -> tuple[list[float], list[dict[str, object]]]:
    """Each run's time to its "shown" line, and the JSON it printed after it (if any). A first
    run, not counted, fills the OS file cache and mockroom's bank cache."""
    _spawn(code, args(), home)
    times, results = [], []
    for _ in range(runs):
        took, result = _spawn(code, args(), home)
        times.append(took)
        if result is not None:
            results.append(result)
    return times, results


def _spawn(code: str, args: list[str], home: Path) -> tuple[float, dict[str, object] | None]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=child_env(home))
    assert proc.stdout is not None
    line = proc.stdout.readline()
    took = time.perf_counter() - start
    out, err = proc.communicate(timeout=120)
    if line.strip() != "shown":
        raise RuntimeError(f"the app never showed its first screen: {err.strip()[-300:]}")
    if proc.returncode != 0:
        raise RuntimeError(f"the app failed after its first screen: {err.strip()[-300:]}")
    rest = out.strip().splitlines()
    return took, json.loads(rest[-1]) if rest else None


def main() -> int:
    import os

    from mockroom.bench.table import render

    with tempfile.TemporaryDirectory(prefix="mockroom-bench-tui-") as tmp:
        home = Path(tmp)
        os.environ["MOCKROOM_HOME"] = str(home)  # never the user's own data folder
        for name in ("MOCKROOM_DB", "MOCKROOM_BANK"):
            os.environ.pop(name, None)
        rows = run(home)
    print(render(rows))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
