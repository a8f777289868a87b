"""How an answer is written: list items and reasons (what the scorer's notes cap reads)."""

from __future__ import annotations

import pytest

from mockroom.core.matching import AnswerView
from mockroom.core.shape import Shape


def shape(answer: str) -> Shape:
    view = AnswerView(answer)
    return Shape(view.text, view.words)


@pytest.mark.parametrize(
    ("answer", "share"),
    [
        ("- 回滚\n- 道歉\n- 复盘", 1.0),
        ("1. 先回滚\n2. 再道歉", 1.0),
        ("目标：统一会员数据。角色：客户对接人。结果：复购率提升", 1.0),
        ("Goal: one member database\nRole: account lead", 1.0),
        ("我会先回滚，再给客户打电话道歉。之后组织复盘。", 0.0),
        ("我会先回滚。\n- 道歉", 0.5),
        ("", 0.0),
    ],
)
def test_item_share_counts_sentences_that_open_as_list_items(answer: str, share: float) -> None:
    assert shape(answer).item_share == pytest.approx(share)


@pytest.mark.parametrize(
    ("answer", "reasons"),
    [
        ("先回滚，因为客户的业务停着，这样损失最小", 2),
        ("Roll back first so that their orders flow again, for example by failing over", 2),
        ("先回滚，再道歉，然后复盘", 0),
        ("Roll back. Apologise. Postmortem.", 0),
        ("the sincerity of it", 0),  # "since" only as a whole word
    ],
)
def test_reasons_counts_words_that_say_why(answer: str, reasons: int) -> None:
    assert shape(answer).reasons == reasons
