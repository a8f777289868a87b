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
