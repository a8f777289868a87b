"""Properties of the scorer over generated answers (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockroom.core.models import Question
from mockroom.core.scorer import Scorer
from tests.helpers.bank_builders import build, criterion, red_flag

CRITERIA = [
    criterion("apologise", ["道歉", "表示歉意"], ["apologise", "say sorry"], weight=2, required=True),
    criterion("restore", ["回滚", "恢复业务"], ["roll back", "restore service"], weight=2),
    criterion("rca", ["根因分析", "查日志"], ["root cause analysis", "check the logs"], weight=1.5),
    criterion("review", ["复盘"], ["postmortem"]),
]
RED_FLAGS = [red_flag("blame", ["甩锅给客户"], ["blame the customer"], penalty=15)]
PHRASES_ZH = [p for c in CRITERIA for p in c["phrases"]["zh"]]
PHRASES_EN = [p for c in CRITERIA for p in c["phrases"]["en"]]

# Answers are built from pieces an interview answer is made of, plus arbitrary text.
PIECES = st.sampled_from(
    [*PHRASES_ZH, *PHRASES_EN, "我", "不", "会", "没必要", "，", "。", "\n", " ", "not", "we will",
     "but", "而是", "ＳＬＡ", "ﬁ", "😀", "\x00", "\ud800", "甩锅", "客户", "the customer", "blame"]
)
ANSWERS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join),
)
SETTINGS = settings(
    max_examples=150,
    # The same examples on every run: a random draw found the case below on a clean CI run
    # (a failure no one could reproduce from the log alone); run with more examples, or
    # without this, to search further.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def incident(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scorer, Question]:
    return build(
        tmp_path_factory.mktemp("props"),
        CRITERIA,
        red_flags=RED_FLAGS,
        timing={"zh_chars": [40, 400], "en_words": [25, 300]},
    )


@SETTINGS
@given(answer=ANSWERS)
def test_never_raises_and_stays_in_range(incident, answer: str) -> None:
    scorer, question = incident
    result = scorer.score(question, answer)
    assert 0 <= result.score <= 100
    for c in result.criteria:
        assert 0 <= c.credit <= 1
        for m in c.matches:
            assert 0 <= m.start < m.end <= len(answer)
            assert answer[m.start : m.end] == m.text


@SETTINGS
@given(answer=ANSWERS)
def test_same_input_same_result(incident, answer: str) -> None:
    scorer, question = incident
    assert scorer.score(question, answer) == Scorer(scorer.bank).score(question, answer)


@SETTINGS
@given(answer=ANSWERS, phrase=st.sampled_from(PHRASES_ZH))
def test_adding_a_chinese_sentence_with_a_rubric_phrase_never_lowers_the_score(
    incident, answer: str, phrase: str
) -> None:
    scorer, question = incident
    before = scorer.score(question, answer).score
    # A concrete sentence: one of stock phrases (认真, 很重要) may lower the score by design,
    # as it makes the answer vaguer (hypothesis found 28.1 -> 27.9 with one).
    after = scorer.score(question, answer + f"\n我们会先{phrase}，再把处理时间线发给客户。").score
    assert after >= before


@SETTINGS
@given(answer=ANSWERS, phrase=st.sampled_from(PHRASES_EN))
def test_adding_an_english_sentence_with_a_rubric_phrase_never_lowers_the_score(
    incident, answer: str, phrase: str
) -> None:
    scorer, question = incident
    before = scorer.score(question, answer).score
    after = scorer.score(question, answer + f"\nWe will {phrase} carefully, because it matters.").score
    assert after >= before


def test_an_english_sentence_added_to_a_mixed_chinese_answer_does_not_lower_it(
    incident,
) -> None:
    """Found by the property below: the extra sentence made English the majority and the answer
    was re-measured in words only, so its length factor dropped (33.2 -> 28.7 once)."""
    scorer, question = incident
    answer = "先道歉。API timeout 从 3000ms 调到 10000ms，然后 check the logs。"
    longer = answer + "\nWe will check the logs carefully, because it matters."
    assert scorer.score(question, longer).score >= scorer.score(question, answer).score


def test_adding_a_correct_spelling_never_lowers_the_score_of_a_typo_answer(incident) -> None:
    """Found by hypothesis in CI (15.3 -> 15.2 then). Both now score 15.4: the longer answer's
    length factor makes up for the coverage it loses (see the next test)."""
    scorer, question = incident
    before = scorer.score(question, TYPO_ANSWER).score
    after = scorer.score(question, TYPO_ANSWER + CORRECT_SENTENCE).score
    assert after >= before


@pytest.mark.xfail(strict=True, reason=(
    "known: typo tolerance applies only while a word is absent from the answer, so spelling "
    "'check the logs' right drops the fuzzy match in the junk before it, which had earned more "
    "credit (0.882 -> 0.8): coverage 0.204 -> 0.185"
))
def test_adding_a_correct_spelling_never_lowers_the_coverage_of_a_typo_answer(incident) -> None:
    scorer, question = incident
    before = scorer.score(question, TYPO_ANSWER).details["coverage"]
    after = scorer.score(question, TYPO_ANSWER + CORRECT_SENTENCE).details["coverage"]
    assert after >= before


TYPO_ANSWER = "0'0'0|0'0'0:0<0<0/HECK'0&LOGS'0:0'0\u32ff\u00bc"  # found by hypothesis in CI
CORRECT_SENTENCE = "\nWe will check the logs carefully, because it matters."
