"""Answer pace: words per minute for an English answer, characters per minute for a Chinese one."""

from __future__ import annotations

import pytest

from mockroom.core.answer_pace import Pace, answer_pace
from mockroom.core.bank import load_bank
from mockroom.core.scorer import score_answer

BANK = load_bank([], builtin=True)
QID = "support.self-introduction"


@pytest.mark.parametrize(
    ("answer", "seconds", "expected"),
    [
        # 13 words in 6 s: 130 words a minute (it is 51 characters)
        ("I led the support desk and cut response time by half last year", 6.0,
         Pace(130.0, "words")),
        # 20 characters (the scorer counts punctuation too) in 10 s: 120 a minute
        ("我负责企业客户的技术支持，带过五人团队。", 10.0, Pace(120.0, "chars")),
        # a Chinese question answered in English is paced in words, whatever the session's language
        ("I handled escalations", 30.0, Pace(6.0, "words")),
    ],
)
def test_pace_is_counted_in_the_answers_own_unit(answer: str, seconds: float, expected: Pace) -> None:
    assert answer_pace(score_answer(BANK, QID, answer), seconds) == expected


def test_no_pace_for_an_answer_given_in_under_a_second() -> None:
    assert answer_pace(score_answer(BANK, QID, "我负责技术支持"), 0.5) is None
