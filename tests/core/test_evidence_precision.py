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


# A rejection's reason names the point again ("回滚可能把现场破坏掉") without affirming it; a
# later step, a contrast or a condition ends that reach. Dismissals after a topic or a list
# (…这些流程都太虚了, "...are overrated") reject what they name.
REJECTED = [
    (
        "support.outage-strategic-customer",
        "我不会急着回滚，回滚只会把现场破坏掉，研发就查不到原因了。",
        "restore-first",
    ),
    (
        "support.outage-strategic-customer",
        "I would not roll back in a hurry, rolling back wipes out the evidence engineering needs.",
        "restore-first",
    ),
    (
        "sales.kpi-setting",
        "跟客户一起定指标、做需求分析这些流程都太虚了，指标我自己拍板就行。",
        "needs-analysis",
    ),
    (
        "sales.kpi-setting",
        "跟客户一起定指标、做需求分析这些流程都太虚了，指标我自己拍板就行。",
        "client-feedback",
    ),
]
AFFIRMED = [
    (
        "support.outage-strategic-customer",
        "我不会急着回滚，先确认是不是这次发布引起的，确认了再回滚，让客户业务先跑起来。",
        "restore-first",
    ),
    (
        "support.outage-strategic-customer",
        "I would not roll back blindly, but once the release is confirmed as the cause, rolling back "
        "comes first.",
        "restore-first",
    ),
]


@pytest.mark.parametrize(("question", "answer", "point"), REJECTED)
def test_a_rejected_point_stays_rejected_through_its_reasons(question: str, answer: str, point: str) -> None:
    result = SCORER.score(BANK.questions[question], answer)
    [criterion] = [c for c in result.criteria if c.key == point]
    assert not criterion.hit and criterion.negated, [(m.text, m.negated) for m in criterion.matches]


@pytest.mark.parametrize(("question", "answer", "point"), AFFIRMED)
def test_a_point_rejected_then_taken_up_again_is_credited(question: str, answer: str, point: str) -> None:
    result = SCORER.score(BANK.questions[question], answer)
    [criterion] = [c for c in result.criteria if c.key == point]
    assert criterion.hit, [(m.text, m.negated) for m in criterion.matches]
