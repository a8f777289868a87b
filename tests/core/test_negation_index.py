"""The scorer's fast negation check must agree with the plain one on any text and span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mockroom.core.negation import NegationIndex, is_negated
from mockroom.core.shape import Shape
from mockroom.core.text import words

PIECES = [
    "我", "不", "没有", "不会", "道歉", "退款", "但是", "而是", "不仅", "没必要", "就不提了", "，", "。",
    "、", "：", "\n", " ", "we", "would", "not", "roll back", "but", "instead of", "is not needed",
    "don't", "no", "never again", "a waste", "refund", "isn't", "without", "(", ")", "x", "5",
]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(PIECES), min_size=1, max_size=40),
    a=st.integers(min_value=0, max_value=400),
    b=st.integers(min_value=0, max_value=400),
)
def test_the_index_agrees_with_is_negated(parts: list[str], a: int, b: int) -> None:
    text = "".join(parts)
    start, end = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    index = NegationIndex(text, Shape(text, [(m.group(), m.start(), m.end()) for m in words(text)]).breaks)
    assert index(start, end) == is_negated(text, start, end)
