"""The one-pass search of a question's phrases finds what asking about each phrase finds.

`PhraseSearch` leaves out the phrases an answer cannot hold and asks `AnswerView.find`
about the rest, so for every phrase and every answer the two must agree exactly: the same
matches, kinds and spans. Answers are generated from the pieces that make the search's
shortcuts matter: whole phrases, their halves (gapped matches), a character swapped for a
homophone (pinyin typos), English words glued, split or misspelt, punctuation and spaces.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockroom.core import pinyin_table
from mockroom.core.bank import load_bank
from mockroom.core.matching import AnswerView, Phrase, compile_phrase, vocabulary, with_synonyms
from mockroom.core.phrase_search import PhraseSearch
from mockroom.core.text import CJK_RUN

BANK = load_bank()
RUBRIC_PHRASES = sorted(
    {p for r in BANK.rubrics.values() for c in r.criteria for p in c.phrases.all()}
)
FLAG_PHRASES = sorted({p for r in BANK.rubrics.values() for f in r.red_flags for p in f.phrases.all()})
PHRASES: list[Phrase] = [v for raw in RUBRIC_PHRASES for v in with_synonyms(raw)]
PHRASES += [compile_phrase(raw) for raw in FLAG_PHRASES]
SEARCH = PhraseSearch(PHRASES)
VOCABULARY = vocabulary(tuple(PHRASES))


def _homophones() -> dict[str, str]:
    """For each Chinese character of the phrases, another character that sounds the same."""
    table = pinyin_table.table()
    by_sound: dict[int, str] = {}
    for cp in range(0x4E00, 0x9FA6):
        n = table.number(cp)
        if n is not None:
            by_sound.setdefault(n, chr(cp))
    out = {}
    for ch in {c for p in PHRASES for c in p.compact if CJK_RUN.match(c)}:
        n = table.number(ord(ch))
        if n is not None and by_sound[n] != ch:
            out[ch] = by_sound[n]
    return out


HOMOPHONES = _homophones()


def _pieces() -> list[str]:
    rng = random.Random(5)
    out = ["，", "。", "、", "：", "\n", " ", "  ", "-", "不", "没", "我们会", "the", "and", "1."]
    for p in rng.sample(PHRASES, 400):
        text = p.raw if not p.synonym else p.norm
        out.append(text)
        if p.is_cjk and len(p.compact) >= 4:
            k = rng.randrange(2, len(p.compact) - 1)
            out += [p.compact[:k], p.compact[k:]]  # a gapped match when something comes between
        swappable = [i for i, ch in enumerate(p.compact) if ch in HOMOPHONES]
        if swappable:
            i = rng.choice(swappable)
            out.append(p.compact[:i] + HOMOPHONES[p.compact[i]] + p.compact[i + 1 :])
        for w in p.words:
            out.append(w)
            if len(w) >= 5:
                i = rng.randrange(len(w))
                out.append(w[:i] + w[i + 1 :])  # a typo
            if len(w) >= 4:
                out.append(w[:2] + " " + w[2:])  # split in two words
        if len(p.words) > 1:
            out.append(p.joined)
    return out


PIECES = _pieces()
ANSWERS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ANSWERS, rule_out=st.booleans(), fuzzy=st.booleans())
def test_the_search_finds_what_each_phrase_finds(answer: str, rule_out: bool, fuzzy: bool) -> None:
    view = AnswerView(answer)
    if rule_out:  # as the scorer does; without it, no English phrase is left out
        view.rule_out(VOCABULARY)
    hits = SEARCH.scan(view)
    expected = [(p, view.find(p, fuzzy)) for p in PHRASES]
    for p, where in expected:
        assert hits.find(p, fuzzy) == where, (answer, p.raw, p.norm)
    assert hits.found(PHRASES, fuzzy) == [(p, where) for p, where in expected if where]


@pytest.mark.parametrize(
    ("phrase", "answer", "kind"),
    [
        ("道歉", "我会真诚地道歉。", "exact"),
        ("根因分析", "我们会做跟因分析。", "pinyin"),
        ("汇报进度", "我会定期汇报处理进度。", "gapped"),
        ("补偿方案", "主动给出赔偿方案", "synonym"),
        ("roll back", "we did a rollback", "exact"),
        ("rollback", "we will roll back", "exact"),
        ("postmortem", "we hold a postmortam", "fuzzy"),
        ("<percent>", "留存从60%提到85%", "pattern"),
    ],
)
def test_each_kind_of_match_passes_the_search(phrase: str, answer: str, kind: str) -> None:
    variants = with_synonyms(phrase)
    view = AnswerView(answer)
    view.rule_out(vocabulary(tuple(variants)))
    hits = PhraseSearch(variants).scan(view)
    kinds = [f.kind for p in variants for f in hits.find(p)]
    assert kind in kinds


def test_absent_phrases_are_left_out_without_a_search_each() -> None:
    view = AnswerView("我们先把业务恢复，再一起复盘。")
    view.rule_out(VOCABULARY)
    hits = SEARCH.scan(view)
    assert compile_phrase("复盘") in hits.candidates
    assert compile_phrase("根因分析") not in hits.candidates
    assert compile_phrase("root cause analysis") not in hits.candidates


def test_a_phrase_outside_the_search_is_still_looked_for() -> None:
    view = AnswerView("先回滚")
    hits = PhraseSearch([]).scan(view)
    assert [f.kind for f in hits.find(compile_phrase("回滚"))] == ["exact"]
