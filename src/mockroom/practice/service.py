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
from mockroom.practice.last_time import LastTime, last_time
from mockroom.practice.modes import shows_last_time
from mockroom.practice.picking import choose_questions, mock_budget_s
from mockroom.practice.session import Practice
from mockroom.practice.time_report import budget_spent
from mockroom.store import AttemptTiming
from mockroom.store.session_lock import (
    HEARTBEAT_S,
    Claimant,
    SessionHolder,
    new_holder,
    this_process,
)

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
    HEARTBEAT_S: ClassVar[int] = HEARTBEAT_S
    """How often the app renews its claim on the session it writes to."""
    ScoreFailed: ClassVar[type[ScoreFailed]] = ScoreFailed
    """Raised by `record` (here too, so a caller need not import this module to catch it)."""

    def __init__(
        self, bank: Bank, scorer: Scorer, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.bank = bank
        self.scorer = scorer
        self.monotonic = monotonic
        self.claimant = Claimant(new_holder(), this_process())
        """This app, as it claims the sessions it writes to (store/session_lock.py)."""

    @property
    def holder(self) -> str:
        """The id of this app's claims."""
        return self.claimant.holder

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
        total_s = None if mode == "single" else mock_budget_s(questions)
        ids = [q.id for q in questions]
        # Started and claimed in one transaction: nobody else can hold a new session.
        s = store.start_session(candidate_id, track, mode, lang, ids, total_s, clock_on,
                                self.claimant)
        budget = Budget(total_s) if total_s else None
        return Practice(s.id, s.mode, s.track, questions, budget)

    @staticmethod
    def last_times(store: Store, candidate_id: str, practice: Practice) -> dict[str, LastTime]:
        """What the session's questions missed when last answered before it (none in an
        interview, which keeps all feedback for its end). Read after the first question is
        on screen: it is only shown on request."""
        if not shows_last_time(practice.mode):
            return {}
        ids = [q.id for q in practice.questions]
        session = store.get_session(practice.session_id)
        found = store.last_answers(candidate_id, ids, before=session.started_at)
        return {qid: last_time(last) for qid, last in found.items()}

    def claim(self, store: Store, session_id: str, take_over: bool = False) -> SessionHolder | None:
        """Claim an existing session for this app: None when it is ours, else the live app
        that has it open (nothing changes then, unless `take_over`)."""
        c = self.claimant
        return store.claim_session(session_id, c.holder, c.owner, take_over=take_over)

    def heartbeat(self, store: Store, session_id: str) -> bool:
        """Renew the claim; False when another app has taken the session over."""
        return store.heartbeat(session_id, self.holder)

    def resume(self, unfinished: Unfinished, auto_submit: bool) -> tuple[Practice, Turn | None, int]:
        """The session as it was left, the question that was being answered (None: go on to
        the next one), and how many of its questions are no longer in the bank."""
        session, draft, attempts = unfinished.session, unfinished.draft, unfinished.attempts
        questions = [self.bank.questions[i] for i in session.question_ids if i in self.bank.questions]
        missing = len(session.question_ids) - len(questions)
        state = draft.clock if draft else {}
        budget = None
        if session.time_budget_s:
            # Rebuilt from the stored answers; the question on screen adds its own clock.
            budget = Budget(session.time_budget_s, budget_spent(attempts))
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
            holder=self.holder,
        )

    @staticmethod
    def rate(store: Store, attempt: AttemptRec, rating: int) -> AttemptRec:
        store.set_self_rating(attempt.id, rating)
        return dataclasses.replace(attempt, self_rating=rating)

    # -- drafts and the end --------------------------------------------------------------------

    def save_draft(
        self, store: Store, practice: Practice, ask: Ask, text: str, state: dict[str, Any]
    ) -> None:
        """Save the draft of `ask`, unless its answer was submitted meanwhile. SessionTaken
        (a StoreError) when another app has taken the session over."""
        if practice.answering is ask:
            store.save_draft(practice.session_id, ask.question.id, text, state, holder=self.holder)

    def close(self, store: Store, session_id: str, finished: bool) -> None:
        if finished:
            store.finish_session(session_id)
        else:
            store.abandon_session(session_id)
        store.release_session(session_id, self.holder)

    def release(self, store: Store, session_id: str) -> None:
        """Give up the claim (the app quits with the session still open)."""
        store.release_session(session_id, self.holder)


def draft_state(ask: Ask, clock: QuestionClock, shown_at: datetime) -> dict[str, Any]:
    """What a resume needs besides the draft's text: the question's clock and what was being
    asked (`PracticeService.resume` reads it back; the budget is rebuilt from the answers)."""
    return {"clock": clock.to_dict(), "ask": ask.to_dict(), "shown_at": shown_at.isoformat()}


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
