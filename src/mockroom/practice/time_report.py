"""How a session's time was spent, for the end report: per question, thinking (prep) and
answering (overtime included) of its first answer, which is what the budget is charged
with (core/timing.Budget); retries and follow-ups are practice on top, outside the budget."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockroom.store import AttemptRec


@dataclass(frozen=True)
class QuestionTime:
    question_id: str
    thinking_s: float
    """From showing the question to starting the answer (prep, or the first keystroke)."""
    answering_s: float
    """Answer time, overtime included."""
    overtime_s: float
    extra_s: float
    """Time in this question's retries and follow-ups (not charged to the budget)."""


@dataclass(frozen=True)
class TimeReport:
    questions: tuple[QuestionTime, ...]
    """In the order first answered."""
    budget_s: float | None
    """The session's total budget (None: a session of an older version without one)."""

    @property
    def used_s(self) -> float:
        """What the budget was charged: every question's thinking and answering."""
        return sum(q.thinking_s + q.answering_s for q in self.questions)

    @property
    def extra_s(self) -> float:
        return sum(q.extra_s for q in self.questions)

    @property
    def left_s(self) -> float | None:
        return None if self.budget_s is None else max(0.0, self.budget_s - self.used_s)

    @property
    def over_s(self) -> float:
        return 0.0 if self.budget_s is None else max(0.0, self.used_s - self.budget_s)


def first_answers(attempts: Sequence[AttemptRec]) -> list[AttemptRec]:
    """Each question's first main answer (not a retry, not a follow-up), in order."""
    seen: set[str] = set()
    firsts = []
    for a in attempts:
        if a.follow_up_of is None and a.question_id not in seen:
            seen.add(a.question_id)
            firsts.append(a)
    return firsts


def budget_spent(attempts: Sequence[AttemptRec]) -> float:
    """What a session's stored answers have charged its budget."""
    return sum(a.timing.prep_s + a.timing.answer_s for a in first_answers(attempts))


def time_report(attempts: Sequence[AttemptRec], budget_s: float | None) -> TimeReport:
    firsts = first_answers(attempts)
    first_ids = {a.id for a in firsts}
    extra: dict[str, float] = {}
    for a in attempts:
        if a.id not in first_ids:
            extra[a.question_id] = extra.get(a.question_id, 0.0) + a.timing.prep_s + a.timing.answer_s
    rows = tuple(
        QuestionTime(a.question_id, a.timing.prep_s, a.timing.answer_s, a.timing.overtime_s,
                     extra.get(a.question_id, 0.0))
        for a in firsts
    )
    return TimeReport(rows, budget_s)
