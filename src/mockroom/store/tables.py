"""The database tables, as SQLModel classes. Only the store touches these rows.

Ids are uuid4 hex strings, so an export can be imported into another database
without clashes. Times are stored in UTC and read back timezone-aware. Every
change here needs a migration in migrations/versions/ (a test compares the two).

The coach-review columns (attempt.coach_score, attempt.reviewed_at,
attempt_criterion.coach_hit) exist from the first release so the review
feature only adds tables, never rewrites these ones.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Index, MetaData, Text
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Named constraints, so later migrations (SQLite batch mode included) can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LEN = 32
KEY_LEN = 200


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no offset itself)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to the store; use UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class StoreModel(SQLModel, registry=registry(metadata=MetaData(naming_convention=NAMING))):
    """Base of mockroom's tables: their own metadata, apart from any other SQLModel use."""


class CandidateRow(StoreModel, table=True):
    __tablename__ = "candidate"

    id: str = Field(primary_key=True, max_length=ID_LEN)
    name: str = Field(max_length=100)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_used_at: datetime = Field(sa_type=UTCDateTime)
    imported_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Set when the candidate came in with an imported session: never the local candidate."""


class SessionRow(StoreModel, table=True):
    __tablename__ = "practice_session"
    __table_args__ = (
        Index("ix_practice_session_candidate_state", "candidate_id", "state"),
        Index("ix_practice_session_started", "started_at"),
        Index("ix_practice_session_candidate_started", "candidate_id", "started_at"),
    )

    id: str = Field(primary_key=True, max_length=ID_LEN)
    candidate_id: str = Field(foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN)
    track: str = Field(max_length=64)
    mode: str = Field(max_length=16)
    lang: str = Field(max_length=8)
    question_ids: list[str] = Field(sa_type=JSON)
    time_budget_s: int | None = None
    clock_on: bool
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    state: str = Field(max_length=16)
    imported_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When `mockroom import` brought the session in from another machine (None: local)."""
    summary: str | None = Field(default=None, sa_type=Text)
    """The coach's overall comment on the session (None: none written)."""
    summary_by: str | None = Field(default=None, max_length=100)
    summary_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    summary_digest: str | None = Field(default=None, max_length=ID_LEN)
    """The digest of the summary's state (store/summary_lineage.py); None: never written."""
    summary_ancestors: list[str] | None = Field(default=None, sa_type=JSON)
    """Digests of the states before it, oldest first."""


class DraftRow(StoreModel, table=True):
    """The answer being typed: one per session, replaced on every save."""

    __tablename__ = "draft"

    session_id: str = Field(
        primary_key=True, foreign_key="practice_session.id", ondelete="CASCADE", max_length=ID_LEN
    )
    question_id: str = Field(max_length=KEY_LEN)
    text: str = Field(sa_type=Text)
    clock: dict[str, Any] = Field(sa_type=JSON)
    saved_at: datetime = Field(sa_type=UTCDateTime)


class AttemptRow(StoreModel, table=True):
    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_session_created", "session_id", "created_at"),
        Index("ix_attempt_candidate_question", "candidate_id", "question_id"),
        Index("ix_attempt_candidate_created", "candidate_id", "created_at"),
        # Covers the progress screen's per-question figures: no table reads for them.
        Index(
            "ix_attempt_progress",
            "candidate_id",
            "question_id",
            "created_at",
            "id",
            "follow_up_of",
            "auto_score",
            "coach_score",
            "answer_s",
        ),
        # Covers the per-session counts and means (session list, trend): no table reads.
        Index(
            "ix_attempt_session_totals",
            "session_id",
            "follow_up_of",
            "auto_score",
            "coach_score",
            "reviewed_at",
        ),
        # Covers the self-rating bands.
        Index(
            "ix_attempt_self_rating",
            "candidate_id",
            "self_rating",
            "follow_up_of",
            "auto_score",
            "coach_score",
        ),
    )

    id: str = Field(primary_key=True, max_length=ID_LEN)
    session_id: str = Field(
        foreign_key="practice_session.id", ondelete="CASCADE", max_length=ID_LEN
    )
    candidate_id: str = Field(foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN)
    question_id: str = Field(max_length=KEY_LEN)
    bank_version: str = Field(max_length=64)
    prompt_lang: str = Field(max_length=8)
    answer: str = Field(sa_type=Text)
    result: dict[str, Any] = Field(sa_type=JSON)
    """The evidence behind the score as scored at the time (evidence.py; points in rubric_point)."""
    auto_score: float
    shown_at: datetime = Field(sa_type=UTCDateTime)
    first_key_s: float | None = None
    prep_s: float
    answer_s: float
    overtime_s: float
    typing_cpm: float | None = None
    follow_up_of: str | None = Field(
        default=None, foreign_key="attempt.id", ondelete="CASCADE", max_length=ID_LEN
    )
    follow_up_criterion: str | None = Field(default=None, max_length=KEY_LEN)
    self_rating: int | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    coach_score: float | None = None
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    coach: str | None = Field(default=None, max_length=100)
    """The coach who last graded, overrode or reviewed this answer."""
    coached_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Time of the coach's last change (shown; an import decides by lineage, not by this)."""
    review_revision: int | None = None
    """How many changes the coach review has been through, here and where it came from."""
    review_digest: str | None = Field(default=None, max_length=ID_LEN)
    """Digest of the review as it is (lineage.py); None while no coach has touched it."""
    review_ancestors: list[str] | None = Field(default=None, sa_type=JSON)
    """Digests of the review states this one continues, oldest first."""


class CriterionRow(StoreModel, table=True):
    """One rubric point of an attempt, as a row so progress queries need not parse JSON."""

    __tablename__ = "attempt_criterion"

    attempt_id: str = Field(
        primary_key=True, foreign_key="attempt.id", ondelete="CASCADE", max_length=ID_LEN
    )
    key: str = Field(primary_key=True, max_length=KEY_LEN)
    rubric_id: str = Field(max_length=KEY_LEN)
    weight: float
    required: bool
    hit: bool
    negated: bool
    credit: float
    coach_hit: bool | None = None


class RubricPointRow(StoreModel, table=True):
    """A rubric point as answers were scored against it, kept once for all of them."""

    __tablename__ = "rubric_point"

    id: str = Field(primary_key=True, max_length=ID_LEN)
    """A digest of every other column (evidence.point_id): the same point, the same id."""
    key: str = Field(max_length=KEY_LEN)
    rubric_id: str = Field(max_length=KEY_LEN)
    weight: float
    required: bool
    label_zh: str = Field(sa_type=Text)
    label_en: str = Field(sa_type=Text)
    tip_zh: str = Field(sa_type=Text)
    tip_en: str = Field(sa_type=Text)


class ReviewCardRow(StoreModel, table=True):
    """The FSRS card of one question for one candidate (core/schedule.py)."""

    __tablename__ = "review_card"
    __table_args__ = (Index("ix_review_card_candidate_due", "candidate_id", "due"),)

    candidate_id: str = Field(
        primary_key=True, foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN
    )
    question_id: str = Field(primary_key=True, max_length=KEY_LEN)
    track: str = Field(max_length=64)
    card: dict[str, Any] = Field(sa_type=JSON)
    due: datetime = Field(sa_type=UTCDateTime)
    """Copied out of `card` so due questions are one indexed query."""
    last_rating: int
    reviews: int
    updated_at: datetime = Field(sa_type=UTCDateTime)


class CommentRow(StoreModel, table=True):
    """A coach's comment on an answer, optionally on the passage [span_start, span_end)."""

    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_attempt_created", "attempt_id", "created_at"),)

    id: str = Field(primary_key=True, max_length=ID_LEN)
    attempt_id: str = Field(foreign_key="attempt.id", ondelete="CASCADE", max_length=ID_LEN)
    author: str = Field(max_length=100)
    body: str = Field(sa_type=Text)
    span_start: int | None = None
    span_end: int | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)


class SessionLockRow(StoreModel, table=True):
    """Which running app has a session open (session_lock.py); kept alive by its heartbeat."""

    __tablename__ = "session_lock"

    session_id: str = Field(
        primary_key=True, foreign_key="practice_session.id", ondelete="CASCADE", max_length=ID_LEN
    )
    holder: str = Field(max_length=ID_LEN)
    """A random id of the app instance holding the session."""
    owner: str = Field(max_length=200)
    """Where that instance runs, for people: host and process id."""
    acquired_at: datetime = Field(sa_type=UTCDateTime)
    heartbeat_at: datetime = Field(sa_type=UTCDateTime)


class ResultTallyRow(StoreModel, table=True):
    """What one question of one session adds to the progress tallies (tally.py): its result
    as session_record.py counts it, kept so that a change to it can take the old one back."""

    __tablename__ = "progress_result"
    __table_args__ = (
        # Covers the progress screen's recent results per question: no table reads.
        Index("ix_progress_result_series", "candidate_id", "question_id", "at", "session_id",
              "score"),
    )

    session_id: str = Field(
        primary_key=True, foreign_key="practice_session.id", ondelete="CASCADE", max_length=ID_LEN
    )
    question_id: str = Field(primary_key=True, max_length=KEY_LEN)
    candidate_id: str = Field(foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN)
    at: datetime = Field(sa_type=UTCDateTime)
    """When the question was last answered in the session (its newest attempt)."""
    score: float
    """The question's result: its best attempt's final score."""
    answer_s: float
    """The best attempt's answer time."""
    points: list[list[Any]] = Field(sa_type=JSON)
    """[rubric_id, key, met] per rubric point of the result, a follow-up's hit counted."""


class QuestionTallyRow(StoreModel, table=True):
    """A candidate's results on one question, one per session it was answered in (tally.py)."""

    __tablename__ = "progress_question"

    candidate_id: str = Field(
        primary_key=True, foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN
    )
    question_id: str = Field(primary_key=True, max_length=KEY_LEN)
    answers: int
    """Sessions the question was answered in (retries are attempts of the same answer)."""
    best: float
    """The best effective score (the coach's when given, else the auto score)."""
    answer_s_total: float
    """The sum of the results' answer times."""
    last_at: datetime = Field(sa_type=UTCDateTime)


class PointTallyRow(StoreModel, table=True):
    """How often one rubric point was met in a candidate's results on one question."""

    __tablename__ = "progress_point"

    candidate_id: str = Field(
        primary_key=True, foreign_key="candidate.id", ondelete="CASCADE", max_length=ID_LEN
    )
    question_id: str = Field(primary_key=True, max_length=KEY_LEN)
    rubric_id: str = Field(primary_key=True, max_length=KEY_LEN)
    key: str = Field(primary_key=True, max_length=KEY_LEN)
    answers: int
    """Results (one per session) that have the point."""
    hits: int
    """Results where the point counts as met (session_record.py: coach over scorer, and a
    follow-up that met it)."""


METADATA = StoreModel.metadata
