"""The bank's tracks and problems without loading the bank: what the first screen shows.

Loading even the cached built-in bank imports its models (pydantic) and the YAML reader,
about 0.13 s, half of what a bare Textual app takes to start (`make bench`, "reference:
+ loading the built-in bank"). The last load's snapshot (`snapshot.py`) already says which
question ids it found and which problems; when the same files are there with the same
signatures (the snapshot's key), that is what loading them gives, and it is read with the
standard library alone.

A preview, not a substitute: the snapshot read is the newest of the folders' caches, and
one written by another version of the parser may list what this one would reject. The app
loads the bank itself right after the first paint and follows it if it says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from mockroom.config import paths
from mockroom.core.bank import snapshot
from mockroom.core.bank.files import state_key, yaml_files
from mockroom.core.problem import Problem
from mockroom.files import cache_folder


class Listing(NamedTuple):
    tracks: list[str]
    problems: list[Problem]


def tracks_of(question_ids: Iterable[str]) -> list[str]:
    """The tracks of these questions: a question's id starts with its track (the model
    checks it), so no question is built."""
    return sorted({i.split(".", 1)[0] for i in question_ids})


def last_listing(targets: Iterable[str | Path]) -> Listing | None:
    """The tracks and problems of the bank in `targets` as its last load found them, if
    none of its files changed since; None when that is not known (no usable cache)."""
    names, roots, problems = yaml_files(targets)
    top = paths.data_dir() / "cache"
    if not roots or not top.is_dir() or not cache_folder.usable(top):
        return None
    key = state_key(names)
    for where in snapshot.folders(top, roots):
        snap = snapshot.read(where, len(names))
        if snap is not None and key is not None and snap.key == key:
            return Listing(tracks_of(snap.questions), sorted(problems + snap.problems))
    return None


def listing_of(targets: Iterable[str | Path], builtin: bool) -> Listing | None:
    """`last_listing` of the folders `load_bank(targets, builtin)` loads."""
    return last_listing(paths.bank_dirs(list(targets), builtin=builtin))
