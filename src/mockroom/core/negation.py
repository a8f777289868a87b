"""Is a matched phrase being rejected ("我不会道歉", "we would not roll back")?

We look at the few words before the match, inside its clause and after the
last contrast word (但/而是/but/instead), for a negation cue; and just after
the match for a dismissal ("...是没有必要的", "...is not an option").
Words that start with a negation character but do not negate (不仅, 不断,
not only, no later than) are removed first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from mockroom.core.text import CLAUSE_END

ZH_WINDOW = 7
EN_WINDOW_WORDS = 5

_ZH_NOT_NEGATIONS = (
    "不得不", "不仅", "不只", "不但", "不断", "不管", "不论", "不少", "不久", "不同", "不停",
    "不可或缺", "不错", "不过", "不妨", "不外乎", "毫不犹豫", "无论", "没多久", "不遗余力",
    "能不能", "会不会", "要不要", "是不是", "可不可以", "有没有", "用不用", "需不需要", "行不行",
    "不惜", "不计", "不打折扣", "不间断", "不定期", "不时", "不再",
)
_ZH_CUES = ("不", "没", "别", "无需", "无须", "未", "拒绝", "避免", "绝非", "并非", "勿", "免得")
_ZH_CONTRAST = ("但是", "但", "而是", "却", "可是", "然而")
_ZH_AFTER = ("没有必要", "没必要", "不需要", "不必要", "不必", "不是重点", "不重要", "多余", "不可能", "不考虑")

# Chinese often puts the topic first: "补偿我不会主动提" (compensation, I won't offer).
_ZH_TOPIC_NEGATED = re.compile(
    r"^(我|我们|咱们|这个|这点|这一步|就)?(也|都|就|是|则|可以|绝对|根本)?"
    r"(不会|不用|不做|不提|不给|不必|无需|没必要|没有必要|不需要|不考虑|不打算|就算了|免了)"
)

# "进度延误这些事情就不写了": the topic is named, then left out.
_ZH_LEFT_OUT = re.compile(r"(就|都|也|一概|一律)(不写|不提|不说|不讲|不管|不做|不考虑|略过|省略|跳过|不用管)")

_EN_NOT_NEGATIONS = re.compile(
    r"\b(not only|not just|no later than|no more than|no matter|nothing but|without delay|"
    r"never again|(?:not|never) hesitate|no hesitation|no doubt|(?:not|never) forget|not fail)\b"
)
_EN_CUES = re.compile(
    r"\b(not|no|never|don't|dont|won't|wont|wouldn't|shouldn't|can't|cannot|didn't|doesn't|"
    r"without|refuse|refused|avoid|avoiding|neither|nor|nobody|none|instead of|rather than)\b"
)
_EN_CONTRAST = re.compile(r"\b(but|however|instead(?! of)|rather(?! than))\b")
_EN_AFTER = re.compile(
    r"^\W*(is|are|was|would be|isn't|aren't)?\s*(not needed|not necessary|unnecessary|pointless|"
    r"not an option|out of the question|not my job|a waste|not required|not worth)"
)


_MAY_NEGATE = re.compile(
    r"[不没别无未拒避绝并勿免余算略省跳]|waste|"
    r"\b(?:no|ne|don|won|would|should|can|did|does|with|refuse|avoid|instead|rather|unnecess|"
    r"pointless|out|isn|aren)"
)
"""Something every cue above contains (a superset): a clause without it negates nothing."""


class NegationIndex:
    """`is_negated` for many matches in one answer, mostly answered by binary search.

    `breaks` are the answer's runs of clause-ending characters (as `Shape` finds them).
    A match whose clause holds nothing any cue starts with is not negated; only the
    others, few in most answers, run the full check.
    """

    def __init__(self, text: str, breaks: list[tuple[int, int]]) -> None:
        self.text = text
        self._starts = [a for a, _ in breaks]
        self._ends = [b for _, b in breaks]
        self._may: dict[tuple[int, int], bool] = {}

    def __call__(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, start) - 1  # the last break run starting before the match
        cs = min(self._ends[k], start) if k >= 0 else 0
        k = bisect_right(self._ends, end)  # the first break run ending after it
        ce = max(self._starts[k], end) if k < len(self._starts) else len(self.text)
        may = self._may.get((cs, ce))
        if may is None:
            may = self._may[(cs, ce)] = _MAY_NEGATE.search(self.text, cs, ce) is not None
        return may and (_negated_before(self.text[cs:start]) or _dismissed_after(self.text[end:ce]))


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and text[s - 1] not in CLAUSE_END:
        s -= 1
    e = end
    while e < len(text) and text[e] not in CLAUSE_END:
        e += 1
    return s, e


def is_negated(text: str, start: int, end: int) -> bool:
    """`text` is the normalised answer; [start, end) the match in it."""
    cs, ce = _clause_bounds(text, start, end)
    before = text[cs:start]
    after = text[end:ce]
    return _negated_before(before) or _dismissed_after(after)


def _negated_before(before: str) -> bool:
    zh = before
    for c in _ZH_CONTRAST:
        k = zh.rfind(c)
        if k != -1:
            zh = zh[k + len(c) :]
    zh = zh[-ZH_WINDOW:]
    for w in _ZH_NOT_NEGATIONS:
        zh = zh.replace(w, "")
    if any(c in zh for c in _ZH_CUES):
        return True
    contrasts = list(_EN_CONTRAST.finditer(before))
    en = before[contrasts[-1].end() :] if contrasts else before
    en = " ".join(en.split()[-EN_WINDOW_WORDS:])
    en = _EN_NOT_NEGATIONS.sub(" ", en)
    return _EN_CUES.search(en) is not None


def _dismissed_after(after: str) -> bool:
    head = after[:12]
    if any(c in head for c in _ZH_AFTER) or _ZH_TOPIC_NEGATED.match(after):
        return True
    if _ZH_LEFT_OUT.search(head):
        return True
    return _EN_AFTER.search(after) is not None
