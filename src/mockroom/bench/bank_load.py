"""Loading the generated 10,000-question bank in a fresh process: cold (empty cache: every
file parsed and validated) and warm (every file read and hashed, parses taken from the cache),
with each process's peak memory. Floors: a process that only lists and reads the same files
(what any content-keyed cache must do), and the memory of a process that has imported the loader.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from mockroom.bench.table import Row, ms
from mockroom.bench.timing import run_python

TARGET_WARM_S = 0.3
WARM_RUNS = 2

LOAD = """
import json, resource, sys, time
from mockroom.core.bank import load_paths
start = time.perf_counter()
bank = load_paths([sys.argv[1]])
took = time.perf_counter() - start
assert len(bank.questions) >= int(sys.argv[2]), (len(bank.questions), bank.problems[:3])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"s": took, "peak": peak, "questions": len(bank.questions)}))
"""

READ_ONLY = """
import json, os, resource, sys, time
import mockroom.core.bank
start = time.perf_counter()
size = 0
for folder, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, f), "rb") as fh:
                size += len(fh.read())
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"s": took, "peak": peak, "bytes": size}))
"""


def run(bank_dir: Path, questions: int, home: Path) -> list[Row]:
    shutil.rmtree(home / "cache", ignore_errors=True)
    args = (str(bank_dir), str(questions))
    cold = run_python(LOAD, *args, home=home)
    warm = [run_python(LOAD, *args, home=home) for _ in range(WARM_RUNS)]
    floor = [run_python(READ_ONLY, str(bank_dir), home=home) for _ in range(WARM_RUNS)]
    warm_s = statistics.median(w["s"] for w in warm)
    floor_s = statistics.median(f["s"] for f in floor)
    mb = 1024 * 1024
    size = f"{floor[0]['bytes'] / mb:,.0f} MB of YAML"
    return [
        Row(f"bank load cold ({questions:,} questions, {size})", ms(cold["s"]), "", "", None),
        Row("bank load warm (cache keyed by file contents)", ms(warm_s),
            f"{ms(floor_s)} (list + read the files)", "< 0.3 s", warm_s < TARGET_WARM_S),
        Row("bank load peak memory cold / warm",
            f"{cold['peak'] / mb:,.0f} MB / {max(w['peak'] for w in warm) / mb:,.0f} MB",
            f"{floor[0]['peak'] / mb:,.0f} MB (loader imported)", "", None),
    ]
