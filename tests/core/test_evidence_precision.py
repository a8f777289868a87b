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
    ),    # Said in its own words, then turned down in the next clause: no credit by resemblance.
    (
        "support.timeout-cache",
        "后台定时清理那些过了期的条目这些思路我都知道，但我觉得没必要。",
        "active-cleanup",
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


# Fluent filler: values and general claims with a stray rubric word. Written for this test,
# none of them in the bank: each scores at most 20, and a flag says what cost the points.
FILLER = [
    (
        "support.unhappy-customer",
        "我認為處理這類問題，最關鍵的是態度。我們要始終以客戶為中心，高度重視客戶的每一個訴求，"
        "積極主動、認真負責地去面對。在這個過程中，保持良好的溝通非常重要，讓客戶感受到我們的誠意和專業。"
        "只有這樣，才能不斷提升客戶滿意度，贏得客戶長期的信任，實現雙贏。",
    ),
    (
        "sales.client-charts",
        "数据分析在我看来是一门艺术，也是一门科学。好的图表能够让数据自己说话，帮助客户洞察业务的本质，"
        "从而做出更明智的决策。我始终相信，数据的价值不在于数据本身，而在于它能带来的改变。所以我会用心"
        "对待每一份报告，力求做到专业、精准、有温度，真正为客户赋能，助力客户的业务腾飞。",
    ),
    (
        "support.frontend-tech-choice",
        "Great question. For me, choosing a tech stack is never about the technology itself, it's about "
        "the people and the problem. I'd bring an open mind, listen to every perspective, and make sure "
        "we're all rowing in the same direction. Technology changes fast, so the most important thing is "
        "to stay curious, stay humble and keep learning. If we get the culture right, the right technical "
        "choices will follow naturally.",
    ),
    (
        "support.executive-communication",
        "與高層溝通，我認為最重要的就是真誠和專業。高層時間寶貴，我們要換位思考，理解他們的關切，用他們"
        "聽得懂的語言去溝通。同時也要展現出我們的責任感和擔當，讓對方感受到我們是值得信賴的合作夥伴。"
        "只要用心溝通，再大的危機也能化解。",
    ),
    (
        "sales.next-steps",
        "I'm a results-oriented professional with a passion for helping customers succeed. Throughout my "
        "career I have consistently gone above and beyond, bringing energy, ownership and a positive "
        "attitude to every situation. I thrive in fast-paced environments, I learn quickly, and I'm a "
        "natural problem solver who loves a challenge. I'm excited to bring my skills and enthusiasm to "
        "your team and make a meaningful contribution from day one.",
    ),
    (
        "sales.biggest-challenge",
        "这个问题我是这么理解的：做项目，说到底就是做人。一个优秀的项目负责人，既要有全局观，又要注重细节；"
        "既要对客户负责，也要对团队负责。在项目推进的过程中，我一直坚持用心做事、以诚待人，遇到问题不推脱、"
        "不抱怨，始终把客户价值放在第一位。我相信只要态度端正、方法得当，任何挑战都能转化为机遇。",
    ),
]


@pytest.mark.parametrize(("question", "answer"), FILLER)
def test_fluent_filler_scores_at_most_20_and_says_why(question: str, answer: str) -> None:
    result = SCORER.score(BANK.questions[question], answer)
    assert result.score <= 20, [(c.key, c.credit) for c in result.criteria if c.hit]
    if any(c.hit for c in result.criteria):
        costs = {f.code: f.penalty for f in result.flags}
        assert costs.get("vague", 0) > 0 or costs.get("off-point", 0) > 0, costs


def _credit(question: str, answer: str, point: str) -> float:
    result = SCORER.score(BANK.questions[question], answer)
    [criterion] = [c for c in result.criteria if c.key == point]
    return criterion.credit


def test_stock_phrases_beside_a_point_do_not_explain_it() -> None:
    # The same point named in a sentence of values and in a sentence of what was done.
    said_in_values = "我会站在客户的角度，始终真诚、用心、积极主动，让客户感受到我们的诚意和专业的态度。"
    said_in_deeds = "我会站在客户的角度，先让他把停机两天丢了多少订单讲完，再复述一遍，确认我听懂了他的损失。"
    question, point = "support.unhappy-customer", "listen-empathy"
    assert _credit(question, said_in_values, point) < _credit(question, said_in_deeds, point)


def test_an_answer_that_makes_most_points_is_not_off_point_however_long() -> None:
    answer = BANK.questions["support.outage-strategic-customer"].examples[0].answer
    result = SCORER.score(BANK.questions["support.outage-strategic-customer"], answer)
    assert "off-point" not in {f.code for f in result.flags}


@pytest.mark.parametrize(
    ("answer", "credited"),
    [
        ("我们会用心服务，让客户感受到我们的诚意。", False),  # a stock phrase, not empathy
        ("电话里我能感受到他的焦虑，就先让他把损失讲完。", True),
    ],
)
def test_a_point_word_inside_a_stock_phrase_is_not_said(answer: str, credited: bool) -> None:
    result = SCORER.score(BANK.questions["support.unhappy-customer"], answer)
    [criterion] = [c for c in result.criteria if c.key == "listen-empathy"]
    assert criterion.hit is credited, [(m.text, m.phrase) for m in criterion.matches]


def test_a_point_missed_for_a_stock_phrase_says_so_with_the_span() -> None:
    answer = "我们会用心服务，让客户感受到我们的诚意。"
    result = SCORER.score(BANK.questions["support.unhappy-customer"], answer)
    [flag] = [f for f in result.flags if f.code == "stock-phrase"]
    assert flag.ref == "listen-empathy"
    assert [answer[s:e] for s, e in flag.spans] == ["感受"]
