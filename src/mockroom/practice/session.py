"""A practice session's plan and progress: its questions, what was answered, what comes next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mockroom.practice.ask import Ask
from mockroom.practice.modes import feedback_each

if TYPE_CHECKING:
    from mockroom.core.models import Question
    from mockroom.core.timing import Budget, QuestionClock
    from mockroom.practice.last_time import LastTime
    from mockroom.store import AttemptRec


@dataclass
class Practice:
    session_id: str
    mode: str
    track: str
    questions: list[Question]
    budget: Budget | None = None
    """The session's total time (None: a session of an older version that had none)."""
    answered: set[str] = field(default_factory=set)
    """Questions with a recorded first answer (retries and follow-ups do not count)."""
    results: list[AttemptRec] = field(default_factory=list)
    """The session's attempts, oldest first."""
    answering: Ask | None = None
    """What the candidate is answering now: only its drafts may be saved. None from the moment
    an answer is submitted, so a late draft save never lands after the attempt it preceded."""
    last_time: dict[str, LastTime] = field(default_factory=dict)
    """Per question, its last answer before this session, when it may be shown (last_time.py)."""

    @property
    def feedback_each(self) -> bool:
        """Feedback after each answer; an interview keeps it for the end."""
        return feedback_each(self.mode)

    def next_question(self) -> Question | None:
        return next((q for q in self.questions if q.id not in self.answered), None)

    @property
    def over(self) -> bool:
        """No more questions, or the mock interview's time is up."""
        out_of_time = self.budget is not None and self.budget.exhausted
        return out_of_time or self.next_question() is None

    def next_ask(self) -> Ask | None:
        """The next question to ask, or None when the session is over."""
        q = self.next_question()
        return None if self.over or q is None else Ask(q)

    def begin(self, ask: Ask, clock: QuestionClock) -> None:
        """`ask` is on screen: only its drafts may be saved, and a question's first answer
        (not a retry or a follow-up) spends the budget while its clock runs."""
        self.answering = ask
        if self.budget is not None and ask.kind == "main":
            self.budget.ask(clock)

    def position(self, question: Question) -> tuple[int, int]:
        """(n, total): which of the session's questions this is."""
        ids = [q.id for q in self.questions]
        n = ids.index(question.id) + 1 if question.id in ids else len(self.answered) + 1
        return n, len(ids)

    def add(self, attempt: AttemptRec, ask: Ask) -> None:
        """An answer to `ask` was stored."""
        self.results.append(attempt)
        if ask.kind == "main":
            self.answered.add(ask.question.id)
            if self.budget is not None:
                self.budget.charge(attempt.timing.prep_s, attempt.timing.answer_s)

    def replace(self, attempt: AttemptRec) -> None:
        """A stored attempt changed (its self-rating)."""
        self.results = [attempt if a.id == attempt.id else a for a in self.results]

    def previous_of(self, ask: Ask) -> AttemptRec | None:
        """The attempt a retry is compared with; None for anything else."""
        if ask.kind != "retry":
            return None
        return next((a for a in self.results if a.id == ask.parent_id), None)
