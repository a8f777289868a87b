"""Messages that background workers post back to the app with their results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.result import ScoreResult
    from mockroom.core.scorer import Scorer
    from mockroom.store import AttemptRec, CandidateRec, DraftRec, SessionRec, Store
    from mockroom.tui.practice import Ask
    from mockroom.tui.screens.question import QuestionScreen


@dataclass
class BankLoaded(Message):
    bank: Bank
    scorer: Scorer


@dataclass
class StoreOpened(Message):
    store: Store
    candidate: CandidateRec | None
    unfinished: tuple[SessionRec, DraftRec | None, list[AttemptRec]] | None


@dataclass
class BootFailed(Message):
    """The bank or the database could not be opened at all."""

    error: str


@dataclass
class CandidateSaved(Message):
    candidate: CandidateRec


@dataclass
class SessionStarted(Message):
    session: SessionRec
    question_ids: list[str]


@dataclass
class AttemptSaved(Message):
    attempt: AttemptRec
    ask: Ask


@dataclass
class DbFailed(Message):
    """A database write failed; `what` names the action for the notice."""

    error: str
    what: str = ""


@dataclass
class Notice(Message):
    """Tell the candidate something by string key."""

    key: str
    fields: dict[str, Any] | None = None


@dataclass
class DraftScored(Message):
    """The background scoring of a draft (None if it failed), for version `version` of it."""

    screen: QuestionScreen
    result: ScoreResult | None
    version: int
