"""What the review screens share while a coach works: who is grading, and blind mode."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class ReviewContext:
    """One object passed from the session list to each transcript, so a change sticks."""

    coach: str | None = field(default_factory=lambda: os.environ.get("MOCKROOM_COACH") or None)
    """The coach's name (asked for before the first change when MOCKROOM_COACH is unset)."""
    blind: bool = False
    """Hide auto scores and the scorer's verdicts on answers the coach has not graded."""
    changing: set[str] = field(default_factory=set)
    """Other graders whose work this coach has said, by name, they are changing."""
