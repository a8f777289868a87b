"""The state of a practice session, apart from how it is drawn.

`Ask` is one thing the candidate is asked (a question, a retry of it, or a
follow-up); `Practice` is the session's plan and progress. Both are plain
Python so the flow can be tested and restored from a draft without the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pydantic loads in the background with the bank, not before the first frame
    from mockroom.core.models import FollowUp, Question, Text
    from mockroom.core.timing import Budget

AskKind = Literal["main", "retry", "follow_up"]

FOLLOW_UP_MIN_S = 60
"""A follow-up gets no prep and half the question's answer time, but at least this much."""


@dataclass(frozen=True)
class Ask:
    question: Question
    kind: AskKind = "main"
    follow_up: FollowUp | None = None
    parent_id: str | None = None
    """The attempt this follows up or retries."""

    @property
    def prompt(self) -> Text:
        return self.follow_up.prompt if self.follow_up else self.question.prompt

    @property
    def limits(self) -> tuple[int, int]:
        """(prep seconds, answer seconds)."""
        t = self.question.timing
        if self.kind == "follow_up":
            return 0, max(FOLLOW_UP_MIN_S, t.answer_seconds // 2)
        return t.prep_seconds, t.answer_seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.id,
            "kind": self.kind,
            "criterion": self.follow_up.criterion if self.follow_up else None,
            "parent": self.parent_id,
        }

    @staticmethod
    def from_dict(d: dict[str, Any], questions: Mapping[str, Question]) -> Ask | None:
        """None when the question (or its follow-up) is no longer in the bank."""
        q = questions.get(str(d.get("question")))
        kind = d.get("kind", "main")
        if q is None or kind not in ("main", "retry", "follow_up"):
            return None
        follow_up = None
        if kind == "follow_up":
            follow_up = next((f for f in q.follow_ups if f.criterion == d.get("criterion")), None)
            if follow_up is None:
                return None
        parent = d.get("parent")
        return Ask(q, kind, follow_up, str(parent) if parent else None)


@dataclass
class Practice:
    session_id: str
    mode: str
    track: str
    questions: list[Question]
    budget: Budget | None = None
    answered: set[str] = field(default_factory=set)
    """Questions with a recorded first answer (retries and follow-ups do not count)."""
    results: list[Any] = field(default_factory=list)
    """The session's attempts (store AttemptRec), oldest first."""

    def next_question(self) -> Question | None:
        return next((q for q in self.questions if q.id not in self.answered), None)

    @property
    def over(self) -> bool:
        """No more questions, or the mock interview's time is up."""
        out_of_time = self.budget is not None and self.budget.exhausted
        return out_of_time or self.next_question() is None

    def position(self, question: Question) -> tuple[int, int]:
        ids = [q.id for q in self.questions]
        n = ids.index(question.id) + 1 if question.id in ids else len(self.answered) + 1
        return n, len(ids)


def pick_questions(
    pool: list[Question], count: int, times_answered: dict[str, int]
) -> list[Question]:
    """The `count` least-practised questions of a track, asked from easiest to hardest."""
    chosen = sorted(pool, key=lambda q: (times_answered.get(q.id, 0), q.difficulty, q.id))[:count]
    return sorted(chosen, key=lambda q: (q.difficulty, q.id))


def mock_budget_s(questions: list[Question]) -> int:
    """A mock interview's total time: every question's prep and answer time."""
    return sum(q.timing.prep_seconds + q.timing.answer_seconds for q in questions)
