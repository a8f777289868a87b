"""The one rule for a person's name (a candidate's, a coach's): what the store keeps and
what the dialogs that ask for one accept."""

from __future__ import annotations

from mockroom.core.inert import is_inert
from mockroom.store.errors import StoreError

NAME_MAX = 100
"""Characters, after runs of whitespace are folded to one space (the column's width)."""


def clean_name(raw: str) -> str:
    """The name as stored: trimmed, each run of whitespace one space."""
    return " ".join(raw.split())


def name_problem(clean: str) -> str | None:
    """Why a cleaned name cannot be stored: `empty`, `too_long`, `control`, or None when it can.

    `control`: a control character, bidi control or lone surrogate, which an import refuses
    in a name too (so a name kept here always travels) and which a terminal would obey.
    """
    if not clean:
        return "empty"
    if len(clean) > NAME_MAX:
        return "too_long"
    if not is_inert(clean):
        return "control"
    return None


def checked_name(what: str, raw: str) -> str:
    """The name as stored, or a StoreError saying why the `what`'s name cannot be."""
    clean = clean_name(raw)
    problem = name_problem(clean)
    if problem == "empty":
        raise StoreError(f"the {what}'s name is empty")
    if problem == "too_long":
        raise StoreError(f"the {what}'s name is longer than {NAME_MAX} characters")
    if problem == "control":
        raise StoreError(f"the {what}'s name holds a control character or is not valid UTF-8")
    return clean
