"""What the store hands out: frozen domain records, free of SQLModel.

The scorer, the TUI and the exporters use these; the table rows stay inside
the store (see convert.py), so the schema can change without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from mockroom.core.result import ScoreResult

Mode = Literal["single", "mock", "due"]
SessionState = Literal["open", "finished", "abandoned"]
MODES: tuple[str, ...] = ("single", "mock", "due")
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
    """single, mock or due."""
    lang: str
    """Prompt language, zh or en."""
    question_ids: tuple[str, ...]
    time_budget_s: int | None
    clock_on: bool
    started_at: datetime
    ended_at: datetime | None
    state: str
    """open, finished or abandoned."""


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
