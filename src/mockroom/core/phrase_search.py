"""A question's phrases looked for in an answer all at once.

A question looks for about 500 phrases (its points' phrases and their thesaurus variants),
and an answer holds few of them. Asking `AnswerView.find` about each costs a Python call
and a search of the answer per phrase, most of them to learn that it is absent. Here one pass
of an Aho-Corasick automaton (pyahocorasick) over the answer finds every Chinese phrase that
is there word for word, with the two pieces of every gapped cut; a second pass over the
answer's sounds finds every phrase a homophone typo could stand for. English phrases are
ruled out by their words (`AnswerView.rule_out`). What is left are the phrases that may be
in the answer, and `find` asks `AnswerView.find` about those only: the matches, their
kinds and spans are exactly the ones the phrase-by-phrase search gives (a property test
checks it on random answers), since a phrase is left out only when every way
`AnswerView.find` could find it is shut.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

import ahocorasick

from mockroom.core.matching import GAPPED_MIN_LEN, AnswerView, Found, Phrase


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton | None:
    """An automaton reporting each key found (as its value); None when there is none."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1024)
def search_for(phrases: tuple[Phrase, ...]) -> PhraseSearch:
    """The search of these phrases. Cached like `matching.vocabulary`: questions sharing
    rubrics (a shared rubric, a question copied under a new id) look for the same phrases,
    and building the automata is most of what a question's first use costs."""
    return PhraseSearch(phrases)


class PhraseSearch:
    """The phrases of one question, indexed to be looked for in one pass."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.always: list[Phrase] = []
        """`<name>` phrases: a regular expression each, always run."""
        self.latin: list[Phrase] = []
        self.by_text: dict[str, list[Phrase]] = {}
        """Chinese phrases by their text without whitespace (`Phrase.compact`)."""
        self.by_sound: dict[str, list[Phrase]] = {}
        """Chinese phrases a homophone typo may stand for, by their sounds (`Phrase.sounds`)."""
        self.by_head: dict[str, list[tuple[Phrase, str]]] = {}
        """Chinese phrases that may be found in two pieces, by the first piece of each cut,
        with the second."""
        unique = list(dict.fromkeys(phrases))
        self.phrases = frozenset(unique)
        for p in unique:
            if p.pattern is not None:
                self.always.append(p)
            elif not p.is_cjk:
                if p.words:
                    self.latin.append(p)
            elif p.compact:
                self.by_text.setdefault(p.compact, []).append(p)
                # As in `AnswerView.find_cjk`: no homophone nor gapped match of a synonym.
                if len(p.compact) >= 2 and p.all_cjk and not p.synonym:
                    self.by_sound.setdefault(p.sounds, []).append(p)
                if len(p.compact) >= GAPPED_MIN_LEN and not p.synonym:
                    for head, tail in p.gapped_pieces:
                        self.by_head.setdefault(head, []).append((p, tail))
        tails = (tail for cuts in self.by_head.values() for _, tail in cuts)
        self._texts = _automaton([*self.by_text, *self.by_head, *tails])
        self._sounds = _automaton(self.by_sound)

    def scan(self, view: AnswerView) -> Hits:
        """The phrases that may be in the answer. English phrases are ruled out by the words
        `view.rule_out` found nowhere: call it first with these phrases' vocabulary (the
        scorer's `prepare` does), or every English phrase is looked for."""
        candidates: set[Phrase] = set(self.always)
        if view.has_cjk:
            # The automata report (end, key) at every place a key ends: each key once is enough.
            if self._texts is not None:
                present = set(map(itemgetter(1), self._texts.iter(view.compact)))
                for text in present:
                    candidates.update(self.by_text.get(text, ()))
                    cuts = self.by_head.get(text)
                    if cuts:
                        candidates.update(p for p, tail in cuts if tail in present)
            if self._sounds is not None:
                for sound in set(map(itemgetter(1), self._sounds.iter(view.sounds))):
                    candidates.update(self.by_sound[sound])
        if view.words:
            candidates.update(p for p in self.latin if view.may_find_words(p))
        return Hits(view, candidates, self.phrases)


class Hits:
    """One answer scanned for a question's phrases: `find` is `AnswerView.find`, without
    the work for phrases the scan ruled out."""

    def __init__(self, view: AnswerView, candidates: set[Phrase], searched: frozenset[Phrase]) -> None:
        self.view = view
        self.candidates = candidates
        self.searched = searched

    def find(self, p: Phrase, fuzzy: bool = True) -> list[Found]:
        """`AnswerView.find(p, fuzzy)` (asked of the view for a phrase the search does not hold)."""
        return self.view.find(p, fuzzy) if p in self.candidates or p not in self.searched else []

    def found(self, phrases: Iterable[Phrase], fuzzy: bool = True) -> list[tuple[Phrase, list[Found]]]:
        """Each of `phrases` the answer holds, in order, with where (`find`): one pass over
        the phrases, however many are absent."""
        candidates, searched, find = self.candidates, self.searched, self.view.find
        return [(p, where) for p in phrases if (p in candidates or p not in searched) and (where := find(p, fuzzy))]
