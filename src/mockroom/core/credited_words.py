"""The words of an answer that say a rubric point, as a phrase a rubric could hold.

Given the passages a coach commented on (if any) and texts saying what the point is about
(its label, tip and phrases), the rule is:

1. the text to look in is the first commented passage that holds a usable segment, else the
   whole answer;
2. it is cut into clauses at clause punctuation (，。；：、 and the ASCII ones), and each
   clause into segments before the conjunctions and prepositions that start a new step
   (然后, 并且, 以便…; and, by, before, so that…);
3. each segment loses its list marker (1. / - / 第一，) and opening connectives (首先, 我会,
   I would…); segments with fewer than two Chinese characters and no English word of three
   letters are dropped;
4. the segment closest to the point wins: the highest rapidfuzz `partial_ratio` against any
   of the point's texts, the earliest on a tie;
5. a winner longer than a phrase should be (MAX_ZH_CHARS characters, MAX_EN_WORDS words) is
   cut to that size around the part best aligned with the point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from mockroom.core.text import CLAUSE_END, cjk_count, has_cjk, normalize_phrase

MAX_ZH_CHARS = 12
MAX_EN_WORDS = 6

_LIST_MARKER = re.compile(r"^\s*(?:\d+\s*[.、)）]|[-*•·]|[(（]\d+[)）]|第[一二三四五六七八九十]+(?:步|点)?[，、,：:]?)\s*")
_OPENERS_ZH = ("首先", "其次", "然后", "接着", "之后", "最后", "同时", "另外", "此外", "并且",
               "而且", "所以", "因此", "我会", "我们会", "我要", "我们要", "我就", "我们就")
_OPENERS_EN = ("first", "firstly", "second", "then", "next", "also", "and", "so", "finally",
               "i would", "i'd", "i will", "i'll", "we would", "we'd", "we will", "we'll", "i", "we")
_SEGMENT_ZH = re.compile("(?=然后|并且|同时|之后再|以后再|以便|因为|所以|而且|但是|可是)")
_SEGMENT_EN = re.compile(
    r"\s+(?=(?:and|but|by|before|after|while|because|so that|so|then|until|which|in order to)\b)",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_QUOTES = " \t\"'“”‘’「」《》[]【】"


def credited_words(answer: str, passages: Sequence[tuple[int, int]], about: Sequence[str]) -> tuple[str, str]:
    """(phrase, `comment` or `clause`): the words that say the point, "" when none will do."""
    refs = [r for r in (normalize_phrase(a) for a in about) if r]
    for start, end in passages:
        if 0 <= start < end <= len(answer):
            words = closest_segment(answer[start:end], refs)
            if words:
                return words, "comment"
    return closest_segment(answer, refs), "clause"


def closest_segment(text: str, refs: Sequence[str]) -> str:
    best, best_score = "", -1.0
    for segment in segments(text):
        score = max((fuzz.partial_ratio(r, normalize_phrase(segment)) for r in refs), default=0.0)
        if score > best_score:
            best, best_score = segment, score
    return _cut(best, refs) if best else ""


def segments(text: str) -> list[str]:
    """The usable segments of `text`, trimmed, in order (rules 2 and 3)."""
    out = []
    for clause in _clauses(text):
        for part in _SEGMENT_EN.split(clause) if not has_cjk(clause) else _SEGMENT_ZH.split(clause):
            words = trim(part)
            if cjk_count(words) >= 2 or any(len(w) >= 3 for w in _EN_WORD.findall(words)):
                out.append(words)
    return out


def _clauses(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in CLAUSE_END:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def trim(segment: str) -> str:
    """Without a list marker, opening connectives and the spaces and quotes around it."""
    text = _LIST_MARKER.sub("", segment).strip(_QUOTES)
    changed = True
    while changed:
        changed = False
        for opener in _OPENERS_ZH:
            if text.startswith(opener) and len(text) > len(opener) + 1:
                text, changed = text[len(opener) :].lstrip(_QUOTES), True
        for opener in _OPENERS_EN:
            if text.casefold().startswith(opener + " ") and len(text.split()) > len(opener.split()):
                text, changed = text[len(opener) :].lstrip(_QUOTES), True
    return text


def _cut(words: str, refs: Sequence[str]) -> str:
    """`words` cut to a phrase's size around the part best aligned with the point (rule 5)."""
    if has_cjk(words):
        if len(words) <= MAX_ZH_CHARS:
            return words
        centre = _aligned_centre(words, refs)
        start = max(0, min(len(words) - MAX_ZH_CHARS, centre - MAX_ZH_CHARS // 2))
        return words[start : start + MAX_ZH_CHARS].strip(_QUOTES)
    tokens = list(_EN_WORD.finditer(words))
    if len(tokens) <= MAX_EN_WORDS:
        return words
    centre = _aligned_centre(words, refs)
    nearest = min(range(len(tokens)), key=lambda i: abs(tokens[i].start() - centre))
    first = max(0, min(len(tokens) - MAX_EN_WORDS, nearest - MAX_EN_WORDS // 2))
    return words[tokens[first].start() : tokens[first + MAX_EN_WORDS - 1].end()]


def _aligned_centre(words: str, refs: Sequence[str]) -> int:
    """Offset in `words` of the middle of its best alignment with any of `refs`."""
    low = words.lower()
    found = [a for a in (fuzz.partial_ratio_alignment(r, low) for r in refs) if a is not None]
    if not found:
        return len(words) // 2
    best = max(found, key=lambda a: a.score)
    return (best.dest_start + best.dest_end) // 2
