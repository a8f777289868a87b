"""`mockroom score` as a whole process (interpreter start, imports, built-in bank, scoring,
report), beside its floor: a bare `python -c` importing the same third-party modules, which
are found by running the command once and looking at what it imported. Both are medians; the
bank cache is warmed by that first run, as it is for a user after the first use.

The floor imports every third-party module the command loaded, submodules included, in the
order it loaded them: `import pydantic` alone loads almost none of pydantic (its attributes
are imported lazily), while any module that defines a model loads its model machinery. A
reference row shows the floor of the top-level packages alone. The three run in rounds, one
of each per round: run one after the other, a change in the machine's load between them
moved the ratio by up to 0.1 (1.42x-1.56x in three runs of the same code, 2026-12-04).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mockroom.bench.gen import Answer
from mockroom.bench.table import Row, ms
from mockroom.bench.timing import run_python, walls

RUNS = 11
TARGET_RATIO = 1.5

_IMPORTS = """
import json, sys
from mockroom.cli.main import main
main(sys.argv[1:])
std = sys.stdlib_module_names
third = [
    m for m in list(sys.modules)
    if m.split(".")[0] not in std and not m.startswith("_") and m.split(".")[0] != "mockroom"
    and getattr(sys.modules[m], "__file__", None)
]
print(json.dumps(third))
"""


def run(answer: Answer, home: Path) -> list[Row]:
    answer_file = home / "answer.txt"
    answer_file.write_text(answer.text, encoding="utf-8")
    args = ["score", "-q", answer.question.id, "-f", str(answer_file)]
    modules = run_python(_IMPORTS, *args, home=home)
    packages = sorted({m.split(".")[0] for m in modules})
    script = Path(sys.executable).parent / "mockroom"
    mockroom = [str(script)] if script.exists() else [sys.executable, "-m", "mockroom"]
    mockroom += args
    bare = [sys.executable, "-c", f"import {', '.join(modules) or 'sys'}"]
    top_level = [sys.executable, "-c", f"import {', '.join(packages) or 'sys'}"]
    medians = walls({"mockroom": mockroom, "floor": bare, "top level": top_level}, home, RUNS)
    measured, floor, packages_only = medians["mockroom"], medians["floor"], medians["top level"]
    ratio = measured / floor
    return [
        Row(
            "`mockroom score` whole process",
            f"{ms(measured)} ({ratio:.2f}x)",
            f"{ms(floor)} (python -c importing the {len(modules)} modules of "
            f"{', '.join(packages)} it loaded)",
            "<= 1.5x floor",
            ratio <= TARGET_RATIO,
        ),
        Row("  reference: python -c importing only those top-level packages",
            f"{ms(packages_only)} (mockroom: {measured / packages_only:.2f}x)", "", "", None),
    ]
