"""How fast an answer was given: words per minute in English, characters per minute in Chinese.

One unit per answer, the one its language is counted in (the scorer's `answer_lang` and
`length`: a Chinese answer in characters, an English word in it counting as two; an English
answer in words). A Chinese question answered in English is therefore paced in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockroom.core.result import ScoreResult

MIN_ANSWER_S = 1.0
"""Below this the answer time is too short for a rate to mean anything."""


@dataclass(frozen=True)
class Pace:
    per_minute: float
    unit: Literal["words", "chars"]
    """`words` for an English answer, `chars` for a Chinese one."""


def answer_pace(result: ScoreResult, answer_s: float) -> Pace | None:
    """The answer's pace, None when it was answered in under a second."""
    if answer_s < MIN_ANSWER_S:
        return None
    unit: Literal["words", "chars"] = "chars" if result.answer_lang == "zh" else "words"
    return Pace(round(result.length * 60.0 / answer_s, 1), unit)
