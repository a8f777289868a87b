"""Bringing a coach review from a file into the store: by lineage (lineage.py), never by clock.

A review the file continues is taken; one it is behind is kept; one both sides changed is a
conflict. Unresolved conflicts fail the whole import (nothing changes) and are listed;
`resolution` "ours" keeps this database's review, "theirs" takes the file's. Either way the
result continues both, so the next exchange between the two databases does not conflict
again, and the other side takes the result as the newer review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from mockroom.store import lineage, tally
from mockroom.store.errors import StoreError
from mockroom.store.records import CoachReview, TranscriptItem
from mockroom.store.summary_lineage import SummaryConflict
from mockroom.store.tables import AttemptRow, CriterionRow

Resolution = Literal["ours", "theirs"]


@dataclass(frozen=True)
class ReviewConflict:
    """One answer whose review changed here and in the file since they last agreed."""

    attempt_id: str
    question_id: str
    ours: CoachReview
    theirs: CoachReview


class ImportConflict(StoreError):
    """An import stopped (nothing changed) because coach reviews, or the session's summary
    (summary_lineage.py, by the same rule), conflict."""

    def __init__(
        self, conflicts: list[ReviewConflict], summary: SummaryConflict | None = None
    ) -> None:
        n = len(conflicts)
        what = [f"{n} coach review{'s' if n > 1 else ''}"] if n else []
        what += ["the coach's summary of the session"] if summary else []
        super().__init__(
            f"{' and '.join(what)} changed both here and in the file since "
            "they last agreed; nothing imported (choose --ours or --theirs)"
        )
        self.conflicts = conflicts
        self.summary = summary


def merge_review(
    s: Session, item: TranscriptItem, resolution: Resolution | None,
    conflicts: list[ReviewConflict],
) -> int:
    """Apply the file's review of one answer where lineage says so; 1 when the answer changed.

    A conflict without a resolution is appended to `conflicts` and changes nothing.
    """
    theirs = item.review
    row = s.get(AttemptRow, item.attempt.id)
    assert row is not None
    criteria = criteria_of(s, row.id)
    ours = _review(row, criteria)
    their_digest = theirs.digest if theirs.coached_at is not None else None
    found = lineage.relation(ours.digest, ours.ancestors, their_digest, theirs.ancestors)
    if found in ("none", "same", "older"):
        return 0
    if found == "newer":
        _apply(s, row, criteria, theirs, theirs.revision, theirs.digest, list(theirs.ancestors))
        return 1
    if resolution is None:
        conflicts.append(ReviewConflict(row.id, row.question_id, ours, theirs))
        return 0
    assert ours.digest is not None and their_digest is not None
    revision = max(ours.revision, theirs.revision) + 1
    if resolution == "ours":
        # The file's review becomes an ancestor of ours: importing it again changes nothing,
        # and the other side, importing ours, takes it as the newer one.
        ancestors = lineage.joined(ours.ancestors, theirs.ancestors, [their_digest, ours.digest])
        row.review_revision, row.review_ancestors = revision, ancestors
        row.review_digest = _digest_of(ours, ancestors[-1])
        s.add(row)
        return 1
    ancestors = lineage.joined(ours.ancestors, [ours.digest], theirs.ancestors, [their_digest])
    _apply(s, row, criteria, theirs, revision, _digest_of(theirs, ancestors[-1]), ancestors)
    return 1


def _apply(
    s: Session, row: AttemptRow, criteria: list[CriterionRow], review: CoachReview,
    revision: int, digest: str | None, ancestors: list[str],
) -> None:
    known = {c.key for c in criteria}
    unknown = sorted(set(review.points) - known)
    if unknown:
        raise StoreError(f"answer {row.id} has no rubric point {unknown[0]!r}; not imported")
    row.coach, row.coach_score = review.coach, review.coach_score
    row.reviewed_at, row.coached_at = review.reviewed_at, review.coached_at
    row.review_revision, row.review_digest, row.review_ancestors = revision, digest, ancestors
    s.add(row)
    tally.score_changed(s, row)
    for c in criteria:
        was_met = tally.met(c)
        c.coach_hit = review.points.get(c.key)
        s.add(c)
        tally.verdict_changed(s, row, c, was_met)


def _review(row: AttemptRow, criteria: list[CriterionRow]) -> CoachReview:
    from mockroom.store import convert

    return convert.coach_review(row, criteria)


def _digest_of(review: CoachReview, parent: str) -> str:
    return lineage.digest(parent, review.coach, review.coach_score, review.reviewed_at,
                          review.coached_at, review.points)


def criteria_of(s: Session, attempt_id: str) -> list[CriterionRow]:
    """An answer's rubric points, by key."""
    return list(
        s.exec(
            select(CriterionRow)
            .where(CriterionRow.attempt_id == attempt_id)
            .order_by(col(CriterionRow.key))
        ).all()
    )
