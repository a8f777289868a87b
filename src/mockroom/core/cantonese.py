"""Written Cantonese to Mandarin, character for character, so that a Hong Kong answer
(未達標嗰部分我會講清楚原因, 佢哋唔係好明白, 冇做覆盤) meets the same phrases and the same
negation cues as Mandarin: 嗰 is 那, 唔 is 不, 冇 is 没, 係 is 是.

Only text that shows it is Cantonese is changed: it holds one of the characters Mandarin
does not write (嘅, 咗, 冇, 哋, 喺, 嗰, 啲, 佢, 嚟), or 唔 before a verb (唔好, 唔會). Each
replacement is as long as what it replaces, so offsets into the answer stay as they are.
"""

from __future__ import annotations

import re

_MARKERS = re.compile("[嘅咗冇哋喺嗰啲佢嚟]|唔[係好使會該同知]")
_WORDS = str.maketrans(
    {
        "嘅": "的", "咗": "了", "冇": "没", "哋": "们", "喺": "在", "嗰": "那", "啲": "些",
        "佢": "他", "嚟": "来", "睇": "看", "畀": "给", "揾": "找", "搵": "找", "攞": "拿",
    }
)
_NOT = re.compile(r"唔(?![\s，。！？；：、,.!?;:…~～]|$)")
"""唔 before a word is 不 (唔會, 唔使); on its own (唔，我諗下) it is a hesitation."""
_COPULA = re.compile("(?<![關关聯联維维])係(?![數数統统])")
"""係 is 是, but in 關係 (relation) and 係數 (coefficient) it is part of another word."""


_TWO_CHARACTER_WORDS = {"有冇": "是否", "唔好": "不要", "唔使": "不用", "唔該": "谢谢"}
"""Words read whole: 有冇 asks whether (有没 would read as a negation), 唔好 is "do not"."""
_TWO = re.compile("|".join(_TWO_CHARACTER_WORDS))


def to_mandarin(text: str) -> str:
    """`text` with Cantonese words in their Mandarin form, when it is Cantonese; the same
    length either way."""
    if _MARKERS.search(text) is None:
        return text
    text = _TWO.sub(lambda m: _TWO_CHARACTER_WORDS[m.group()], text)
    return _COPULA.sub("是", _NOT.sub("不", text.translate(_WORDS)))
