"""Whether an answer gives a concrete detail: a figure, a count, a length of time ("30分钟",
"两周", "3%", "twelve engineers").

Graded answers that named the points without a single one were graded as generic: in three
sets written independently, English ones that scored 60 or more were over-scored by 8 to 28
points on average, Chinese ones by 4 to 7 (`mockroom eval`, 2026-12-04). The scorer keeps
less of such an answer's score above a pass (see `GENERIC_FROM` in the scorer).
"""

from __future__ import annotations

import re

_FIGURE = re.compile(
    r"\d"
    r"|[二三四五六七八九十两半百千万](?![个项层步](?:方面|部分|原因|步骤|阶段|层面|角度|维度|类|点|种|块))[个次周天小时分钟年月倍成家人轮条张位项期层级步]"
    r"|一(?:周|天|小时|个?月|年|分钟|个?季度|个?工作日)"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|hundred|thousand|half|dozen)\b(?! (?:things|parts|ways|steps|points|areas|sides|options|aspects|phases|stages|kinds|types|reasons)\b)"
    r"|\b(?:a|an|one)\s+(?:week|day|hour|month|year|minute|quarter|business day)\b"
)
"""On normalised text (lower case, simplified, full-width digits folded): a digit, a Chinese
numeral before a measure word or unit of time, an English number word, or one unit of time
(一周内, "within a week"). Not 一个 and the like: "一个客户" is "a customer", no figure; nor
a count of the answer's own parts (分两个方面, 三点, "two parts", "three things"): that is
structure, not a detail of what was done."""


def has_figure(text: str) -> bool:
    """Whether the normalised text gives a figure, a count or a length of time."""
    return _FIGURE.search(text) is not None
