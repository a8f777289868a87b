"""The rule that picks, from an answer a coach credited, the words that say the point."""

from __future__ import annotations

import pytest

from mockroom.core.credited_words import MAX_EN_WORDS, MAX_ZH_CHARS, credited_words, segments, trim

RESTORE = ("先恢复业务", "Restores service first", "先用回滚或切换备用等临时手段恢复业务。",
           "Switch to a standby or roll back to restore service first.")


@pytest.mark.parametrize(
    ("segment", "trimmed"),
    [
        ("1. 首先我会马上回滚", "马上回滚"),
        ("第二，然后我们会拉群", "拉群"),
        ("- I would roll back the release", "roll back the release"),
        ("  “先止血”  ", "先止血"),
        ("and then we'd fail over", "fail over"),
        ("我会", "我会"),  # nothing would be left: kept as it is
        ("then", "then"),
    ],
)
def test_trim(segment: str, trimmed: str) -> None:
    assert trim(segment) == trimmed


def test_segments_split_at_clause_marks_and_at_the_words_that_start_a_new_step() -> None:
    text = "1. 首先我会马上打电话道歉，然后把流量切到备用机房；2. I would roll back the release before hunting for the cause. 好"
    assert segments(text) == ["马上打电话道歉", "把流量切到备用机房", "roll back the release", "before hunting for the cause"]


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("我先向客户道歉。运维马上切换到备用机房，让业务先跑起来。之后复盘。", "让业务先跑起来"),
        ("I apologised and switched traffic to the standby site so the business could run again.",
         "switched traffic to the standby site"),
    ],
)
def test_without_a_comment_the_segment_closest_to_the_point(answer: str, words: str) -> None:
    assert credited_words(answer, [], RESTORE) == (words, "clause")


def test_a_commented_passage_wins_over_the_closest_clause() -> None:
    answer = "我先向客户道歉。运维马上切换到备用机房，让业务先跑起来。"
    start = answer.index("切换到备用机房")
    assert credited_words(answer, [(start, start + 7)], RESTORE) == ("切换到备用机房", "comment")
    # A passage outside the answer, or without a usable segment, is passed over.
    assert credited_words(answer, [(0, 999), (0, 1)], RESTORE)[1] == "clause"


def test_long_clauses_are_cut_to_a_phrase_around_the_point() -> None:
    zh = "技术上我会马上让运维把全部流量都切换到我们在上海的备用机房去保证客户先能用起来"
    words, _ = credited_words(zh, [], RESTORE)
    assert len(words) == MAX_ZH_CHARS and words in zh
    en = "we quickly moved every single customer workload over to the standby region in the other city overnight"
    words, _ = credited_words(en, [], RESTORE)
    assert len(words.split()) == MAX_EN_WORDS and words in en and "standby" in words


def test_nothing_usable() -> None:
    assert credited_words("好。嗯，OK", [], RESTORE) == ("", "clause")
