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

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import add

from rapidfuzz import fuzz

from mockroom.core.text import (
    CJK_RE,
    SPACE_RE,
    Normalized,
    has_cjk,
    normalize,
    normalize_phrase,
    pinyin_of,
    stem,
    words,
)

MAX_HITS_PER_PHRASE = 10
WORD_GAP = 2
FUZZY_WORD_MIN_LEN = 5
FUZZY_WORD_CUTOFF = 80.0
MAX_FUZZY_WORD_LEN = 30
"""Longer "words" (pasted hashes, junk) are matched exactly only."""
FUZZY_CJK_MIN_LEN = 4
HOMOPHONE_SIMILARITY = 0.9
STEM_SIMILARITY = 0.97
STOPWORDS = frozenset(
    ["a", "an", "the", "to", "of", "and", "or", "our", "your", "their", "my", "we", "i", "is", "are", "be", "with", "for", "in", "at", "by", "will", "would"]
)


@dataclass(frozen=True)
class Phrase:
    raw: str
    norm: str
    is_cjk: bool
    compact: str
    """Normalised CJK phrase without whitespace."""
    words: tuple[str, ...]
    """Content words of a Latin phrase."""

    @cached_property
    def all_cjk(self) -> bool:
        return len(CJK_RE.findall(self.compact)) == len(self.compact)

    @cached_property
    def pinyin(self) -> tuple[str, ...]:
        return tuple(pinyin_of(c) for c in self.compact)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        return frozenset(map(add, self.compact, self.compact[1:]))


def compile_phrase(raw: str) -> Phrase:
    norm = normalize_phrase(raw)
    if has_cjk(norm):
        return Phrase(raw, norm, True, "".join(norm.split()), ())
    ws = tuple(m.group() for m in words(norm))
    content = tuple(w for w in ws if w not in STOPWORDS)
    if len(content) < 2:
        content = ws  # "in the end" must not shrink to "end"
    return Phrase(raw, norm, False, "", content)


@lru_cache(maxsize=65536)
def _one_deleted(word: str) -> frozenset[str]:
    return frozenset((word, *(word[:i] + word[i + 1 :] for i in range(len(word)))))


@dataclass(frozen=True)
class Found:
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

    # --- Chinese side -------------------------------------------------------
    @cached_property
    def has_cjk(self) -> bool:
        return CJK_RE.search(self.text) is not None

    @cached_property
    def _compact(self) -> tuple[str, list[int], list[int]]:
        """The text without whitespace, and how to map its offsets back.

        Returns (compact, run_starts, shifts): a compact offset c maps to
        c + shifts[k] where k is the last run start <= c.
        """
        runs = list(SPACE_RE.finditer(self.text))
        if not runs:
            return self.text, [0], [0]
        starts, shifts, removed = [0], [0], 0
        for m in runs:
            removed += m.end() - m.start()
            starts.append(m.start() - (removed - (m.end() - m.start())))
            shifts.append(removed)
        return SPACE_RE.sub("", self.text), starts, shifts

    @cached_property
    def _charset(self) -> frozenset[str]:
        return frozenset(self._compact[0])

    @cached_property
    def _bigrams(self) -> frozenset[str]:
        compact = self._compact[0]
        return frozenset(map(add, compact, compact[1:]))

    def _orig(self, c: int) -> int:
        _, starts, shifts = self._compact
        return c + shifts[bisect_right(starts, c) - 1]

    def _cjk_span(self, cstart: int, cend: int) -> tuple[int, int]:
        return self._orig(cstart), self._orig(cend - 1) + 1

    def find_cjk(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        compact = self._compact[0]
        needle = p.compact
        n = len(needle)
        if not n or n > len(compact):
            return []
        found: list[Found] = []
        i = compact.find(needle)
        while i != -1 and len(found) < MAX_HITS_PER_PHRASE:
            found.append(Found(*self._cjk_span(i, i + n), 1.0, "exact"))
            i = compact.find(needle, i + n)
        if found:
            return found
        if n >= 2 and p.all_cjk:
            found = self._homophones(p)
            if found:
                return found
        # q-gram filter: k substituted characters leave at least (n-1) - 2k of the
        # phrase's bigrams intact, so fewer shared bigrams rule out a fuzzy alignment.
        if fuzzy and n >= FUZZY_CJK_MIN_LEN and len(p.bigrams & self._bigrams) >= (n - 1) - 2 * max(1, n // 5):
            cutoff = 75.0 if n == FUZZY_CJK_MIN_LEN else 80.0
            al = fuzz.partial_ratio_alignment(needle, compact, score_cutoff=cutoff)
            if al is not None and al.dest_end > al.dest_start:
                s, e = self._cjk_span(al.dest_start, al.dest_end)
                return [Found(s, e, round(al.score / 100, 3), "fuzzy")]
        return []

    @cached_property
    def _homophone_chars(self) -> dict[str, list[str]]:
        """Toneless pinyin -> the answer's Chinese characters that read so."""
        by_sound: dict[str, list[str]] = {}
        for ch in self._charset:
            if CJK_RE.match(ch):
                by_sound.setdefault(pinyin_of(ch), []).append(ch)
        return by_sound

    def _homophones(self, p: Phrase) -> list[Found]:
        """Places where the phrase is written with one character swapped for a homophone.

        Each variant (one character replaced by an answer character that reads the
        same) is looked up only if its bigrams occur in the answer, so the common
        case, no homophone typo, costs a few set lookups.
        """
        sounds = self._homophone_chars
        bigrams = self._bigrams
        compact = self._compact[0]
        phrase = p.compact
        n = len(phrase)
        found: list[Found] = []
        for j, (ch, py) in enumerate(zip(phrase, p.pinyin, strict=True)):
            for h in sounds.get(py, ()):
                if h == ch:
                    continue
                if (j > 0 and phrase[j - 1] + h not in bigrams) or (
                    j < n - 1 and h + phrase[j + 1] not in bigrams
                ):
                    continue
                variant = phrase[:j] + h + phrase[j + 1 :]
                i = compact.find(variant)
                while i != -1 and len(found) < MAX_HITS_PER_PHRASE:
                    found.append(Found(*self._cjk_span(i, i + n), HOMOPHONE_SIMILARITY, "pinyin"))
                    i = compact.find(variant, i + n)
        found.sort(key=lambda f: f.start)
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
        for i, (w, _, _) in enumerate(self._words):
            index.setdefault(stem(w), []).append(i)
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
    def _deletions(self) -> dict[str, set[str]]:
        """Answer word variants (see `_variants`) -> the words they come from."""
        index: dict[str, set[str]] = {}
        for w in self._by_word:
            if FUZZY_WORD_MIN_LEN - 1 <= len(w) <= MAX_FUZZY_WORD_LEN:
                for v in _one_deleted(w):
                    index.setdefault(v, set()).add(w)
        return index

    def _positions(self, word: str, fuzzy: bool) -> dict[int, float]:
        """Answer word positions that stand for `word`, with their similarity."""
        hits = self._word_hits.get(word)
        if hits is None:
            hits = self._word_hits[word] = self._all_positions(word)
        return hits if fuzzy else {i: s for i, s in hits.items() if s >= STEM_SIMILARITY}

    def _all_positions(self, word: str) -> dict[int, float]:
        hits: dict[int, float] = {}
        for i in self._by_stem.get(stem(word), ()):
            hits[i] = STEM_SIMILARITY
        for i in self._by_word.get(word, ()):
            hits[i] = 1.0
        if (
            not hits
            and FUZZY_WORD_MIN_LEN <= len(word) <= MAX_FUZZY_WORD_LEN
            and not self._variants.isdisjoint(_one_deleted(word))
        ):
            # Typo tolerance only when the word itself is absent.
            index = self._deletions
            shared = index.keys() & _one_deleted(word)
            candidates = set().union(*(index[v] for v in shared)) if shared else ()
            for w in sorted(candidates):
                score = fuzz.ratio(word, w)
                if score >= FUZZY_WORD_CUTOFF:
                    for i in self._by_word[w]:
                        hits.setdefault(i, round(score / 100, 3))
        return hits

    def find_words(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        if not p.words:
            return []
        found = self._sequence(p.words, fuzzy)
        if not found and len(p.words) == 1:
            found = self._split_word(p.words[0])  # "rollback" written "roll back" / "roll-back"
        if not found and len(p.words) > 1:
            # "roll back" written "rollback": exact or inflected only, or one long word
            # of the phrase would fuzzily stand for the whole phrase.
            found = self._sequence(("".join(p.words),), fuzzy=False)
        return found

    @cached_property
    def _pairs(self) -> dict[str, list[int]]:
        """Two adjacent answer words glued together -> where the first one is."""
        ws = self._words
        index: dict[str, list[int]] = {}
        for i in range(len(ws) - 1):
            index.setdefault(ws[i][0] + ws[i + 1][0], []).append(i)
        return index

    def _split_word(self, word: str) -> list[Found]:
        ws = self._words
        return [
            Found(ws[i][1], ws[i + 1][2], 1.0, "exact")
            for i in self._pairs.get(word, ())[:MAX_HITS_PER_PHRASE]
        ]

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
            for step in steps[1:]:
                nxt = next((j for j in range(pos + 1, pos + 2 + WORD_GAP) if j in step), None)
                if nxt is None:
                    break
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
        if p.is_cjk:
            return self.find_cjk(p, fuzzy) if self.has_cjk else []
        return self.find_words(p, fuzzy) if self._words else []
