"""`mockroom score` as a whole process (interpreter start, imports, built-in bank, scoring,
report), beside its floor: a bare `python -c` importing the same third-party packages, which
are found by running the command once and looking at what it imported. Both are medians; the
bank cache is warmed by that first run, as it is for a user after the first use.

A reference figure shows part of the gap: `import pydantic` loads none of pydantic's model
machinery (its attributes are imported lazily), which any module defining a model loads.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mockroom.bench.gen import Answer
from mockroom.bench.table import Row, ms
from mockroom.bench.timing import run_python, wall

RUNS = 7
TARGET_RATIO = 1.5

_IMPORTS = """
import json, sys
from mockroom.cli.main import main
main(sys.argv[1:])
std = sys.stdlib_module_names
third = sorted(
    m for m in list(sys.modules)
    if "." not in m and m not in std and not m.startswith("_") and m != "mockroom"
    and getattr(sys.modules[m], "__file__", None)
)
print(json.dumps(third))
"""


def run(answer: Answer, home: Path) -> list[Row]:
    answer_file = home / "answer.txt"
    answer_file.write_text(answer.text, encoding="utf-8")
    args = ["score", "-q", answer.question.id, "-f", str(answer_file)]
    packages = run_python(_IMPORTS, *args, home=home)
    script = Path(sys.executable).parent / "mockroom"
    mockroom = [str(script)] if script.exists() else [sys.executable, "-m", "mockroom"]
    mockroom += args
    bare = [sys.executable, "-c", f"import {', '.join(packages) or 'sys'}"]
    measured = wall(mockroom, home, RUNS)
    floor = wall(bare, home, RUNS)
    ratio = measured / floor
    rows = [
        Row(
            "`mockroom score` whole process",
            f"{ms(measured)} ({ratio:.2f}x)",
            f"{ms(floor)} (python -c import {', '.join(packages)})",
            "<= 1.5x floor",
            ratio <= TARGET_RATIO,
        )
    ]
    if "pydantic" in packages:
        models = wall([*bare[:2], f"{bare[2]}; from pydantic import BaseModel"], home, RUNS)
        rows.append(Row("  reference: the floor + `from pydantic import BaseModel`",
                        f"{ms(models)} ({models / floor:.2f}x)", "", "", None))
    return rows
