"""Sentences that report the standard advice rather than say what the candidate does:
"教科书上说要先定假设、随机分组、算样本量" or "I know the standard advice: compare results to the
targets, list next steps". What the candidate makes of it comes in the next sentence, and
`negation` reads it there: "但说实话，我一般不搞这一套" and "Honestly, that's overkill" reject
every item of the advice.

The text looked at is the normalised answer (lower case, simplified Chinese).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from mockroom.core.text import SENTENCE_BREAK

_FRAMING_ZH = re.compile(
    "教科书(?:上)?(?:说|讲|写)|书上(?:说|讲|写)|理论上|按理说|按道理(?:说|讲)?|标准(?:做法|答案)|常规(?:做法|思路)"
    "|大家都说|有人(?:会)?说|别人(?:会)?说|课上(?:讲|说)|培训(?:时|的时候)?(?:讲|说)"
)
_FRAMING_EN = re.compile(
    r"(?:textbook|standard advice|usual advice|standard answer|in theory|the books say|conventional wisdom"
    r"|you're supposed to|you are supposed to|they teach you|people (?:will )?(?:say|tell you)|some would say)\b"
)
"""The advice named as someone else's: the textbook, the standard answer, in theory. Two
patterns, each starting with its words: one alternation of both, or a leading \\b, searches
every place of an answer (about 50 µs an answer instead of 18)."""
_TURNS_AWAY = re.compile(
    r"\s*(?:但是?|不过|可是|然而|其实|说实话|老实说|坦白说|实际上|现实中"
    r"|(?:but|however|honestly|frankly|to be honest|in practice|in reality)\b)"
)
"""How the next sentence opens when it parts from the advice."""
_ANAPHOR = re.compile(r"这一?套|那一?套|这些|那些|这种|那种|\b(?:that|this|it|them|those|these|all that)\b")
"""What points back at the advice from the next sentence."""
_CLAUSE_BREAK = re.compile(r"[，,：:]")


class ReportedAdvice:
    """The sentences of one answer that report the standard advice (usually none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        english = [m.start() for m in _FRAMING_EN.finditer(text) if m.start() == 0 or not text[m.start() - 1].isalnum()]
        self._framing = sorted([m.start() for m in _FRAMING_ZH.finditer(text)] + english)
        self.framed = bool(self._framing)
        """Whether the answer reports any advice at all (most do not)."""

    def reply_to(self, start: int) -> list[str]:
        """The clauses of the next sentence that point back at the advice, when the match at
        `start` lies in a sentence reporting it (after its framing) and the next sentence turns
        away from it ("但说实话", "Honestly,"); none otherwise. Whether they reject it is
        `negation`'s to say."""
        if not self._framing:
            return []
        ends, starts = self._breaks
        k = bisect_right(ends, start) - 1
        sentence_start = ends[k] if k >= 0 else 0
        if not any(sentence_start <= f < start for f in self._framing):
            return []
        k = bisect_left(starts, start)
        if k >= len(starts):
            return []
        nxt = self.text[ends[k] : starts[k + 1] if k + 1 < len(starts) else len(self.text)]
        if _TURNS_AWAY.match(nxt) is None:
            return []
        return [c for c in _CLAUSE_BREAK.split(nxt) if _ANAPHOR.search(c)]

    @cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        """Where each sentence break ends, and where each starts."""
        spans = [m.span() for m in SENTENCE_BREAK.finditer(self.text)]
        return [e for _, e in spans], [s for s, _ in spans]
