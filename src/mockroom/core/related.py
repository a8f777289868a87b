"""Evidence for a point in the answer's own words: a clause that shares several telling words
with how the rubric describes the point (its label, tip and phrases), when none of its
phrases is there.

"Telling" is measured across the question's points: a word that describes many of them
(客户, customer, 问题) tells little, one that describes few (发版, regression) tells a lot
(inverse document frequency over the points' descriptions). A clause earns a point this
way only with at least two telling words in common and no negation cue in it, and the
match shows which words it shared, so a reader sees why.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import NamedTuple

from mockroom.core.models import Criterion
from mockroom.core.shape import EN_FUNCTION
from mockroom.core.text import CJK_RUN, normalize_phrase, stem

MIN_SHARED = 2
"""Distinct telling words a clause must share with the point's description."""
MIN_WEIGHT = 4.0
"""Their summed weight (natural-log IDF over the question's points)."""
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_ZH_GLUE = frozenset("的了我们你他她是在把和让给就再也都将被这那而与及吗呢吧着过会要对一个不没以")
"""A bigram holding one of these says nothing about the point (我们, 的时, 不会, 可以)."""
_EN_STOP = EN_FUNCTION | frozenset(
    ["with", "from", "into", "about", "what", "when", "which", "your", "them", "they", "then", "than",
     "that", "this", "these", "those", "have", "make", "more", "most", "very", "also", "just", "only",
     "each", "every", "before", "after", "first", "give", "gives", "keep", "keeps", "answer", "point"]
)


def keys(text: str) -> set[str]:
    """The telling units of a normalised text: Chinese bigrams without glue characters,
    English content words by stem."""
    out: set[str] = set()
    for run in CJK_RUN.findall(text):
        out.update(a + b for a, b in zip(run, run[1:], strict=False) if a not in _ZH_GLUE and b not in _ZH_GLUE)
    out.update(stem(w) for w in _WORD.findall(text) if w not in _EN_STOP)
    return out


def described(c: Criterion) -> frozenset[str]:
    """The telling units of the point's label, tip and phrases: the cached set itself, frozen
    so that sharing it is safe."""
    return described_by(" ".join([c.label.zh, c.label.en, c.tip.zh, c.tip.en, *c.phrases.all()]))


@lru_cache(maxsize=4096)
def described_by(text: str) -> frozenset[str]:
    """The telling units of a point's description (its label, tip and phrases joined).
    Cached by that text: a question asks twice per point (its points' words and their
    weights), and questions sharing a rubric ask about the same points."""
    return frozenset(keys(normalize_phrase(text)))


class Weights(NamedTuple):
    """How telling each word of the points' descriptions is: ln(points / points described
    by it). Worked out for the words a clause shares with a point, not for all ~500 at a
    question's first use: most are never asked about."""

    df: dict[str, int]
    """Of how many points' descriptions each word is part."""
    points: int

    def idf(self, key: str) -> float:
        f = self.df.get(key)
        return math.log(self.points / f) if f else 0.0

    @staticmethod
    def of(descriptions: Iterable[AbstractSet[str]]) -> Weights:
        docs = list(descriptions)
        return Weights(Counter(k for d in docs for k in d), max(1, len(docs)))


@lru_cache(maxsize=1024)
def weights_of(descriptions: tuple[frozenset[str], ...]) -> Weights:
    """`Weights.of` these descriptions, cached: questions sharing their rubrics have the same
    points, and `described` hands out one set per description, so the key is cheap to hash."""
    return Weights.of(descriptions)


class Related(NamedTuple):
    shared: tuple[str, ...]
    """The telling words the clause shares with the point, most telling first."""
    weight: float


def related(clause_keys: AbstractSet[str], point_keys: AbstractSet[str], weights: Weights) -> Related | None:
    shared = clause_keys & point_keys
    if len(shared) < MIN_SHARED:
        return None
    scored = sorted(shared, key=lambda k: (-weights.idf(k), k))
    weight = sum(weights.idf(k) for k in shared)
    return Related(tuple(scored), weight) if weight >= MIN_WEIGHT else None
