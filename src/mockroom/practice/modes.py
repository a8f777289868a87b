"""The kinds of session a candidate can start, and what each one means for the flow.

- practice: feedback after each answer (with its follow-up and retry); the total budget
  pauses while it is shown.
- interview: like a real one-way interview: the questions one after another, no feedback
  until the end; the budget runs only while a question is asked.
- due: practice on the questions the review schedule says are due.

Every session has a total budget (its questions' prep and answer time), spent only while a
question is on screen; when it runs out, the question on screen is the last one. Sessions
stored by older versions say `single` or `mock`: both gave feedback after each answer, and
go on as practice does (`single` without a budget, as it was started).
"""

from __future__ import annotations

START_MODES: tuple[str, ...] = ("practice", "interview", "due")
"""What the start screen offers, in its order."""
DEFAULT_MODE = "practice"


def feedback_each(mode: str) -> bool:
    """Feedback after each answer (every mode but the interview)."""
    return mode != "interview"


def shows_last_time(mode: str) -> bool:
    """A question answered before can show what was missed then (not in an interview, which
    gives no feedback until its end)."""
    return mode != "interview"
