"""Finding rubric phrases in an answer.

Chinese has no spaces, so Chinese phrases are matched on characters (on the
answer with whitespace removed), never word by word:
- exact substring first;
- a pinyin homophone with few differing characters (the typos pinyin input
  methods make: 到歉 for 道歉), for phrases of two or more characters;
- fuzzy alignment for phrases of four or more characters.
A 2-3 character phrase therefore never matches because one of its characters
appears somewhere. English phrases are matched word by word, in order, with a
small gap allowed; words of five or more letters tolerate a typo, and plain
inflections are folded by a light stemmer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain
from operator import add, ne
from typing import NamedTuple

from rapidfuzz import fuzz

from mockroom.core import pinyin_table, thesaurus
from mockroom.core.text import (
    CJK_RUN,
    CLAUSE_END,
    SPACE_RE,
    Normalized,
    has_cjk,
    normalize,
    normalize_phrase,
    stem,
    words,
)

MAX_HITS_PER_PHRASE = 10
WORD_GAP = 2
PARTICLE_GAP = 4
"""Words allowed before the particle of a phrasal verb, which English splits around its
object ("rolled the customer's sites back" for "roll back", "heard him out")."""
PARTICLES = frozenset(["back", "out", "up", "down", "off", "over", "through", "away"])
FUZZY_WORD_MIN_LEN = 5
FUZZY_WORD_CUTOFF = 80.0
MAX_FUZZY_WORD_LEN = 30
"""Longer "words" (pasted hashes, junk) are matched exactly only."""
COMMON_WORDS = frozenset(
    ["could", "would", "should", "might", "there", "their", "theirs", "where", "which", "these",
     "those", "about", "after", "other", "others", "being", "doing", "every", "while", "whose",
     "first", "still", "since", "until", "again", "never", "always", "often", "really", "maybe"]
)
"""Frequent words spelled right: a phrase's word never stands for one of them by typo
tolerance ("cloud" is not "could", "these" not "theses")."""
GAPPED_MIN_LEN = 4
"""Chinese phrases this long may be found in two pieces a few characters apart."""
GAPPED_MIN_PIECE = 2
MAX_GAP = 4
"""Characters allowed between the two pieces (定期汇报处理进度 for 汇报进度)."""
GAPPED_SIMILARITY = 0.9
SYNONYM_SIMILARITY = 0.95
CLAUSE_BREAK = re.compile(f"[{re.escape(''.join(sorted(CLAUSE_END)))}]")
HOMOPHONE_SIMILARITY = 0.9
STEM_SIMILARITY = 0.97
STOPWORDS = frozenset(
    ["a", "an", "the", "to", "of", "and", "or", "our", "your", "their", "my", "we", "i", "is", "are", "be", "with", "for", "in", "at", "by", "will", "would",
     "him", "her", "them", "us", "me", "his", "its", "he", "she", "they", "you"]
)
"""Left out of a phrase's words (unless too few are left): "hear them out" is found in "heard
him out", whoever the pronoun names."""


@dataclass(frozen=True, eq=False)
class Phrase:
    """A phrase prepared for matching. Compared by identity (`compile_phrase` and
    `with_synonyms` hand out one object per phrase): sets of a question's phrases
    (`phrase_search`) then cost no hashing of their fields."""

    raw: str
    norm: str
    is_cjk: bool
    compact: str
    """Normalised CJK phrase without whitespace."""
    words: tuple[str, ...]
    """Content words of a Latin phrase."""
    synonym: bool = False
    """A thesaurus variant of the rubric phrase `raw` (its `norm` has a synonym swapped in)."""
    pattern: re.Pattern[str] | None = None
    """For a `<name>` phrase, the thesaurus pattern it stands for."""

    @cached_property
    def joined(self) -> str:
        """The words written as one ("roll back" -> "rollback")."""
        return "".join(self.words)

    @cached_property
    def all_cjk(self) -> bool:
        return self.compact == "" or CJK_RUN.fullmatch(self.compact) is not None

    @cached_property
    def sounds(self) -> str:
        return sounds(self.compact)

    @cached_property
    def gapped_pieces(self) -> tuple[tuple[str, str], ...]:
        """Each way to cut the phrase in two pieces of `GAPPED_MIN_PIECE` characters or more:
        (head, tail), worked out once rather than for every answer."""
        phrase = self.compact
        return tuple((phrase[:k], phrase[k:]) for k in range(GAPPED_MIN_PIECE, len(phrase) - GAPPED_MIN_PIECE + 1))


class Vocabulary:
    """The words a set of phrases (a question's) looks for in an answer, indexed by stem and
    by their one-letter-deleted forms, so that an answer rules out the words it holds no form of in
    a few set operations (see `AnswerView.rule_out`) rather than a lookup chain each."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        latin = [p for p in phrases if not p.is_cjk and p.words]
        # The joined form is looked for when the words are not found in sequence.
        self.words = frozenset(w for p in latin for w in (*p.words, p.joined))
        by_stem: dict[str, list[str]] = {}
        by_variant: dict[str, list[str]] = {}
        for w in self.words:
            by_stem.setdefault(stem(w), []).append(w)
            if FUZZY_WORD_MIN_LEN <= len(w) <= MAX_FUZZY_WORD_LEN:
                for v in _one_deleted(w):
                    by_variant.setdefault(v, []).append(w)
        # Kept as tuples: a vocabulary holds thousands, and tuples of strings are left alone
        # by the garbage collector once it has seen them (lists are walked at every full pass).
        self.by_stem: dict[str, tuple[str, ...]] = {k: tuple(ws) for k, ws in by_stem.items()}
        self.by_variant: dict[str, tuple[str, ...]] = {k: tuple(ws) for k, ws in by_variant.items()}
        """The words that tolerate a typo, by each of their one-letter-deleted forms."""


@lru_cache(maxsize=1024)
def vocabulary(phrases: tuple[Phrase, ...]) -> Vocabulary:
    """The vocabulary of these compiled phrases. Cached like the phrases (which are compared
    by identity, so questions sharing rubrics hand in equal tuples): a vocabulary per question
    would hold many small objects for the collector to walk."""
    return Vocabulary(phrases)


@lru_cache(maxsize=65536)
def compile_phrase(raw: str) -> Phrase:
    """The phrase prepared for matching. Cached: rubrics share phrases (a shared rubric, a
    question copied under a new id), and a Phrase keeps what matching derives from it."""
    return _compile(raw, normalize_phrase(raw), synonym=False)


@lru_cache(maxsize=65536)
def with_synonyms(raw: str) -> tuple[Phrase, ...]:
    """The phrase, then its variants through the shared thesaurus (see `thesaurus`)."""
    p = compile_phrase(raw)
    return (p, *(_compile(raw, v, synonym=True) for v in thesaurus.builtin().variants(p.norm)))


def _compile(raw: str, norm: str, synonym: bool) -> Phrase:
    pattern = thesaurus.builtin().pattern(norm)
    if pattern is not None:
        return Phrase(raw, norm, False, "", (), pattern=pattern)
    if has_cjk(norm):
        return Phrase(raw, norm, True, "".join(norm.split()), (), synonym)
    ws = tuple(m.group() for m in words(norm))
    content = tuple(w for w in ws if w not in STOPWORDS)
    if len(content) < 2:
        content = ws  # "in the end" must not shrink to "end"
    return Phrase(raw, norm, False, "", content, synonym)


_SPACE_SPLIT = re.compile(f"({SPACE_RE.pattern})")

_FIRST_SOUND = 0xF0000
"""Plane 15 private use: one code point per syllable number, far from any text's characters."""
_PRIVATE_SOUNDS = re.compile(f"[{chr(_FIRST_SOUND)}-\U0010ffff]")


def sounds(text: str) -> str:
    """`text` with every Chinese character replaced by one character per toneless pinyin
    syllable, so that "sounds the same" is a plain substring search. Other characters stay;
    private-use characters of the answer itself become U+FFFD so they never pass for sounds."""
    text = _PRIVATE_SOUNDS.sub("\ufffd", text)
    # Every character in the table, those that stay too: `translate` pays for an exception
    # at each character it finds no entry for.
    return text.translate({ord(ch): _sound_of(ch) for ch in set(text)})


@lru_cache(maxsize=32768)
def _sound_of(ch: str) -> str:
    """What `sounds` puts for one character: its syllable's stand-in, or the character itself.
    Cached: an answer holds a few hundred distinct characters, mostly the same common ones."""
    if CJK_RUN.match(ch):
        n = pinyin_table.table().number(ord(ch))
        if n is not None:
            return chr(_FIRST_SOUND + n)
    return ch


@lru_cache(maxsize=65536)
def _one_deleted(word: str) -> frozenset[str]:
    return frozenset((word, *(word[:i] + word[i + 1 :] for i in range(len(word)))))


_NO_HITS: dict[int, float] = {}
"""Shared by every word found nowhere; never modified."""


class Found(NamedTuple):
    start: int
    """Offset in the normalised answer."""
    end: int
    similarity: float
    kind: str


class AnswerView:
    """An answer prepared once for matching many phrases against it."""

    def __init__(self, answer: str) -> None:
        self.norm: Normalized = normalize(answer)
        self.text = self.norm.text
        self._word_hits: dict[str, dict[int, float]] = {}
        self._absent: set[str] | frozenset[str] = frozenset()
        """Words of the phrases known to be found nowhere (`rule_out`)."""

    # --- Chinese side -------------------------------------------------------
    @cached_property
    def has_cjk(self) -> bool:
        return CJK_RUN.search(self.text) is not None

    @cached_property
    def _pieces(self) -> list[str]:
        """The text split at whitespace: text, space, text, ..., text."""
        return _SPACE_SPLIT.split(self.text)

    @cached_property
    def compact(self) -> str:
        """The normalised answer without whitespace."""
        return "".join(self._pieces[::2])

    @cached_property
    def _offsets(self) -> list[int]:
        """Where each character of `compact` is in the text: a match's span is two lookups.
        Split, not finditer: the pieces' lengths give it without a match object each."""
        ends = list(accumulate(map(len, self._pieces)))
        starts = [0, *ends[:-1]]
        return list(chain.from_iterable(map(range, starts[::2], ends[::2])))

    @cached_property
    def sounds(self) -> str:
        """The compact text with each Chinese character replaced by its sound (see `sounds`)."""
        return sounds(self.compact)

    def _cjk_span(self, cstart: int, cend: int) -> tuple[int, int]:
        offsets = self._offsets
        return offsets[cstart], offsets[cend - 1] + 1

    def find_cjk(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        compact = self.compact
        needle = p.compact
        n = len(needle)
        if not n or n > len(compact):
            return []
        # No prefilter of its own: the scorer asks only about the phrases its scan left in
        # (see `phrase_search`), most of them there word for word.
        found: list[Found] = []
        i = compact.find(needle)
        while i != -1 and len(found) < MAX_HITS_PER_PHRASE:
            found.append(Found(*self._cjk_span(i, i + n), 1.0, "exact"))
            i = compact.find(needle, i + n)
        if found:
            return found
        # A synonym is already one step from the rubric's word: no homophone of it on top.
        if n >= 2 and p.all_cjk and not p.synonym:
            found = self._homophones(p)
            if found:
                return found
        if fuzzy and n >= GAPPED_MIN_LEN and not p.synonym:  # one step from the rubric's words
            return self._gapped(p)
        return []

    def _gapped(self, p: Phrase) -> list[Found]:
        """The phrase in two pieces, in order, a few characters apart inside one clause
        (汇报进度 in 定期汇报处理进度). Each piece has two characters or more, so every
        character of the phrase is there: 数据安全法 never lands on 数据安全."""
        compact = self.compact
        found: list[Found] = []
        for head, tail in p.gapped_pieces:
            k = len(head)
            i = compact.find(head)
            while i != -1 and len(found) < MAX_HITS_PER_PHRASE:
                after = i + k
                window = compact[after : after + MAX_GAP + len(tail)]
                j = window.find(tail, 1)
                if j != -1 and not CLAUSE_BREAK.search(window, 0, j):
                    found.append(Found(*self._cjk_span(i, after + j + len(tail)), GAPPED_SIMILARITY, "gapped"))
                i = compact.find(head, i + 1)
            if found:
                break
        return found

    def _homophones(self, p: Phrase) -> list[Found]:
        """Places where the phrase is written with one character swapped for a homophone.

        Every place that sounds like the phrase is found by one substring search of
        the answer's sounds; those differing from the phrase in exactly one character
        are homophone typos (none differing is an exact match, found before).
        """
        heard = self.sounds
        compact = self.compact
        phrase = p.compact
        n = len(phrase)
        found: list[Found] = []
        i = heard.find(p.sounds)
        while i != -1 and len(found) < MAX_HITS_PER_PHRASE:
            if sum(map(ne, phrase, compact[i : i + n])) == 1:
                found.append(Found(*self._cjk_span(i, i + n), HOMOPHONE_SIMILARITY, "pinyin"))
                i = heard.find(p.sounds, i + n)
            else:
                i = heard.find(p.sounds, i + 1)
        return found

    # --- English side -------------------------------------------------------
    @property
    def words(self) -> list[tuple[str, int, int]]:
        """Latin words of the normalised answer: (word, start, end)."""
        return self._words

    @cached_property
    def _words(self) -> list[tuple[str, int, int]]:
        return [(m.group(), m.start(), m.end()) for m in words(self.text)]

    @cached_property
    def _by_word(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, (w, _, _) in enumerate(self._words):
            index.setdefault(w, []).append(i)
        return index

    @cached_property
    def _by_stem(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for w, where in self._by_word.items():  # each distinct word stemmed once
            index.setdefault(stem(w), []).extend(where)
        return index

    @cached_property
    def _variants(self) -> frozenset[str]:
        """Every answer word and every form of it with one letter removed.

        Two words one edit apart (substitution, insertion, deletion, swap) share an
        element, so a phrase word with no typo in the answer is ruled out by one
        set operation; the per-word index below is built only when one may be.
        """
        fuzzy = [w for w in self._by_word if FUZZY_WORD_MIN_LEN - 1 <= len(w) <= MAX_FUZZY_WORD_LEN]
        return frozenset().union(*map(_one_deleted, fuzzy))

    @cached_property
    def _by_length(self) -> dict[int, list[str]]:
        """The answer's distinct words that may hold a typo, by length."""
        index: dict[int, list[str]] = {}
        for w in self._by_word:
            if FUZZY_WORD_MIN_LEN - 1 <= len(w) <= MAX_FUZZY_WORD_LEN:
                index.setdefault(len(w), []).append(w)
        return index

    def rule_out(self, vocabulary: Vocabulary) -> None:
        """Record the vocabulary's words that nothing in the answer can stand for (the
        word, its stem, or a typo: `_all_positions` would find nothing) as found nowhere."""
        if not self._words:
            return
        # Set operations and maps only: a Python step per word would cost what it saves.
        absent = set(vocabulary.words)
        absent.difference_update(
            self._by_word,
            *map(vocabulary.by_stem.__getitem__, self._by_stem.keys() & vocabulary.by_stem.keys()),
            *map(vocabulary.by_variant.__getitem__, self._variants & vocabulary.by_variant.keys()),
        )
        self._word_hits.update(dict.fromkeys(absent, _NO_HITS))
        self._absent = absent

    def _positions(self, word: str, fuzzy: bool) -> dict[int, float]:
        """Answer word positions that stand for `word`, with their similarity."""
        hits = self._word_hits.get(word)
        if hits is None:
            hits = self._word_hits[word] = self._all_positions(word)
        return hits if fuzzy or not hits else {i: s for i, s in hits.items() if s >= STEM_SIMILARITY}

    def _all_positions(self, word: str) -> dict[int, float]:
        hits = dict.fromkeys(self._by_stem.get(stem(word), ()), STEM_SIMILARITY)
        hits.update(dict.fromkeys(self._by_word.get(word, ()), 1.0))
        if (
            not hits
            and FUZZY_WORD_MIN_LEN <= len(word) <= MAX_FUZZY_WORD_LEN
            and not self._variants.isdisjoint(variants := _one_deleted(word))
        ):
            # Typo tolerance only when the word itself is absent. Words sharing a variant
            # differ in length by one at most.
            by_length = self._by_length
            candidates = [
                w
                for size in (len(word) - 1, len(word), len(word) + 1)
                for w in by_length.get(size, ())
                if w not in COMMON_WORDS and not variants.isdisjoint(_one_deleted(w))
            ]
            for w in sorted(candidates):
                score = fuzz.ratio(word, w)
                if score >= FUZZY_WORD_CUTOFF:
                    for i in self._by_word[w]:
                        hits.setdefault(i, round(score / 100, 3))
        return hits

    def may_find_words(self, p: Phrase) -> bool:
        """False when `find_words(p)` surely finds nothing: each way it looks is shut by a
        word found nowhere (see `rule_out`), or for one word, by no two answer words
        spelling it. Set operations only, so a question's phrases are sorted out cheaply."""
        if not p.words or not self._words:
            return False
        if self._absent.isdisjoint(p.words):
            return True  # the words in sequence
        if len(p.words) == 1:
            return p.words[0] in self._glued  # "rollback" written "roll back" / "roll-back"
        return p.joined not in self._absent  # "roll back" written "rollback"

    def find_words(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        if not p.words:
            return []
        # A word found nowhere (see `rule_out`) leaves no sequence: one set operation.
        found = self._sequence(p.words, fuzzy) if self._absent.isdisjoint(p.words) else []
        if not found and len(p.words) == 1:
            found = self._split_word(p.words[0])  # "rollback" written "roll back" / "roll-back"
        if not found and len(p.words) > 1 and p.joined not in self._absent:
            # "roll back" written "rollback": exact or inflected only, or one long word
            # of the phrase would fuzzily stand for the whole phrase.
            found = self._sequence((p.joined,), fuzzy=False)
        return found

    @cached_property
    def _glued(self) -> set[str]:
        """Every two adjacent answer words written as one: rules out most split words at once."""
        ws = [w for w, _, _ in self._words]
        return set(map(add, ws, ws[1:]))

    def _split_word(self, word: str) -> list[Found]:
        """Where two adjacent answer words glued together spell `word`."""
        if word not in self._glued:
            return []
        ws, by_word = self._words, self._by_word
        firsts = [
            i
            for k in range(1, len(word))
            for i in by_word.get(word[:k], ())
            if i + 1 < len(ws) and ws[i + 1][0] == word[k:]
        ]
        return [Found(ws[i][1], ws[i + 1][2], 1.0, "exact") for i in sorted(firsts)[:MAX_HITS_PER_PHRASE]]

    def _sequence(self, ws: tuple[str, ...], fuzzy: bool) -> list[Found]:
        steps = []
        for w in ws:
            step = self._positions(w, fuzzy)
            if not step:
                return []
            steps.append(step)
        found: list[Found] = []
        for start in sorted(steps[0]):
            pos, sims = start, [steps[0][start]]
            for w, step in zip(ws[1:], steps[1:], strict=True):
                gap = PARTICLE_GAP if w in PARTICLES else WORD_GAP
                for nxt in range(pos + 1, pos + 2 + gap):
                    if nxt in step:
                        break
                else:
                    break  # the next word is not close enough
                if CLAUSE_BREAK.search(self.text, self._words[pos][2], self._words[nxt][1]):
                    break  # a phrase is said within one clause
                pos = nxt
                sims.append(step[nxt])
            else:
                s, e = self._words[start][1], self._words[pos][2]
                sim = round(sum(sims) / len(sims), 3)
                found.append(Found(s, e, sim, "exact" if sim == 1.0 else "fuzzy"))
                if len(found) >= MAX_HITS_PER_PHRASE:
                    break
        return found

    def find(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        """Where `p` occurs. `fuzzy=False` (red flags) keeps exact, homophone and inflected
        matches only: one changed character can turn 瞒着客户 into its opposite."""
        if p.pattern is not None:
            found = [
                Found(m.start(), m.end(), 1.0, "pattern")
                for m in itertools.islice(p.pattern.finditer(self.text), MAX_HITS_PER_PHRASE)
                if m.end() > m.start()
            ]
        elif p.is_cjk:
            found = self.find_cjk(p, fuzzy) if self.has_cjk else []
        else:
            found = self.find_words(p, fuzzy) if self._words else []
        if p.synonym:  # the same search, for a word the rubric did not write
            return [Found(f.start, f.end, round(f.similarity * SYNONYM_SIMILARITY, 3), "synonym") for f in found]
        return found
