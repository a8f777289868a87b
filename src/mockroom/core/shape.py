"""The shape of an answer: its clauses and sentences, how much each says, and
whether it reads as language or as a list of keywords.

Sizes are in "units": a Chinese character counts one, an English word two.
The scorer asks about every clause and every match, so each kind of position
(Chinese runs, words, function words, clause and sentence breaks) is collected
in one regex pass, and counts between positions are differences of binary
searches, run over whole lists at a time by `map` rather than clause by clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import accumulate, compress, repeat
from operator import add, sub

from mockroom.core.text import CJK_RE, SENTENCE_END

_BREAKS = "。！？!?；;\n，,、：:（）()."
CLAUSE_SPLIT = re.compile(f"[{re.escape(_BREAKS)}]+")
_SENTENCE_SPLIT = re.compile(
    f"[{re.escape(_BREAKS)}]*[{re.escape(''.join(sorted(SENTENCE_END)))}][{re.escape(_BREAKS)}]*"
)
"""A run of breaks that ends a sentence (one holding a sentence end)."""
_CJK_RUN = re.compile(CJK_RE.pattern + "+")
_ZH_FUNCTION = re.compile("[的了我们会是在把和让给对要就先再并也都将被这那时后而与及以从向为还能需]")
EN_FUNCTION = frozenset(
    ["i", "we", "you", "he", "she", "they", "it", "the", "a", "an", "to", "of", "and", "would", "will", "is", "are", "was", "were", "be", "been", "with", "for", "then", "because", "so", "if", "that", "this", "our", "my", "their", "by", "on", "in", "at", "as", "from"]
)


def _counts(positions: list[int], xs: list[int]) -> list[int]:
    """How many of the sorted `positions` lie before each x."""
    return list(map(bisect_left, repeat(positions), xs))


class Shape:
    def __init__(self, text: str, words: list[tuple[str, int, int]]) -> None:
        self.text = text
        runs = [m.span() for m in _CJK_RUN.finditer(text)]
        self._run_starts = [s for s, _ in runs]
        self._run_ends = [e for _, e in runs]
        self._run_prefix = [0, *accumulate(e - s for s, e in runs)]
        self._word_starts = [s for _, s, _ in words]
        self._en_fn = [s for w, s, _ in words if w in EN_FUNCTION]
        self._zh_fn = [m.start() for m in _ZH_FUNCTION.finditer(text)]
        self._spans: list[tuple[int, int]] = []
        self._span_starts: list[int] = []
        self._sentences: dict[int, tuple[int, float]] = {}
        self._clauses: tuple[list[int], list[int], list[int], list[int], list[bool]] | None = None

    def _cjk_before(self, x: int) -> int:
        i = bisect_right(self._run_starts, x) - 1
        if i < 0:
            return 0
        return self._run_prefix[i] + min(x, self._run_ends[i]) - self._run_starts[i]

    def units(self, s: int, e: int) -> int:
        words = bisect_left(self._word_starts, e) - bisect_left(self._word_starts, s)
        return self._cjk_before(e) - self._cjk_before(s) + 2 * words

    def set_matches(self, spans: list[tuple[int, int]]) -> None:
        """The spans of rubric phrases found; merged so overlaps count once."""
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self._spans = merged
        self._span_starts = [a for a, _ in merged]
        self._clauses = None
        self._sentences = {}

    def unmatched_units(self, s: int, e: int) -> int:
        """Units of [s, e) outside every matched phrase."""
        total = self.units(s, e)
        i = max(0, bisect_right(self._span_starts, s) - 1)
        while i < len(self._spans) and self._spans[i][0] < e:
            a, b = self._spans[i]
            if b > s:
                total -= self.units(max(a, s), min(b, e))
            i += 1
        return total

    @property
    def clauses(self) -> tuple[list[int], list[int], list[int], list[int], list[bool]]:
        """The clauses that say anything, as parallel lists: start, end, sentence index,
        size, and whether the clause reads as language (function words, or enough words
        of its own)."""
        if self._clauses is None:
            self._clauses = self._find_clauses()
        return self._clauses

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        """Runs of clause-ending characters (punctuation, line breaks), in order."""
        return [m.span() for m in CLAUSE_SPLIT.finditer(self.text)]

    def _find_clauses(self) -> tuple[list[int], list[int], list[int], list[int], list[bool]]:
        text = self.text
        breaks = self.breaks
        starts = [0, *(e for _, e in breaks)]
        ends = [*(s for s, _ in breaks), len(text)]
        # Nothing counted (Chinese characters, words, function words) is a break character,
        # so as much lies before a clause's start as before the previous clause's end: one
        # binary search per clause gives both. And a clause edge never falls inside a run of
        # Chinese characters: those before x are the characters of the runs ending by x.
        cjk = _per_clause(list(map(self._run_prefix.__getitem__, map(bisect_right, repeat(self._run_ends), ends))))
        sizes = list(map(add, cjk, map((2).__mul__, _per_clause(_counts(self._word_starts, ends)))))
        zh = _per_clause(_counts(self._zh_fn, ends))
        en = _per_clause(_counts(self._en_fn, ends))
        keep = [z > 0 for z in sizes]
        starts, ends, sizes, zh, en = (list(compress(xs, keep)) for xs in (starts, ends, sizes, zh, en))
        sentence_ends = [m.end() for m in _SENTENCE_SPLIT.finditer(text)]
        sentences = list(map(bisect_right, repeat(sentence_ends), starts))
        fluent = [
            bool(
                (z and size >= 6)
                or z >= 2
                or n >= 2
                or (n and size >= 10)
                or (size >= 10 and self.unmatched_units(s, e) >= 10)
            )
            for s, e, size, z, n in zip(starts, ends, sizes, zh, en, strict=True)
        ]
        return starts, ends, sentences, sizes, fluent

    def fluency(self) -> float:
        """Share (by size) of the answer's clauses that read as language."""
        _, _, _, sizes, fluent = self.clauses
        return _fluent_share(sizes, fluent)

    def elaboration(self, x: int, full: float) -> float:
        """0..1: how much the sentence holding offset x says beyond the matched phrases
        (`full` units or more count fully), times how much of it reads as language."""
        starts, ends, sentences, _, _ = self.clauses
        i = bisect_right(starts, x) - 1
        if i < 0 or x >= ends[i]:
            return 0.0
        k = sentences[i]
        cached = self._sentences.get(k)  # many matches share a sentence
        if cached is None:
            cached = self._sentences[k] = self._sentence(k)
        said, fluency = cached
        return min(1.0, said / full) * fluency

    def _sentence(self, k: int) -> tuple[int, float]:
        """Units of sentence k outside the matched phrases, and its fluent share (clauses
        are in sentence order)."""
        starts, ends, sentences, sizes, fluent = self.clauses
        a, b = bisect_left(sentences, k), bisect_right(sentences, k)
        return self.unmatched_units(starts[a], ends[b - 1]), _fluent_share(sizes[a:b], fluent[a:b])


def _per_clause(before_ends: list[int]) -> list[int]:
    """How many lie in each clause, from how many lie before each clause's end."""
    return list(map(sub, before_ends, [0, *before_ends[:-1]]))


def _fluent_share(sizes: list[int], fluent: list[bool]) -> float:
    total = sum(sizes)
    return sum(compress(sizes, fluent)) / total if total else 0.0
