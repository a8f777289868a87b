"""What counts as a concrete detail: a figure, a count, a length of time."""

from __future__ import annotations

import pytest

from mockroom.core.concrete import has_figure
from mockroom.core.text import normalize


@pytest.mark.parametrize(
    "answer",
    ["30分钟内回电话", "两周后复盘", "一周内给出报告", "转化率从3.1%到3.9%", "拉了五个人的小组",
     "兩週後復盤", "ＳＬＡ ４ 小时", "within a week", "twelve engineers on call", "in 2 hours",
     "half the tickets", "once a quarter"],
)
def test_a_figure_a_count_or_a_time_is_concrete(answer: str) -> None:
    assert has_figure(normalize(answer).text)


@pytest.mark.parametrize(
    "answer",
    ["我会先跟一个客户沟通，了解情况", "先恢复业务，再做复盘", "a customer called and we apologised",
     "one of the things we do is listen", "", "我们第一时间响应"],
)
def test_an_article_or_an_ordinal_is_no_figure(answer: str) -> None:
    assert not has_figure(normalize(answer).text)


@pytest.mark.parametrize(
    ("answer", "concrete"),
    [
        ("我分两个方面来说", False),
        ("主要有三点", False),
        ("I'd split the portal into two parts", False),
        ("there are three things I would check", False),
        ("我们派了两个工程师驻场", True),
        ("we had two engineers on site", True),
    ],
)
def test_a_count_of_the_answers_own_parts_is_structure_not_a_detail(answer: str, concrete: bool) -> None:
    assert has_figure(normalize(answer).text) is concrete
