"""The bank a load ended with, in one small JSON file the bank cache keeps (`cache.py`).

`snapshot.json` in a cache folder holds: `key`, one hash of every file's name and signature
(`files.state_key`); `shas`, each file's content hash, by file number; `questions` and
`rubrics`, each id with the number of the file that defined it; `problems` and `skipped`,
as the cross-check left them. Standard library only, so the first screen can list the
tracks from it without loading the bank (`listing.py`).

Cache folders are named `bank-<fingerprint>-<folder key>`: the fingerprint says what parsed
the files (`cache.fingerprint`), the folder key which folders they came from.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import NamedTuple

from mockroom.core.bank.files import folder_key
from mockroom.core.problem import Problem
from mockroom.files import atomic_file

SNAPSHOT = "snapshot.json"


class Snapshot(NamedTuple):
    key: str | None
    shas: list[str]
    questions: dict[str, int]
    """Question id -> the number of the file that defined it."""
    rubrics: dict[str, int]
    problems: list[Problem]
    skipped: list[str]


def folder(top: Path, fingerprint: str, roots: list[str]) -> Path:
    """The cache folder of banks loaded from `roots` (real paths), parsed as `fingerprint`."""
    return top / f"bank-{fingerprint}-{folder_key(roots)}"


def folders(top: Path, roots: list[str]) -> list[Path]:
    """The cache folders of banks loaded from `roots`, whatever parsed them, newest first."""

    def written(f: Path) -> int:
        with contextlib.suppress(OSError):
            return (f / SNAPSHOT).stat().st_mtime_ns
        return 0

    return sorted(top.glob(f"bank-*-{folder_key(roots)}"), key=written, reverse=True)


def read(where: Path, files: int) -> Snapshot | None:
    """The snapshot in folder `where` of a load of `files` files; None when it is missing,
    damaged or not the shape `write` gives."""
    try:
        snap = json.loads((where / SNAPSHOT).read_bytes())
        key, shas = snap["key"], snap["shas"]
        questions, rubrics = snap["questions"], snap["rubrics"]
        problems = [Problem(*p) for p in snap["problems"]]
        skipped = [str(name) for name in snap["skipped"]]
        if not (isinstance(shas, list) and len(shas) == files
                and isinstance(questions, dict) and isinstance(rubrics, dict)
                and all(type(n) is int and 0 <= n < files
                        for n in (*questions.values(), *rubrics.values()))):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Snapshot(key, shas, questions, rubrics, problems, skipped)


def write(where: Path, snap: Snapshot) -> None:
    """Keep `snap` in folder `where` (not kept if it cannot be written: the cache is optional)."""
    data = {
        "key": snap.key,
        "shas": snap.shas,
        "questions": snap.questions,
        "rubrics": snap.rubrics,
        "problems": [[p.path, p.line, p.column, p.message] for p in snap.problems],
        "skipped": snap.skipped,
    }
    with contextlib.suppress(OSError):
        atomic_file.replace(where / SNAPSHOT, [json.dumps(data).encode()], durable=False)
