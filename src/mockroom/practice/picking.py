"""Which questions a session asks: those due for review, or the least practised of a track."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.models import Question
    from mockroom.store.repo import Store


def pick_questions(
    pool: list[Question], count: int, times_answered: dict[str, int]
) -> list[Question]:
    """The `count` least-practised questions of a track, asked from easiest to hardest."""
    chosen = sorted(pool, key=lambda q: (times_answered.get(q.id, 0), q.difficulty, q.id))[:count]
    return sorted(chosen, key=lambda q: (q.difficulty, q.id))


def due_first(bank: Bank, due_ids: list[str], count: int) -> list[Question]:
    """The `count` most overdue questions that are still in the bank."""
    return [bank.questions[i] for i in due_ids if i in bank.questions][:count]


def choose_questions(
    store: Store, bank: Bank, candidate_id: str, track: str, count: int, mode: str
) -> list[Question]:
    """Due mode: what the review schedule says is due; otherwise the least practised."""
    if mode == "due":
        return due_first(bank, store.due_questions(candidate_id, track=track), count)
    # From the running tallies: a long history is never read to count it.
    answered = {
        p.question_id: p.answers
        for p in store.question_progress(candidate_id, track=track, series=1)
    }
    return pick_questions(bank.in_track(track), count, answered)


def mock_budget_s(questions: list[Question]) -> int:
    """A mock interview's total time: every question's prep and answer time."""
    return sum(q.timing.prep_seconds + q.timing.answer_seconds for q in questions)
