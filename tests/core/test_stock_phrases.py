"""Stock phrases: found in normalised text (simplified, lower case), never inside a longer
Latin word, and a phrase is "only stock" when nothing else is left."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockroom.core import stock_phrases
from mockroom.core.matching import AnswerView


def _found(answer: str) -> list[str]:
    text = AnswerView(answer).text
    return [text[s:e] for s, e in stock_phrases.spans(text)]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("我们要高度重视，始终以客户为中心。", ["高度重视", "始终", "以客户为中心"]),
        ("我們要高度重視，始終以客戶為中心。", ["高度重视", "始终", "以客户为中心"]),  # traditional
        ("We stay customer-centric and deliver real value.", ["customer-centric", "real value"]),
        ("先回滚，再查日志。", []),
        ("The keyboard was broken.", []),  # "key" is not a stock word, nor inside words
        ("Always be closing.", ["always"]),
    ],
)
def test_stock_phrases_are_found(answer: str, expected: list[str]) -> None:
    assert _found(answer) == expected


@pytest.mark.parametrize(
    ("phrase", "only"),
    [("持续优化", True), ("going forward", True), ("持续优化转化率", False), ("roll back", False), ("", False)],
)
def test_only_stock(phrase: str, only: bool) -> None:
    assert stock_phrases.only_stock(AnswerView(phrase).text) is only


# The regular expression the automaton replaced: every Chinese stock phrase, longest first.
_ZH_REFERENCE = re.compile("|".join(re.escape(p) for p in sorted(stock_phrases.ZH, key=len, reverse=True)))
_PIECES = st.sampled_from([*stock_phrases.ZH, *{p[: len(p) // 2] for p in stock_phrases.ZH}, "，", "我们", " ", "a"])


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_chinese_stock_phrases_are_found_as_the_regular_expression_finds_them(text: str) -> None:
    assert stock_phrases._zh_spans(text) == [m.span() for m in _ZH_REFERENCE.finditer(text)]


_EN_PIECES = st.sampled_from(
    [*stock_phrases.EN, *{p[: len(p) // 2] for p in stock_phrases.EN}, " ", "-", ",", "s", "un", "我们", "x1"]
)


# The regular expression the automaton replaced: every English stock phrase as whole words, longest first.
_EN_REFERENCE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(stock_phrases.EN, key=len, reverse=True)) + r")\b"
)


def test_every_english_stock_phrase_starts_and_ends_with_a_word_character() -> None:
    """What `_en_spans` relies on to read a whole word as the regular expression's \\b did."""
    assert all(re.fullmatch(r"\w.*\w|\w", p) for p in stock_phrases.EN)


@settings(max_examples=1000)
@given(st.lists(_EN_PIECES, max_size=12).map("".join))
def test_english_stock_phrases_are_found_as_the_regular_expression_finds_them(text: str) -> None:
    assert stock_phrases._en_spans(text) == [m.span() for m in _EN_REFERENCE.finditer(text)]
