"""Coaches teach the rubric: phrases for rubric points, proposed from coach overrides.

When a coach marks a point met that the scorer missed, the answer said it in words the
rubric does not know. From each such answer we take the words the coach credited
(core/credited_words.py: a passage the coach commented on, when the comment names the point
or the point is the only one the coach turned to met on that answer; else the answer's
clause closest to what the point is about), and check each proposal with the real scorer on
a copy of the rubric with that one phrase added: which overridden answers it would fix, and
which graded texts (the question's examples, graded files) it would newly credit, with their
grades, so an author sees at once a phrase that would credit a trap. Proposals that would fix
nothing (the scorer would not match them there, or reads them as negated) are dropped.

The reverse: where a coach marked a point not met that the scorer credited, each phrase that
fired is listed with the overridden answers removing it would fix and the graded texts that
would lose the point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from mockroom.core.bank import Bank
from mockroom.core.credited_words import credited_words
from mockroom.core.evaluate import GradedAnswer
from mockroom.core.models import Criterion, Phrases, Question, Rubric
from mockroom.core.result import ScoreResult
from mockroom.core.scorer import Scorer
from mockroom.core.text import has_cjk, normalize_phrase


@dataclass(frozen=True)
class Passage:
    """A coach's comment on a span of the answer."""

    start: int
    end: int
    comment: str


@dataclass(frozen=True)
class Override:
    """A coach's verdict on one rubric point of one answer, against the scorer's."""

    question_id: str
    key: str
    """`point` for the question's own rubric, `rubric-id:point` for a shared one."""
    coach_hit: bool
    answer: str
    ref: str
    """Which answer (an attempt id), to name it in the report."""
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class Proposal:
    phrase: str
    lang: str
    """zh or en: the list of the point's phrases it goes in."""
    source: str
    """`comment` (a passage a coach commented on) or `clause` (the clause closest to the point)."""
    fixes: tuple[str, ...]
    """Refs of the overridden answers the phrase would make the scorer agree with."""
    newly_credits: tuple[GradedAnswer, ...]
    """Graded texts whose point the scorer misses today and would credit with the phrase."""


@dataclass(frozen=True)
class Misfire:
    """A phrase that credited the point on answers a coach said do not meet it."""

    phrase: str
    fired_on: tuple[str, ...]
    removing_fixes: tuple[str, ...]
    would_lose: tuple[GradedAnswer, ...]
    """Graded texts the scorer credits today that would lose the point without the phrase."""


@dataclass(frozen=True)
class PointAdvice:
    question_id: str
    key: str
    rubric_id: str
    criterion: Criterion
    to_hit: tuple[str, ...]
    """Refs of answers the coach marked met that today's scorer still misses."""
    to_miss: tuple[str, ...]
    """Refs of answers the coach marked not met that today's scorer still credits."""
    settled: int
    """Overrides today's scorer already agrees with (the rubric changed since)."""
    proposals: tuple[Proposal, ...]
    misfires: tuple[Misfire, ...]


@dataclass(frozen=True)
class Suggestions:
    points: tuple[PointAdvice, ...]
    unknown: int
    """Overrides of questions or points the banks in use no longer have (left out)."""


def suggest(
    bank: Bank, overrides: Iterable[Override], graded: Iterable[GradedAnswer] = (), per_point: int = 5
) -> Suggestions:
    """Per overridden point (question id, key): up to `per_point` phrases to add, and the
    phrases that fired where coaches said the point was not met. Points where today's scorer
    still disagrees with the coaches most often come first."""
    scorer = Scorer(bank)
    by_point: dict[tuple[str, str], list[Override]] = defaultdict(list)
    unknown = 0
    for o in overrides:
        q = bank.questions.get(o.question_id)
        if q is None or _find(bank, q, o.key) is None:
            unknown += 1
        else:
            by_point[(o.question_id, o.key)].append(o)
    graded_by_q: dict[str, list[GradedAnswer]] = defaultdict(list)
    for g in graded:
        graded_by_q[g.question_id].append(g)
    # How many points the coach turned to met on each answer: a comment that names no point
    # is taken for one only when it is the only one.
    verdicts = _Verdicts(scorer, bank)
    open_hits: dict[str, int] = defaultdict(int)
    for (qid, key), os_ in by_point.items():
        for o in os_:
            if o.coach_hit and not verdicts.hit(qid, key, o.answer):
                open_hits[o.ref] += 1
    points = [
        _advise(bank, verdicts, qid, key, os_, graded_by_q[qid], open_hits, per_point)
        for (qid, key), os_ in sorted(by_point.items())
    ]
    points.sort(key=lambda p: -(len(p.to_hit) + len(p.to_miss)))  # stable: ids break ties
    return Suggestions(tuple(points), unknown)


class _Verdicts:
    """Today's scorer's verdicts on a point, one scoring per (question, text)."""

    def __init__(self, scorer: Scorer, bank: Bank) -> None:
        self.scorer, self.bank = scorer, bank
        self._results: dict[tuple[str, str], ScoreResult] = {}

    def hit(self, qid: str, key: str, text: str) -> bool:
        return any(c.hit for c in self._result(qid, text).criteria if c.key == key)

    def phrases(self, qid: str, key: str, text: str) -> set[str]:
        """The phrases of point `key` that matched `text`, not negated."""
        return {
            m.phrase
            for c in self._result(qid, text).criteria if c.key == key
            for m in c.matches if not m.negated
        }

    def _result(self, qid: str, text: str) -> ScoreResult:
        result = self._results.get((qid, text))
        if result is None:
            result = self._results[(qid, text)] = self.scorer.score(self.bank.questions[qid], text)
        return result


def _advise(
    bank: Bank,
    verdicts: _Verdicts,
    qid: str,
    key: str,
    overrides: list[Override],
    graded: list[GradedAnswer],
    open_hits: dict[str, int],
    per_point: int,
) -> PointAdvice:
    question = bank.questions[qid]
    found = _find(bank, question, key)
    assert found is not None
    rubric, crit = found
    hits = [o for o in overrides if o.coach_hit and not verdicts.hit(qid, key, o.answer)]
    misses = [o for o in overrides if not o.coach_hit and verdicts.hit(qid, key, o.answer)]
    settled = len(overrides) - len(hits) - len(misses)

    candidates: dict[str, tuple[str, str]] = {}
    for o in hits:
        words, source = _words_for(o, crit, key, only=open_hits[o.ref] == 1)
        if words and normalize_phrase(words) not in candidates:
            candidates[normalize_phrase(words)] = (words, source)
    proposals = []
    for words, source in candidates.values():
        with_it = _variant(bank, question, rubric, crit, add=words)
        fixes = tuple(o.ref for o in hits if _met(with_it, question, key, o.answer))
        if not fixes:
            continue
        newly = tuple(
            g for g in graded
            if not verdicts.hit(qid, key, g.text) and _met(with_it, question, key, g.text)
        )
        proposals.append(Proposal(words, "zh" if has_cjk(words) else "en", source, fixes, newly))
    proposals.sort(key=lambda p: (-len(p.fixes), len(p.newly_credits), p.phrase))

    fired: dict[str, list[str]] = defaultdict(list)
    for o in misses:
        for phrase in sorted(verdicts.phrases(qid, key, o.answer)):
            fired[phrase].append(o.ref)
    misfires = []
    for phrase, refs in sorted(fired.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        without = _variant(bank, question, rubric, crit, remove=phrase)
        misfires.append(
            Misfire(
                phrase,
                tuple(refs),
                tuple(o.ref for o in misses if not _met(without, question, key, o.answer)),
                tuple(
                    g for g in graded
                    if verdicts.hit(qid, key, g.text) and not _met(without, question, key, g.text)
                ),
            )
        )
    return PointAdvice(
        qid, key, rubric.id, crit,
        tuple(o.ref for o in hits), tuple(o.ref for o in misses), settled,
        tuple(proposals[:per_point]), tuple(misfires),
    )


def _find(bank: Bank, question: Question, key: str) -> tuple[Rubric, Criterion] | None:
    for rubric in bank.rubrics_for(question):
        for c in rubric.criteria:
            if key == (c.id if rubric.id == question.rubric else f"{rubric.id}:{c.id}"):
                return rubric, c
    return None


def _variant(
    bank: Bank,
    question: Question,
    rubric: Rubric,
    crit: Criterion,
    add: str | None = None,
    remove: str | None = None,
) -> Scorer:
    """A scorer for a copy of the bank whose point `crit` has one phrase more, or one less."""
    zh = [p for p in crit.phrases.zh if p != remove]
    en = [p for p in crit.phrases.en if p != remove]
    if add is not None:
        (zh if has_cjk(add) else en).append(add)
    # Not validated: removing a point's only phrase must still be tried (it then never fires).
    new_crit = crit.model_copy(update={"phrases": Phrases.model_construct(zh=zh, en=en)})
    new_rubric = rubric.model_copy(
        update={"criteria": [new_crit if c is crit else c for c in rubric.criteria]}
    )
    rubrics: dict[str, Rubric] = {}
    for rid in question.rubric_ids:
        if rid in bank.rubrics:
            rubrics[rid] = new_rubric if rid == rubric.id else bank.rubrics[rid]
    return Scorer(replace(bank, rubrics=rubrics))


def _met(scorer: Scorer, question: Question, key: str, text: str) -> bool:
    return any(c.hit for c in scorer.score(question, text).criteria if c.key == key)


def _words_for(o: Override, crit: Criterion, key: str, only: bool) -> tuple[str, str]:
    """The words the coach credited: a commented passage counts when its comment names the
    point, or when this is the only point the coach turned to met on that answer."""
    spans = [(p.start, p.end) for p in o.passages if only or _names(p.comment, crit, key)]
    about = (crit.label.zh, crit.label.en, crit.tip.zh, crit.tip.en, *crit.phrases.all())
    return credited_words(o.answer, spans, about)


def _names(comment: str, crit: Criterion, key: str) -> bool:
    """Whether a comment says which point it is about (its key, id or label)."""
    body = comment.casefold()
    return any(n.casefold() in body for n in {key, crit.id, crit.label.zh, crit.label.en})
