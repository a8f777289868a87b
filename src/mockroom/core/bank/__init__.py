"""The question bank: YAML files -> validated Questions and Rubrics.

The arrows run one way: `parse` (bytes -> `ParsedFile`, pure) <- `source` (reading files,
the `ParseSource` seam) <- `cache` (a `ParseSource` that parses only what changed) <-
`load` (finding files, adding parses up, cross-checking into a `model.Bank`). Below them,
with the standard library only: `files` (which files, changed or not), `snapshot` (the
bank the last load ended with) and `listing` (its tracks, for the app's first screen).

The names below are imported on first use, as `mockroom.store` does with `Store`: importing
`mockroom.core.bank.listing` runs this file, and must not load the models and YAML reader
the first screen goes without.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockroom.core.bank.files import YAML_SUFFIXES
    from mockroom.core.bank.load import load_bank, load_paths
    from mockroom.core.bank.model import Bank, Origin, criterion_keys

__all__ = ["YAML_SUFFIXES", "Bank", "Origin", "criterion_keys", "load_bank", "load_paths"]

_HOMES = {
    "YAML_SUFFIXES": "files", "load_bank": "load", "load_paths": "load",
    "Bank": "model", "Origin": "model", "criterion_keys": "model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
