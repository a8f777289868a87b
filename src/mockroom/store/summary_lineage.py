"""The coach's overall comment on a session between databases: merged by lineage, as reviews are.

Each state of a session's summary (written, rewritten, removed) has a digest of the digest
before it and of what it says; writing one here records the one it replaces among its
ancestors. An import compares the file's summary with ours exactly as review_merge.py
compares coach reviews (lineage.relation): the same digest, or a file that is behind ours,
changes nothing; a file that continues ours replaces it; both changed since they last
agreed is a conflict the import stops on, unless told to keep ours ("ours") or take the
file's ("theirs"), the result then continuing both so the next exchange does not conflict
again. A time written in the file decides nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from mockroom.store import convert, lineage
from mockroom.store.records import SessionRec, SessionSummaryNote
from mockroom.store.tables import SessionRow


@dataclass(frozen=True)
class SummaryConflict:
    """A session whose summary changed here and in the file since they last agreed."""

    session_id: str
    ours: SessionSummaryNote | None
    theirs: SessionSummaryNote | None
    """None: that side removed it."""


def digest(
    parent: str | None, text: str | None, coach: str | None, written_at: datetime | None
) -> str:
    """The digest of one state of a summary (32 hex digits); a removal is a state too."""
    body = {"parent": parent, "summary": text, "coach": coach,
            "written_at": lineage.canonical_time(written_at)}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def write(row: SessionRow, note: SessionSummaryNote | None) -> None:
    """Give the session its summary (None removes it), the one before becoming an ancestor."""
    parent = row.summary_digest
    ancestors = lineage.joined(row.summary_ancestors or [], [parent] if parent else [])
    _set(row, note, digest(parent, *_content(note)), ancestors)


def merge(row: SessionRow, theirs: SessionRec, resolution: str | None) -> bool | SummaryConflict:
    """Apply the file's summary where lineage says so: True when ours changed, a conflict
    (nothing changed) when both sides did and no `resolution` says which to keep."""
    ours_digest, ours_ancestors = row.summary_digest, row.summary_ancestors or []
    their_digest = theirs.summary_digest
    found = lineage.relation(ours_digest, ours_ancestors, their_digest, theirs.summary_ancestors)
    if found in ("none", "same", "older"):
        return False
    if found == "newer":
        _set(row, theirs.summary, their_digest, list(theirs.summary_ancestors))
        return True
    ours = convert.summary_note(row)
    if resolution is None:
        return SummaryConflict(row.id, ours, theirs.summary)
    assert ours_digest is not None and their_digest is not None
    if resolution == "ours":
        ancestors = lineage.joined(ours_ancestors, theirs.summary_ancestors,
                                   [their_digest, ours_digest])
        kept = ours
    else:
        ancestors = lineage.joined(ours_ancestors, [ours_digest], theirs.summary_ancestors,
                                   [their_digest])
        kept = theirs.summary
    _set(row, kept, digest(ancestors[-1], *_content(kept)), ancestors)
    return True


def _content(note: SessionSummaryNote | None) -> tuple[str | None, str | None, datetime | None]:
    return (None, None, None) if note is None else (note.text, note.coach, note.written_at)


def _set(
    row: SessionRow, note: SessionSummaryNote | None, state: str | None, ancestors: list[str]
) -> None:
    row.summary, row.summary_by, row.summary_at = _content(note)
    row.summary_digest, row.summary_ancestors = state, ancestors
