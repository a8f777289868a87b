"""The shape of an answer: its clauses and sentences, how much each says, and
whether it reads as language or as a list of keywords.

Sizes are in "units": a Chinese character counts one, an English word two.
Everything is answered with binary searches over positions collected in one
pass, because the scorer asks about every clause and every match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from mockroom.core.text import CJK_RE, SENTENCE_END

CLAUSE_SPLIT = re.compile(r"[。！？!?；;\n，,、：:（）()\.]+")
_CJK_RUN = re.compile(CJK_RE.pattern + "+")
_ZH_FUNCTION = re.compile("[的了我们会是在把和让给对要就先再并也都将被这那时后而与及以从向为还能需]")
EN_FUNCTION = frozenset(
    ["i", "we", "you", "he", "she", "they", "it", "the", "a", "an", "to", "of", "and", "would", "will", "is", "are", "was", "were", "be", "been", "with", "for", "then", "because", "so", "if", "that", "this", "our", "my", "their", "by", "on", "in", "at", "as", "from"]
)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    sentence: int
    """Index of the sentence the clause belongs to."""
    size: int
    fluent: bool
    """Reads as language: function words, or enough words of its own."""


class Shape:
    def __init__(self, text: str, words: list[tuple[str, int, int]]) -> None:
        self.text = text
        runs = [(m.start(), m.end()) for m in _CJK_RUN.finditer(text)]
        self._run_starts = [s for s, _ in runs]
        self._run_ends = [e for _, e in runs]
        self._run_prefix = [0, *accumulate(e - s for s, e in runs)]
        self._word_starts = [s for _, s, _ in words]
        self._en_fn = [s for w, s, _ in words if w in EN_FUNCTION]
        self._zh_fn = [m.start() for m in _ZH_FUNCTION.finditer(text)]
        self._spans: list[tuple[int, int]] = []
        self._span_starts: list[int] = []

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
        self.__dict__.pop("clauses", None)
        self.__dict__.pop("_stats", None)

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
    def clauses(self) -> list[Clause]:
        cached = self.__dict__.get("clauses")
        if cached is None:
            cached = self.__dict__["clauses"] = self._clauses()
        return cached

    def _clauses(self) -> list[Clause]:
        out: list[Clause] = []
        pos, sentence = 0, 0
        text = self.text
        for m in [*CLAUSE_SPLIT.finditer(text), None]:
            end = m.start() if m else len(text)
            if end > pos:
                size = self.units(pos, end)
                if size:
                    zh = bisect_left(self._zh_fn, end) - bisect_left(self._zh_fn, pos)
                    en = bisect_left(self._en_fn, end) - bisect_left(self._en_fn, pos)
                    fluent = (
                        (zh and size >= 6)
                        or zh >= 2
                        or en >= 2
                        or (en and size >= 10)
                        or self.unmatched_units(pos, end) >= 10
                    )
                    out.append(Clause(pos, end, sentence, size, bool(fluent)))
            if m is None:
                break
            if any(ch in SENTENCE_END for ch in m.group()):
                sentence += 1
            pos = m.end()
        return out

    def fluency(self) -> float:
        """Share (by size) of the answer's clauses that read as language."""
        return _fluent_share(self.clauses)

    def elaboration(self, x: int, full: float) -> float:
        """0..1: how much the sentence holding offset x says beyond the matched phrases
        (`full` units or more count fully), times how much of it reads as language."""
        stats = self._sentence_stats
        i = bisect_right(stats[0], x) - 1
        if i < 0 or x >= stats[1][i]:
            return 0.0
        k = self.clauses[i].sentence
        start, end, fluency = stats[2][k]
        return min(1.0, self.unmatched_units(start, end) / full) * fluency

    @property
    def _sentence_stats(self) -> tuple[list[int], list[int], dict[int, tuple[int, int, float]]]:
        cached = self.__dict__.get("_stats")
        if cached is None:
            clauses = self.clauses
            by_sentence: dict[int, list[Clause]] = {}
            for c in clauses:
                by_sentence.setdefault(c.sentence, []).append(c)
            sentences = {
                k: (cs[0].start, cs[-1].end, _fluent_share(cs)) for k, cs in by_sentence.items()
            }
            cached = ([c.start for c in clauses], [c.end for c in clauses], sentences)
            self.__dict__["_stats"] = cached
        return cached


def _fluent_share(clauses: list[Clause]) -> float:
    total = sum(c.size for c in clauses)
    return sum(c.size for c in clauses if c.fluent) / total if total else 0.0
