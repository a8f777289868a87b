"""Loading a generated bank in a fresh process: cold (empty cache: every file parsed and
validated; a small bank (bench/__main__.py: COLD_QUESTIONS), as parsing costs the same per file and 10,000 took over a
minute on a busy machine) and warm (the 10,000-question bank: every file listed and stat'ed,
the bank taken from the cache; see core/bank/cache.py for when a stat is trusted), with each
process's peak memory. The warm bank's cache is kept between runs (bench/inputs.py) and
rebuilt only when mockroom's parsing changed.
Floors: a process that only lists and stats the same files (what a stat-validated cache must
do at least), for reference one that lists and reads them (what a cache keyed by file contents
must do at least), and the memory of a process that has imported the loader.
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
start = time.perf_counter()
question = bank.questions[sorted(bank.questions)[len(bank.questions) // 2]]
assert bank.rubrics_for(question)
first = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"s": took, "first": first, "peak": peak, "questions": len(bank.questions)}))
"""

FLOOR = """
import json, os, resource, sys, time
import mockroom.core.bank
read = sys.argv[2] == "read"
def visit(folder):
    size = 0
    with os.scandir(folder) as entries:
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                size += visit(e.path)
            elif e.name.endswith((".yaml", ".yml")):
                if read:
                    with open(e.path, "rb") as fh:
                        size += len(fh.read())
                else:
                    size += e.stat().st_size
    return size
start = time.perf_counter()
size = visit(sys.argv[1])
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"s": took, "peak": peak, "bytes": size}))
"""


def run(cold_bank: Path, cold_questions: int, bank_dir: Path, questions: int,
        cold_home: Path, home: Path) -> list[Row]:
    """`home` keeps the warm bank's cache between runs; `cold_home` is emptied first."""
    shutil.rmtree(cold_home / "cache", ignore_errors=True)
    cold = run_python(LOAD, str(cold_bank), str(cold_questions), home=cold_home)
    args = (str(bank_dir), str(questions))
    run_python(LOAD, *args, home=home)  # fills the cache if this mockroom's is not there yet
    warm = [run_python(LOAD, *args, home=home) for _ in range(WARM_RUNS)]
    floor = [run_python(FLOOR, str(bank_dir), "stat", home=home) for _ in range(WARM_RUNS)]
    read = [run_python(FLOOR, str(bank_dir), "read", home=home) for _ in range(WARM_RUNS)]
    warm_s = statistics.median(w["s"] for w in warm)
    floor_s = statistics.median(f["s"] for f in floor)
    read_s = statistics.median(r["s"] for r in read)
    mb = 1024 * 1024
    size = f"{floor[0]['bytes'] / mb:,.0f} MB of YAML"
    return [
        Row(f"bank load cold ({cold_questions:,} questions, nothing cached)", ms(cold["s"]),
            "", "", None),
        Row(f"bank load warm ({questions:,} questions, {size}; cache validated by stat)",
            ms(warm_s),
            f"{ms(floor_s)} (list + stat the files)", "< 0.3 s", warm_s < TARGET_WARM_S),
        Row("  reference: list + read the files (a content-keyed cache's floor)", ms(read_s),
            "", "", None),
        Row("  then: one question and its rubrics built (objects are built on first use)",
            ms(statistics.median(w["first"] for w in warm)), "", "", None),
        Row(f"bank load peak memory cold ({cold_questions:,}) / warm ({questions:,})",
            f"{cold['peak'] / mb:,.0f} MB / {max(w['peak'] for w in warm) / mb:,.0f} MB",
            f"{floor[0]['peak'] / mb:,.0f} MB (loader imported)", "", None),
    ]
