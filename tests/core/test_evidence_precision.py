"""A point is credited only by words that say it: not by a word that means something else
here, nor by an item the answer rejects inside a list. Each answer was written for this test."""

from __future__ import annotations

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer

BANK = load_bank()
SCORER = Scorer(BANK)

CASES = [
    # 对接 is "integrating systems" in a technical reading and "liaising" in a role; the
    # liaising sense (协调, 沟通) must not stand for a technical view of the project.
    (
        "sales.project-background",
        "我负责过一个零售客户的会员系统项目。我的角色是项目经理，负责需求梳理、协调研发和客户沟通。",
        "technical-view",
    ),
    (
        "support.outage-strategic-customer",
        "Afterwards I would not offer a discount or store credit; I would fix the cause and report "
        "to them weekly.",
        "compensation-plan",
    ),
    (
        "support.outage-strategic-customer",
        "优惠券和折扣我都不会给，我会先把问题修好，再每周向客户汇报。",
        "compensation-plan",
    ),
]


@pytest.mark.parametrize(("question", "answer", "point"), CASES)
def test_a_point_is_not_credited_by_words_that_do_not_say_it(
    question: str, answer: str, point: str
) -> None:
    result = SCORER.score(BANK.questions[question], answer)
    [criterion] = [c for c in result.criteria if c.key == point]
    assert not criterion.hit, [m.text for m in criterion.matches]


def test_the_technical_reading_is_still_found_when_said() -> None:
    answer = "技术上，这是一个系统对接的项目：会员系统要和收银的接口打通，数据迁移时还要去重。"
    result = SCORER.score(BANK.questions["sales.project-background"], answer)
    [criterion] = [c for c in result.criteria if c.key == "technical-view"]
    assert criterion.hit
