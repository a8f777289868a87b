"""core.inert: what a terminal must never be given, each swapped for one visible character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockroom.core.inert import REPLACEMENT, inert, is_inert
from tests.helpers.hostile_corpus import HOSTILE_STRINGS, forbidden_in


@pytest.mark.parametrize(
    ("raw", "line", "block"),
    [
        ("plain 中文 text", "plain 中文 text", "plain 中文 text"),
        ("\x1b[2J", "␛[2J", "␛[2J"),
        ("a\tb\nc", "a␉b␊c", "a\tb\nc"),
        ("cr\r\n", "cr␍␊", "cr␍\n"),
        ("nul\x00 del\x7f", "nul␀ del␡", "nul␀ del␡"),
        ("\x9b2J", f"{REPLACEMENT}2J", f"{REPLACEMENT}2J"),
        ("ab\u202ecd\u2066e\u2069", f"ab{REPLACEMENT}cd{REPLACEMENT}e{REPLACEMENT}",
         f"ab{REPLACEMENT}cd{REPLACEMENT}e{REPLACEMENT}"),
        ("lone \ud800", f"lone {REPLACEMENT}", f"lone {REPLACEMENT}"),
        ("\u200f rlm and \u00a0 nbsp stay", "\u200f rlm and \u00a0 nbsp stay",
         "\u200f rlm and \u00a0 nbsp stay"),
    ],
)
def test_each_kind_of_control(raw: str, line: str, block: bool) -> None:
    assert inert(raw) == line
    assert inert(raw, block=True) == block


def test_the_corpus_comes_out_clean() -> None:
    for raw in HOSTILE_STRINGS:
        assert forbidden_in(inert(raw, block=True)) == []
        assert "\n" not in inert(raw) and "\t" not in inert(raw)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_any_text_keeps_its_length_and_becomes_printable_utf8(raw: str) -> None:
    for block in (False, True):
        out = inert(raw, block=block)
        assert len(out) == len(raw)  # offsets of evidence and comments stay valid
        assert forbidden_in(out) == [] and is_inert(out, block=block)
        out.encode("utf-8")  # no lone surrogate left
        assert inert(out, block=block) == out
