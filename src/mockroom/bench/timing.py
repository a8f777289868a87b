"""Running children and timing them: every process figure is a median of several runs."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def child_env(home: Path) -> dict[str, str]:
    """The environment every child runs in: a private data folder, no user bank."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKROOM_")}
    env["MOCKROOM_HOME"] = str(home)
    return env


def run_python(code: str, *args: str, home: Path, timeout: float = 600) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=child_env(home),
        timeout=timeout,
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"child failed ({proc.returncode}): {' / '.join(tail)}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def walls(commands: dict[str, list[str]], home: Path, runs: int) -> dict[str, float]:
    """Median wall time of each whole process, from spawn to exit, run in rounds (one of each
    command per round) so that the machine's load reaches every command alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            proc = subprocess.run(argv, capture_output=True, env=child_env(home))
            times[name].append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise RuntimeError(f"{argv[:3]} failed: {proc.stderr.decode()[-300:]}")
    return {name: statistics.median(ts) for name, ts in times.items()}
