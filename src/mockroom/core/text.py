"""Text helpers for matching Chinese and English answers.

Matching runs on a normalised copy of the answer (NFKC folds full-width forms
such as ＳＬＡ and ３０ to their plain forms; lower-case), and every offset found
there is mapped back to the answer as the candidate typed it, so highlights
land on the right characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from mockroom.core import pinyin_table, t2s

CJK_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
"""A Chinese character, as a class for patterns that need exactly one (lint's look-behind)."""
CJK_RUN = re.compile(CJK_CLASS + "+")
"""A run of Chinese characters: the one pattern of them that scoring compiles. Compiling a class
of these ranges costs about 1 ms (Python fills a table entry for each of ~28,000 characters),
so single characters are asked of it too (`search`, `match` at a place, `is_cjk_char`)."""
WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
SPACE_RE = re.compile(r"\s+")
SENTENCE_END = set("。！？!?；;\n") | {"."}
CLAUSE_END = SENTENCE_END | set("，,、：:（）()")
SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]+|\.(?!\d)")
"""A run of sentence ends, as a pattern; a dot between digits (3.5) is a decimal point."""


class Normalized(NamedTuple):
    text: str
    """Normalised text (NFKC, lower case)."""
    to_orig: tuple[int, ...] | None
    """to_orig[i] = index in the original of normalised char i; None means identical offsets."""
    orig_len: int

    def orig(self, i: int) -> int:
        if self.to_orig is None:
            return i
        return self.to_orig[i] if i < len(self.to_orig) else self.orig_len


_CAPITAL_SIGMA = "\u03a3"
"""Lower-cased by its context in a whole string (σ or ς), to σ on its own."""
_COMMON_WIDE = tuple((ch, unicodedata.normalize("NFKC", ch)) for ch in "，：；！？（）　")


def normalize(text: str) -> Normalized:
    """NFKC + lower case + traditional Chinese to simplified, keeping a map back to original
    offsets.

    Folding per character (not NFKC of the whole string) keeps offsets exact: no
    composition across characters can shift a highlight. Simplifying may change a
    word's length (使用者 -> 用户); `t2s` says where each character came from.
    """
    if text.isascii():
        return Normalized(text.lower(), None, len(text))
    folded = _fold_typical(text)
    to_orig: tuple[int, ...] | None = None
    if folded is None:
        pieces = [_fold_char(ch) for ch in text]
        folded = "".join(pieces)
        if len(folded) != len(text):
            to_orig = tuple(i for i, piece in enumerate(pieces) for _ in piece)
    if CJK_RUN.search(folded) is not None:
        simplified = t2s.convert(folded)
        folded = simplified.text
        if simplified.to_source is not None:  # 使用者 became 用户: map through both steps
            to_orig = tuple(to_orig[j] if to_orig else j for j in simplified.to_source)
    return Normalized(folded, to_orig, len(text))


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def _fold_typical(text: str) -> str | None:
    """`text` folded without a look at each of its characters, when the only ones that
    change are common full-width punctuation and capitals (most answers); else None."""
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    if _CAPITAL_SIGMA in text or not unicodedata.is_normalized("NFKC", text):
        return None
    # No character left changes under NFKC (one that does makes the text not normalised),
    # so folding is lower-casing, which is per character but for the final sigma. A lower
    # case of the same length mapped every character to one.
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def normalize_phrase(phrase: str) -> str:
    folded = SPACE_RE.sub(" ", unicodedata.normalize("NFKC", phrase).lower()).strip()
    return t2s.convert(folded).text if CJK_RUN.search(folded) else folded


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


def cjk_count(text: str) -> int:
    return sum(map(len, CJK_RUN.findall(text)))


def is_cjk_char(text: str) -> bool:
    """Whether `text` is one Chinese character."""
    return len(text) == 1 and CJK_RUN.match(text) is not None


def words(text: str) -> list[re.Match[str]]:
    """Latin words (and numbers) of normalised text."""
    return list(WORD_RE.finditer(text))


_SPELLING = (("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"))
_SUFFIXES = ("ations", "ation", "ings", "ing", "ed", "es", "s", "ly")
_IRREGULAR = {
    form: base
    for base, *forms in (
        line.split()
        for line in """
        be was were been; begin began begun; break broke broken; bring brought; build built;
        buy bought; catch caught; choose chose chosen; come came; do did done; draw drew drawn;
        drive drove driven; fall fell fallen; feel felt; fight fought; find found; forget forgot
        forgotten; get got gotten; give gave given; go went gone; grow grew grown; hear heard;
        hide hid hidden; hold held; keep kept; know knew known; lead led; leave left; lose lost;
        make made; mean meant; meet met; pay paid; rebuild rebuilt; rewrite rewrote rewritten;
        rise rose risen; run ran; say said; see saw seen; sell sold; send sent; show shown;
        sit sat; speak spoke spoken; spend spent; stand stood; take took taken; teach taught;
        tell told; think thought; throw threw thrown; understand understood; win won;
        withdraw withdrew withdrawn; write wrote written
        """.replace("\n", " ").split(";")
    )
    for form in forms
}
"""Irregular verb forms, by their base: "heard him out" is "hear out", "took ownership" is
"take ownership". Only verbs an answer about work is likely to use."""
_VOWELS = frozenset("aeiou")


def is_past_form(word: str) -> bool:
    """Whether `word` looks like a past tense or participle ("rolled", "heard")."""
    return word in _IRREGULAR or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light English stemmer: inflections, common irregular verb forms and
    -ise/-ize only. A full stemmer (Porter, Snowball) folds further than answers need and
    joins words apart (organization and organ) while leaving "heard" and "hear" apart."""
    w = _IRREGULAR.get(word.replace("’", "'"), word.replace("’", "'"))
    for brit, us in _SPELLING:
        if w.endswith(brit):
            w = w[: -len(brit)] + us
            break
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"  # policies, applied -> policy, apply
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if suf != "ly" and len(w) == 3 and _consonant_vowel_consonant(w):
                w += "e"  # taking, noted -> take, note (as "take", "note" themselves)
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    elif len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # stepping -> stepp -> step, planned -> plann -> plan
    return w


def _consonant_vowel_consonant(w: str) -> bool:
    return w[0] not in _VOWELS and w[1] in _VOWELS and w[2] not in _VOWELS and w[2] not in "wxy"


def pinyin_of(ch: str) -> str:
    """Toneless pinyin of one Chinese character (its most common reading), or the character itself."""
    return pinyin_table.reading(ch) or ch
