"""Small formatting shared by the Markdown and HTML exports."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mockroom.store.records import Transcript, TranscriptItem

if TYPE_CHECKING:
    from mockroom.core.bank import Bank


def when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} s"


def score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def prompt(bank: Bank | None, question_id: str, lang: str) -> str | None:
    """The question's wording from the bank, when the bank has it (exports work without one)."""
    q = bank.questions.get(question_id) if bank else None
    return q.prompt.get(lang) if q else None


def numbered(t: Transcript) -> list[tuple[str, TranscriptItem]]:
    """Each answer with its number as shown to people: 1, 2, ... and 2a, 2b for follow-ups."""
    out: list[tuple[str, TranscriptItem]] = []
    main = 0
    follow = 0
    for item in t.items:
        if item.attempt.follow_up_of is None:
            main, follow = main + 1, 0
            out.append((str(main), item))
        else:
            follow += 1
            out.append((f"{max(main, 1)}{chr(ord('a') + (follow - 1) % 26)}", item))
    return out


def mean_final(t: Transcript) -> float | None:
    scores = [i.final_score for i in t.items if i.attempt.follow_up_of is None]
    return sum(scores) / len(scores) if scores else None
