"""A red flag is the candidate's own stance, not a story of what someone else did."""

from __future__ import annotations

import pytest

from mockroom.core.attribution import told_of_others
from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer
from mockroom.core.text import normalize


@pytest.mark.parametrize(
    ("sentence", "phrase", "others"),
    [
        ("有个同事直接上生产改了配置", "直接上生产改", True),
        ("一位很资深的工程师绕过审批上了线", "绕过审批", True),
        ("A colleague changed production directly that night", "changed production directly", True),
        ("我一般直接上生产改", "直接上生产改", False),
        ("客户有问题就让他们自己去看文档", "自己去看文档", False),
        ("We change production directly when it is urgent", "change production directly", False),
    ],
)
def test_who_acted_is_read_from_the_clause_before_the_phrase(sentence: str, phrase: str, others: bool) -> None:
    text = normalize(sentence).text
    assert told_of_others(text, 0, text.index(phrase)) is others


def _red_flags(answer: str) -> list[str]:
    bank = load_bank([])
    result = Scorer(bank).score(bank.questions["support.itil-process"], answer)
    return [f.ref for f in result.flags if f.code == "red-flag"]


def test_a_mistake_told_of_a_colleague_is_a_lesson_not_a_red_flag() -> None:
    lesson = "以前有个同事直接上生产改了配置，结果月结跑不出来，从那以后我们改生产都要走变更审批。"
    assert _red_flags(lesson) == []


def test_the_same_words_as_ones_own_practice_are_a_red_flag() -> None:
    stance = "流程太慢了，紧急的时候我一般直接上生产改，改完再说。"
    assert _red_flags(stance) == ["skips-process"]


def test_someone_the_candidate_has_do_it_is_the_candidates_stance() -> None:
    assert _red_flags("紧急的时候我会让同事直接上生产改，流程事后再补。") == ["skips-process"]
