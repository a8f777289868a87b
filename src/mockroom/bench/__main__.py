"""`python -m mockroom.bench`: build the inputs, run every benchmark, print one table.

A benchmark that fails prints its error in its row and the others still run; the exit
status is 1 when any figure misses its target or fails, so CI can run it as a check.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from mockroom.bench import (
    bank_load,
    cli_process,
    gen,
    inputs,
    keystrokes,
    progress,
    scoring,
    tui_start,
)
from mockroom.bench.table import Row, render

QUESTIONS = 10_000
COLD_QUESTIONS = 300
"""Parsing costs the same per file: a small cold bank says it in seconds (1,000 took 19 s at
load 6)."""
SCORED_ANSWERS = 200
"""Enough for a mean and a slowest answer; 500 took 34 s at load 6."""
PROGRESS_QUESTIONS = 300


def main() -> int:
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mockroom-bench-") as tmp:
        root = Path(tmp)
        home = root / "home"
        home.mkdir()
        # Nothing here may read or write the user's own data folder.
        import os

        os.environ["MOCKROOM_HOME"] = str(home)
        os.environ.pop("MOCKROOM_DB", None)
        os.environ.pop("MOCKROOM_BANK", None)

        step("compiling mockroom's modules")
        compile_mockroom()
        step(f"the generated banks of {QUESTIONS:,} and {COLD_QUESTIONS:,} questions")
        bank_dir, cold_bank = kept_bank(QUESTIONS), kept_bank(COLD_QUESTIONS)
        # Keeps the large bank's parse cache between runs; a new bank gets a new one.
        load_home = inputs.kept("load-home", bank_name(QUESTIONS), Path.mkdir)

        def load_rows() -> list[Row]:
            return bank_load.run(cold_bank, COLD_QUESTIONS, bank_dir, QUESTIONS,
                                 root / "cold-home", load_home)

        (root / "cold-home").mkdir()
        rows += guarded("bank load", load_rows)

        from mockroom.core.bank import load_paths

        os.environ["MOCKROOM_HOME"] = str(load_home)  # the cache the bank load rows filled
        bank = load_paths([bank_dir])
        os.environ["MOCKROOM_HOME"] = str(home)
        answers = gen.answers(bank, SCORED_ANSWERS)
        rows += guarded("scoring", lambda: scoring.run(bank, answers))
        builtin = gen.builtin()
        rows += guarded("mockroom score", lambda: cli_process.run(gen.answers(builtin, 1)[0], home))
        rows += guarded("TUI start", lambda: tui_start.run(home))
        rows += guarded("keystrokes", lambda: keystrokes.run(home))
        picked = [bank.questions[i] for i in sorted(bank.questions)[:: QUESTIONS // PROGRESS_QUESTIONS]]
        progress_answers = [
            gen.Answer(q, a.text)
            for q, a in zip(picked, gen.answers(bank, len(picked), sizes=(200, 400)), strict=True)
        ]
        rows += guarded("progress", lambda: progress.run(bank, progress_answers))
    print()
    print(render(rows))
    print(f"\n({time.perf_counter() - started:.0f} s; python {sys.version.split()[0]})")
    return 0 if all(r.ok is not False for r in rows) else 1


def kept_bank(questions: int) -> Path:
    """The generated bank of `questions`, written once per generator version and seed."""
    return inputs.kept(f"bank{questions}", bank_name(questions),
                       lambda folder: gen.write_bank(folder, questions, gen.seed()))


def bank_name(questions: int) -> str:
    """Only what the generated bank is made from: not the built-in bank (see bench/seed)."""
    return inputs.key(questions, files=gen.seed_files())


def compile_mockroom() -> None:
    """Write the bytecode of mockroom's modules, as installing a wheel does.

    The third-party packages the floors import were compiled when pip installed them; an
    editable install's own modules are compiled on first import, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines), when every child process would
    compile them from source again and the figures would measure the compiler.
    """
    import compileall

    import mockroom

    if not compileall.compile_dir(Path(mockroom.__file__).parent, quiet=1):
        raise RuntimeError("mockroom's modules did not compile")


def step(what: str) -> None:
    print(f"bench: {what} ...", file=sys.stderr, flush=True)


def guarded(name: str, run: Callable[[], list[Row]]) -> list[Row]:
    step(name)
    start = time.perf_counter()
    try:
        rows = run()
    except Exception as e:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        rows = [Row(name, f"error: {type(e).__name__}: {e}"[:120], "", "", False)]
    print(f"bench: {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    sys.exit(main())
