"""Written Cantonese is read as Mandarin, one character for one, and only when it is Cantonese."""

from __future__ import annotations

import pytest

from mockroom.core.cantonese import to_mandarin
from mockroom.core.text import normalize


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("佢哋唔係好明白", "他们不是好明白"),
        ("我哋冇做覆盤", "我们没做覆盤"),
        ("未達標嗰部分我會講清楚原因", "未達標那部分我會講清楚原因"),
        ("延誤咗兩個禮拜", "延誤了兩個禮拜"),
        ("佢哋嘅關係好好", "他们的關係好好"),  # 係 of 關係 is not the copula
        ("想睇有冇季節性", "想看是否季節性"),  # a question, not 有没
        ("一張圖唔好用太多顏色", "一張圖不要用太多顏色"),
    ],
)
def test_cantonese_words_become_mandarin(cantonese: str, mandarin: str) -> None:
    assert to_mandarin(cantonese) == mandarin


@pytest.mark.parametrize("text", ["關係很重要，系統要升級", "唔，我覺得要先回滾", "我们先回滚，再复盘"])
def test_text_without_cantonese_markers_is_left_alone(text: str) -> None:
    assert to_mandarin(text) == text


def test_a_hesitation_is_not_a_negation() -> None:
    assert to_mandarin("唔，佢哋會先回滾") == "唔，他们會先回滾"


def test_normalised_cantonese_keeps_offsets() -> None:
    answer = "我哋冇回滾，因為佢哋唔想"
    n = normalize(answer)
    assert n.text == "我们没回滚,因为他们不想"
    assert len(n.text) == len(answer) and n.to_orig is None
