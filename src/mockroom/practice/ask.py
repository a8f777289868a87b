"""One thing the candidate is asked: a question, a retry of it, or a follow-up on one point."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pydantic loads in the background with the bank, not before the first frame
    from mockroom.core.models import FollowUp, Question, Text

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
