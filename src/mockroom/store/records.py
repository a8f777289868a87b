"""What the store hands out: frozen domain records, free of SQLModel.

The scorer, the TUI and the exporters use these; the table rows stay inside
the store (see convert.py), so the schema can change without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from mockroom.core.result import ScoreResult

Mode = Literal["practice", "interview", "due", "single", "mock"]
SessionState = Literal["open", "finished", "abandoned"]
MODES: tuple[str, ...] = ("practice", "interview", "due", "single", "mock")
"""practice/modes.py says what each means; single and mock are older sessions' modes."""
LANGS: tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class CandidateRec:
    id: str
    name: str


@dataclass(frozen=True)
class SessionRec:
    id: str
    candidate_id: str
    track: str
    mode: str
    """practice, interview or due (single or mock: older sessions)."""
    lang: str
    """Prompt language, zh or en."""
    question_ids: tuple[str, ...]
    time_budget_s: int | None
    clock_on: bool
    started_at: datetime
    ended_at: datetime | None
    state: str
    """open, finished or abandoned."""
    summary: SessionSummaryNote | None = None
    """The coach's overall comment on the session."""
    summary_digest: str | None = None
    """The summary's state as lineage knows it (store/summary_lineage.py); None: never
    written. A removed summary has a digest and no note."""
    summary_ancestors: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionSummaryNote:
    """A coach's overall comment on a whole session (the comments on answers are CommentRec)."""

    text: str
    coach: str
    written_at: datetime


@dataclass(frozen=True)
class DraftRec:
    session_id: str
    question_id: str
    text: str
    clock: dict[str, Any]
    """The serialised clock state (core/timing.py), so a resumed session restores it."""
    saved_at: datetime


@dataclass(frozen=True)
class AttemptTiming:
    shown_at: datetime
    first_key_s: float | None
    """Seconds from showing the question to the first key, None when nothing was typed."""
    prep_s: float
    answer_s: float
    overtime_s: float
    typing_cpm: float | None = None
    """Characters per minute while answering, computed by the caller."""


@dataclass(frozen=True)
class AttemptRec:
    id: str
    session_id: str
    question_id: str
    bank_version: str
    prompt_lang: str
    answer: str
    result: ScoreResult
    timing: AttemptTiming
    auto_score: float
    follow_up_of: str | None
    follow_up_criterion: str | None
    self_rating: int | None
    created_at: datetime
    coach_score: float | None = None
    reviewed_at: datetime | None = None


# -- coach review ---------------------------------------------------------------------------

ReviewState = Literal["unreviewed", "partial", "reviewed"]
REVIEW_STATES: tuple[str, ...] = ("unreviewed", "partial", "reviewed")


@dataclass(frozen=True)
class CommentRec:
    id: str
    attempt_id: str
    author: str
    body: str
    span: tuple[int, int] | None
    """The commented passage of the answer, [start, end) in Python str offsets."""
    created_at: datetime


@dataclass(frozen=True)
class CoachReview:
    """What a coach decided about one answer; the auto score is never changed."""

    coach: str | None = None
    coach_score: float | None = None
    reviewed_at: datetime | None = None
    coached_at: datetime | None = None
    """Time of the coach's last change (None: no coach has touched the answer)."""
    points: dict[str, bool] = field(default_factory=dict)
    """Rubric point key -> the coach's verdict, only for the points the coach overrode."""
    revision: int = 0
    """How many changes the review has been through (0: none)."""
    digest: str | None = None
    """The review state's digest (store/lineage.py): an import compares these, not times."""
    ancestors: tuple[str, ...] = ()
    """Digests of the states this one continues, oldest first."""

    @property
    def graded(self) -> bool:
        """The coach has given a score or signed the answer off (blind mode then shows all)."""
        return self.coach_score is not None or self.reviewed_at is not None


@dataclass(frozen=True)
class TranscriptItem:
    """One stored answer with its coach review and comments. What counts for it (the coach's
    word over the scorer's) is core/verdict.final_verdict's, as store/session_record.py reads it."""

    attempt: AttemptRec
    review: CoachReview
    comments: tuple[CommentRec, ...]


@dataclass(frozen=True)
class Transcript:
    candidate: CandidateRec
    session: SessionRec
    items: tuple[TranscriptItem, ...]
    """Every attempt of the session in the order answered, follow-ups included."""


@dataclass(frozen=True)
class SessionSummary:
    """One line of the coach's session list."""

    id: str
    candidate_id: str
    candidate_name: str
    track: str
    mode: str
    state: str
    started_at: datetime
    ended_at: datetime | None
    questions: int
    """Questions answered (retries and follow-ups belong to their question)."""
    reviewed: int
    """Questions whose every attempt the coach has marked reviewed."""
    review_state: str
    """unreviewed (no answer marked reviewed), reviewed (every question) or partial."""
    mean_auto: float | None
    """Mean over the questions of their result's auto score (the result: the best attempt)."""
    mean_coach: float | None
    """Mean coach score of the results a coach scored; over `coached` of the questions."""
    coached: int
    imported: bool
