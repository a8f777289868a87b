"""Which of two coach reviews of one answer is newer: decided by lineage, never by a clock.

Every state of a review has a digest: sha256 of its parent's digest and its content (coach,
score, reviewed and coached times, point verdicts). A change made here records the previous
digest among the review's ancestors. An import then compares what it finds:

- the same digest: nothing to do;
- the file's digest among our ancestors: the file is older, ours stays;
- our digest among the file's ancestors: the file continues our review, it is taken;
- anything else: both sides changed since they last agreed. That is a conflict the coach
  resolves (`mockroom import --ours` or `--theirs`); nothing is dropped without being told.

A time written in a file (a review "coached" in 2030) decides nothing. A file can only claim
to continue our review by naming our digest, which it can know only from a review we sent.
The digest is checked against the content and its parent, so a file cannot pair our digest
with other content. None of this is a signature: anyone can recompute a digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Literal

MAX_ANCESTORS = 200
"""Digests kept per review; an older one is forgotten (a file that old then conflicts)."""

Relation = Literal["none", "same", "older", "newer", "diverged"]


def digest(
    parent: str | None,
    coach: str | None,
    coach_score: float | None,
    reviewed_at: datetime | None,
    coached_at: datetime | None,
    points: Mapping[str, bool],
) -> str:
    """The digest of one review state (32 hex digits)."""
    body = {
        "parent": parent,
        "coach": coach,
        "coach_score": coach_score,
        "reviewed_at": canonical_time(reviewed_at),
        "coached_at": canonical_time(coached_at),
        "points": dict(sorted(points.items())),
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def relation(
    ours: str | None, our_ancestors: Sequence[str], theirs: str | None,
    their_ancestors: Sequence[str],
) -> Relation:
    """How the file's review (theirs) stands to ours; None is "no review"."""
    if theirs is None:
        return "none"
    if ours is None or ours == theirs:
        return "newer" if ours is None else "same"
    if theirs in our_ancestors:
        return "older"
    if ours in their_ancestors:
        return "newer"
    return "diverged"


def joined(*chains: Sequence[str]) -> list[str]:
    """Ancestor lists put together, each digest once (its last place), the newest kept."""
    seen: dict[str, None] = {}
    for chain in chains:
        for d in chain:
            seen.pop(d, None)
            seen[d] = None
    return list(seen)[-MAX_ANCESTORS:]


def canonical_time(moment: datetime | None) -> str | None:
    """A time as digests write it: UTC ISO, a naive one read as UTC."""
    if moment is None:
        return None
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(UTC).isoformat()
