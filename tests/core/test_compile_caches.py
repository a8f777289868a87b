"""What a question's first use reuses from questions compiled before it: the caches give
what computing afresh gives, and questions that share a rubric share the work."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockroom.core import related
from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer
from mockroom.core.text import CJK_RUN, normalize_phrase

BANK = load_bank()


def test_a_points_description_is_its_telling_words_worked_out_once() -> None:
    criterion = next(c for r in BANK.rubrics.values() for c in r.criteria)
    parts = [criterion.label.zh, criterion.label.en, criterion.tip.zh, criterion.tip.en]
    text = " ".join([*parts, *criterion.phrases.all()])
    assert related.described(criterion) == related.keys(normalize_phrase(text))
    before = related.described_by.cache_info().hits
    copy = criterion.model_copy(deep=True)  # the same point in another question's rubric
    assert related.described(copy) == related.described(criterion)
    assert related.described_by.cache_info().hits >= before + 2


def test_a_description_handed_out_cannot_change_the_cache() -> None:
    criterion = next(c for r in BANK.rubrics.values() for c in r.criteria)
    mine = related.described(criterion)
    with pytest.raises(AttributeError):
        mine.add("not a telling word")  # type: ignore[attr-defined]
    assert "not a telling word" not in related.described(criterion)


def test_questions_compile_the_same_whether_or_not_their_points_were_seen() -> None:
    question = BANK.questions[sorted(BANK.questions)[0]]
    related.described_by.cache_clear()
    fresh = Scorer(BANK)._compiled(question).described
    words, weights = fresh.by_key, fresh.weights  # worked out with nothing cached
    again = Scorer(BANK)._compiled(question).described
    assert again.by_key == words
    assert again.weights == weights


def test_questions_that_look_for_the_same_phrases_share_one_search() -> None:
    question = BANK.questions[sorted(BANK.questions)[0]]
    copy = question.model_copy(update={"id": f"{question.id}-copy"})  # the same rubric
    search = Scorer(BANK)._compiled(question).search
    assert Scorer(BANK)._compiled(copy).search is search
    other = BANK.questions[sorted(BANK.questions)[1]]
    assert Scorer(BANK)._compiled(other).search is not search
    assert search.phrases == {p for c in Scorer(BANK)._compiled(copy).crits for p in c.phrases} | {
        p for f in Scorer(BANK)._compiled(copy).red for p in f.phrases
    }


def test_questions_sharing_a_rubric_share_its_points_phrases_and_weights() -> None:
    question = BANK.questions[sorted(BANK.questions)[0]]
    copy = question.model_copy(update={"id": f"{question.id}-copy"})  # the same rubric
    first, second = Scorer(BANK)._compiled(question), Scorer(BANK)._compiled(copy)
    assert all(a.phrases is b.phrases for a, b in zip(first.crits, second.crits, strict=True))
    assert second.described.weights is first.described.weights
    assert first.described.weights == related.Weights.of(first.described.by_key.values())


_GLUE = re.compile("[的了我们你他她是在把和让给就再也都将被这那而与及吗呢吧着过会要对一个不没以]")
"""The regular expression `related.keys` once asked of every bigram (now a set of characters)."""


@given(st.text(alphabet=st.sampled_from("的了我们客户复盘回滚发版不没以 roll back customers")))
def test_telling_words_leave_out_the_bigrams_with_glue(text: str) -> None:
    expected = {
        a + b
        for run in CJK_RUN.findall(text)
        for a, b in zip(run, run[1:], strict=False)
        if not _GLUE.search(a + b)
    }
    assert {k for k in related.keys(text) if not k.isascii()} == expected
