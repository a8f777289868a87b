"""Every step of a practice session that scores an answer or reads or writes the store.

`PracticeService` holds the bank, the scorer and the clock source. Its methods that take a
`store` block on the database (an interface runs them off its UI thread, one at a time);
the others are quick and only change the `Practice` they are given.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from mockroom.core.timing import Budget, QuestionClock, typing_cpm
from mockroom.practice.ask import Ask
from mockroom.practice.picking import choose_questions, mock_budget_s
from mockroom.practice.session import Practice
from mockroom.store import AttemptTiming

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.models import FollowUp
    from mockroom.core.result import ScoreResult
    from mockroom.core.scorer import Scorer
    from mockroom.core.timing import AttemptTimes
    from mockroom.store import AttemptRec, CandidateRec, DraftRec, SessionRec
    from mockroom.store.repo import Store


class ScoreFailed(Exception):
    """The scorer raised on an answer: nothing was stored, the answer can be submitted again."""


@dataclass(frozen=True)
class Unfinished:
    """A session a closed terminal or a crash left open, with its draft and its answers."""

    session: SessionRec
    draft: DraftRec | None
    attempts: list[AttemptRec]

    @property
    def done(self) -> int:
        """Questions with a first answer."""
        return len({a.question_id for a in self.attempts if a.follow_up_of is None})


@dataclass(frozen=True)
class Returning:
    """Who is practising, read when the store opens."""

    candidate: CandidateRec | None
    unfinished: Unfinished | None


@dataclass(frozen=True)
class Turn:
    """One ask put on screen: its clock, and (when resuming) the draft and when it was shown."""

    ask: Ask
    clock: QuestionClock
    text: str = ""
    shown_at: datetime | None = None


class PracticeService:
    ScoreFailed: ClassVar[type[ScoreFailed]] = ScoreFailed
    """Raised by `record` (here too, so a caller need not import this module to catch it)."""

    def __init__(
        self, bank: Bank, scorer: Scorer, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.bank = bank
        self.scorer = scorer
        self.monotonic = monotonic

    # -- the store, when it opens ------------------------------------------------------------

    @staticmethod
    def returning(store: Store) -> Returning:
        candidate = store.get_candidate()
        if candidate is None:
            return Returning(None, None)
        found = store.unfinished_session(candidate.id)
        if found is None:
            return Returning(candidate, None)
        session, draft = found
        return Returning(candidate, Unfinished(session, draft, store.attempts_for_session(session.id)))

    # -- starting, resuming and moving on ----------------------------------------------------

    def start(
        self, store: Store, candidate_id: str, track: str, count: int, mode: str, lang: str,
        clock_on: bool,
    ) -> Practice | None:
        """A new session, or None when there is nothing to ask (nothing due, an empty track)."""
        questions = choose_questions(store, self.bank, candidate_id, track, count, mode)
        if not questions:
            return None
        total_s = mock_budget_s(questions) if mode == "mock" else None
        ids = [q.id for q in questions]
        s = store.start_session(candidate_id, track, mode, lang, ids, total_s, clock_on)
        budget = Budget(total_s, self.monotonic) if total_s else None
        return Practice(s.id, s.mode, s.track, questions, budget)

    def resume(self, unfinished: Unfinished, auto_submit: bool) -> tuple[Practice, Turn | None, int]:
        """The session as it was left, the question that was being answered (None: go on to
        the next one), and how many of its questions are no longer in the bank."""
        session, draft, attempts = unfinished.session, unfinished.draft, unfinished.attempts
        questions = [self.bank.questions[i] for i in session.question_ids if i in self.bank.questions]
        missing = len(session.question_ids) - len(questions)
        state = draft.clock if draft else {}
        budget = None
        if session.time_budget_s:
            budget = self._restore_budget(session.time_budget_s, state.get("budget"), attempts)
        practice = Practice(
            session.id, session.mode, session.track, questions, budget,
            answered={a.question_id for a in attempts if a.follow_up_of is None},
            results=list(attempts),
        )
        ask = Ask.from_dict(state.get("ask") or {}, self.bank.questions) if draft else None
        if draft is None or ask is None:
            return practice, None, missing
        try:
            clock = QuestionClock.from_dict(state["clock"], self.monotonic, auto_submit=auto_submit)
        except (KeyError, ValueError):
            clock = self.clock_for(ask, auto_submit)
        turn = Turn(ask, clock, draft.text, _parse_time(state.get("shown_at")))
        return practice, turn, missing

    def _restore_budget(self, total_s: int, saved: Any, attempts: list[AttemptRec]) -> Budget:
        if isinstance(saved, dict):
            try:
                return Budget.from_dict(saved, self.monotonic)
            except ValueError:
                pass
        used = sum(a.timing.prep_s + a.timing.answer_s for a in attempts)
        return Budget(total_s, self.monotonic, elapsed=used)

    def clock_for(self, ask: Ask, auto_submit: bool) -> QuestionClock:
        prep, answer = ask.limits
        return QuestionClock(prep, answer, self.monotonic, auto_submit=auto_submit)

    def turn(self, ask: Ask, auto_submit: bool) -> Turn:
        return Turn(ask, self.clock_for(ask, auto_submit))

    @staticmethod
    def retry(attempt: AttemptRec, ask: Ask) -> Ask:
        return Ask(ask.question, "retry", parent_id=attempt.id)

    @staticmethod
    def follow_up(attempt: AttemptRec, ask: Ask, follow_up: FollowUp) -> Ask:
        return Ask(ask.question, "follow_up", follow_up, attempt.id)

    def follow_up_for(self, ask: Ask, attempt: AttemptRec) -> FollowUp | None:
        """The follow-up on the most important point a first answer missed; none after a
        retry or a follow-up."""
        if ask.kind != "main":
            return None
        return self.scorer.follow_up_for(ask.question, attempt.result)

    # -- answers -------------------------------------------------------------------------------

    def score(self, ask: Ask, text: str) -> ScoreResult:
        if ask.kind == "follow_up" and ask.follow_up is not None:
            return self.scorer.score_follow_up(ask.question, ask.follow_up.criterion, text)
        return self.scorer.score(ask.question, text)

    def record(
        self, store: Store, practice: Practice, ask: Ask, text: str, times: AttemptTimes,
        shown_at: datetime, lang: str,
    ) -> AttemptRec:
        """Score and store an answer. Raises ScoreFailed (nothing stored) or StoreError."""
        try:
            result = self.score(ask, text)
        except Exception as e:  # a scorer bug must not leave the answer stuck at "saving"
            raise ScoreFailed(f"{type(e).__name__}: {e}") from e
        timing = AttemptTiming(
            shown_at=shown_at,
            first_key_s=times.first_key_s,
            prep_s=times.prep_s,
            answer_s=times.answer_s,
            overtime_s=times.overtime_s,
            typing_cpm=typing_cpm(text, times.answer_s),
        )
        q = ask.question
        return store.record_attempt(
            practice.session_id, q.id, self.bank.version_of(q.id), lang, text, result, timing,
            follow_up_of=ask.parent_id if ask.kind == "follow_up" else None,
            follow_up_criterion=ask.follow_up.criterion if ask.follow_up else None,
        )

    @staticmethod
    def rate(store: Store, attempt: AttemptRec, rating: int) -> AttemptRec:
        store.set_self_rating(attempt.id, rating)
        return dataclasses.replace(attempt, self_rating=rating)

    # -- drafts and the end --------------------------------------------------------------------

    @staticmethod
    def save_draft(store: Store, practice: Practice, ask: Ask, text: str, state: dict[str, Any]) -> None:
        """Save the draft of `ask`, unless its answer was submitted meanwhile."""
        if practice.answering is ask:
            store.save_draft(practice.session_id, ask.question.id, text, state)

    @staticmethod
    def close(store: Store, session_id: str, finished: bool) -> None:
        if finished:
            store.finish_session(session_id)
        else:
            store.abandon_session(session_id)


def draft_state(
    ask: Ask, clock: QuestionClock, budget: Budget | None, shown_at: datetime
) -> dict[str, Any]:
    """What a resume needs besides the draft's text: the clocks and what was being asked
    (`PracticeService.resume` reads it back)."""
    return {
        "clock": clock.to_dict(),
        "ask": ask.to_dict(),
        "budget": budget.to_dict() if budget else None,
        "shown_at": shown_at.isoformat(),
    }


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
