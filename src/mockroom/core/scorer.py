"""Scoring an answer against its question's rubrics, with the evidence.

The score is built from factors an interviewer would recognise, each kept in
`ScoreResult.details` and explained by a flag when it costs points:

    coverage   weighted share of rubric points hit; a point earns its weight x
               similarity x (0.35 + 0.65 x elaboration), where elaboration is how
               much the sentence around the match says beyond the keywords;
    fluency    share of the answer's clauses that read as sentences rather than
               bare keywords (a keyword list is not an answer);
    length     answers far below the expected length are scaled down;
    penalties  red-flag phrases; a missed required point caps the score.

    score = clamp(100 x coverage x (0.45 + 0.55 x fluency) x length - penalties)
"""

from __future__ import annotations

from dataclasses import dataclass

from mockroom.core.bank import Bank, criterion_keys
from mockroom.core.matching import AnswerView, Found, Phrase, Vocabulary, compile_phrase, vocabulary
from mockroom.core.models import Criterion, FollowUp, Question, RedFlag, Rubric
from mockroom.core.negation import NegationIndex
from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.core.shape import Shape
from mockroom.core.text import CJK_RE

ELABORATION_UNITS = 10.0
"""Extra characters (an English word counts 2) around a match that make it fully explained."""
BASE_CREDIT = 0.35
FLUENCY_FLOOR = 0.45
LENGTH_EXPONENT = 0.8
REQUIRED_CAP = 60.0
MAX_ANSWER_CHARS = 50_000
"""Longer answers are scored on their first 50,000 characters (the rest is flagged)."""

@dataclass(frozen=True)
class _Compiled:
    key: str
    rubric_id: str
    criterion: Criterion
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class _CompiledFlag:
    flag: RedFlag
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class _CompiledQuestion:
    crits: tuple[_Compiled, ...]
    red: tuple[_CompiledFlag, ...]
    vocabulary: Vocabulary
    """The English words of all its phrases."""


class Scorer:
    """Scores answers for the questions of one bank. Deterministic and pure."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self._cache: dict[str, _CompiledQuestion] = {}

    def _compiled(self, question: Question) -> _CompiledQuestion:
        hit = self._cache.get(question.id)
        if hit is not None:
            return hit
        crits: list[_Compiled] = []
        flags: list[_CompiledFlag] = []
        for rubric in self.bank.rubrics_for(question):
            crits += [
                _Compiled(
                    _key(question, rubric, c), rubric.id, c, tuple(compile_phrase(p) for p in c.phrases.all())
                )
                for c in rubric.criteria
            ]
            flags += [
                _CompiledFlag(f, tuple(compile_phrase(p) for p in f.phrases.all())) for f in rubric.red_flags
            ]
        phrases = [p.raw for c in crits for p in c.phrases] + [p.raw for f in flags for p in f.phrases]
        result = _CompiledQuestion(tuple(crits), tuple(flags), vocabulary(tuple(phrases)))
        self._cache[question.id] = result
        return result

    def score(self, question: Question, answer: str) -> ScoreResult:
        q = self._compiled(question)
        t = question.timing
        return _score(question.id, q.crits, q, answer, t.zh_chars, t.en_words)

    def score_follow_up(self, question: Question, criterion_key: str, answer: str) -> ScoreResult:
        """Score a follow-up answer against the one rubric point it asks about."""
        q = self._compiled(question)
        chosen = tuple(c for c in q.crits if c.key == criterion_key) or q.crits
        t = question.timing
        zh = (max(20, t.zh_chars[0] // 4), max(60, t.zh_chars[1] // 2))
        en = (max(12, t.en_words[0] // 4), max(40, t.en_words[1] // 2))
        return _score(question.id, chosen, q, answer, zh, en)

    def follow_up_for(self, question: Question, result: ScoreResult) -> FollowUp | None:
        """The follow-up for the most important point the answer missed, if the question has one."""
        by_key = {f.criterion: f for f in question.follow_ups}
        missed = sorted(
            (c for c in result.criteria if not c.hit and c.key in by_key),
            key=lambda c: (not c.required, -c.weight, c.key),
        )
        return by_key[missed[0].key] if missed else None

    def vocabulary(self, question: Question) -> Vocabulary:
        """The English words the question's phrases look for (see `AnswerView.rule_out`)."""
        return self._compiled(question).vocabulary

    def criterion_keys(self, question: Question) -> set[str]:
        return criterion_keys(self.bank, question)


def _key(question: Question, rubric: Rubric, c: Criterion) -> str:
    return c.id if rubric.id == question.rubric else f"{rubric.id}:{c.id}"


def prepare(answer: str, vocab: Vocabulary) -> tuple[AnswerView, Shape, NegationIndex]:
    """What every answer needs before its first phrase is looked for: the normalised view
    (with the vocabulary's absent words ruled out), its clauses, and the negation index."""
    view = AnswerView(answer)
    view.rule_out(vocab)
    shape = Shape(view.text, view.words)
    return view, shape, NegationIndex(view.text, shape.breaks)


def _score(
    question_id: str,
    crits: tuple[_Compiled, ...],
    question: _CompiledQuestion,
    answer: str,
    zh_range: tuple[int, int],
    en_range: tuple[int, int],
) -> ScoreResult:
    if not isinstance(answer, str):
        answer = str(answer)
    flags: list[Flag] = []
    truncated = len(answer) > MAX_ANSWER_CHARS
    view, shape, is_negated = prepare(answer[:MAX_ANSWER_CHARS], question.vocabulary)
    text = view.text

    found: list[list[tuple[Phrase, Found, bool]]] = []
    matched_spans: list[tuple[int, int]] = []
    for c in crits:
        per: list[tuple[Phrase, Found, bool]] = []
        for p in c.phrases:
            for f in view.find(p):
                neg = is_negated(f.start, f.end)
                per.append((p, f, neg))
                if not neg:
                    matched_spans.append((f.start, f.end))
        found.append(per)

    # Elaboration needs every matched span, so credit is computed once all are known.
    shape.set_matches(matched_spans)
    total_weight = sum(c.criterion.weight for c in crits) or 1.0
    earned = 0.0
    final: list[CriterionResult] = []
    orig, elaboration = view.norm.orig, shape.elaboration  # once, not per match
    for c, per in zip(crits, found, strict=True):
        credit = 0.0
        matches: list[Match] = []
        for p, f, neg in per:
            if not neg:
                elab = elaboration(f.start, ELABORATION_UNITS)
                credit = max(credit, f.similarity * (BASE_CREDIT + (1 - BASE_CREDIT) * elab))
            s, e = orig(f.start), orig(f.end)
            matches.append(Match(p.raw, s, e, answer[s:e], f.similarity, f.kind, neg))  # type: ignore[arg-type]
        credit = round(min(1.0, credit), 3)
        earned += c.criterion.weight * credit
        r = _criterion_result(c, matches, credit)
        final.append(r)
        if r.negated:
            flags.append(
                Flag(
                    "negated",
                    f"提到了「{c.criterion.label.zh}」，但是是在否定它，不计分。",
                    f"'{c.criterion.label.en}' is mentioned only to be rejected, so it earns nothing.",
                    ref=r.key,
                    spans=tuple((m.start, m.end) for m in r.matches if m.negated),
                )
            )
    coverage = earned / total_weight

    fluency = shape.fluency()
    lang, length, other = _length(text, shape, view.words, len(text) - len(view.compact))
    lo, hi = zh_range if lang == "zh" else en_range
    # Judged in both units, best kept: adding English to a Chinese answer (or the
    # reverse) must never make it "shorter".
    other_lo = en_range[0] if lang == "zh" else zh_range[0]
    length_factor = max(min(1.0, length / lo), min(1.0, other / other_lo)) ** LENGTH_EXPONENT
    unit = "字" if lang == "zh" else " words"
    unit_zh = "字" if lang == "zh" else "个词"  # an English answer is measured in words
    if length_factor < 1.0:
        flags.append(
            Flag(
                "too-short",
                f"回答太短：{length} {unit_zh}，期望 {lo}-{hi} {unit_zh}。",
                f"Too short: {length}{unit if lang == 'en' else ' characters'}, expected {lo}-{hi}.",
                penalty=0.0,
            )
        )
    elif length > hi:
        flags.append(
            Flag(
                "too-long",
                f"回答偏长：{length} {unit_zh}，期望 {lo}-{hi} {unit_zh}；面试中要学会取舍。",
                f"Long: {length}{unit if lang == 'en' else ' characters'}, expected {lo}-{hi}; "
                "in an interview, choose what matters.",
            )
        )
    if truncated:
        flags.append(
            Flag(
                "truncated",
                f"回答超过 {MAX_ANSWER_CHARS} 个字符，只评了前面部分。",
                f"The answer is over {MAX_ANSWER_CHARS:,} characters; only the start was scored.",
            )
        )

    fluency_factor = FLUENCY_FLOOR + (1 - FLUENCY_FLOOR) * fluency
    raw = 100 * coverage * fluency_factor * length_factor

    penalties = 0.0
    for rf in question.red:
        spans = []
        for p in rf.phrases:
            for f in view.find(p, fuzzy=False):
                if not is_negated(f.start, f.end):
                    spans.append((view.norm.orig(f.start), view.norm.orig(f.end)))
        if spans:
            penalties += rf.flag.penalty
            flags.append(
                Flag(
                    "red-flag",
                    f"扣分：{rf.flag.label.zh}",
                    f"Costs points: {rf.flag.label.en}",
                    penalty=rf.flag.penalty,
                    ref=rf.flag.id,
                    spans=tuple(sorted(set(spans))),
                )
            )

    hits = [r for r in final if r.hit]
    if len(hits) >= 2 and fluency < 0.5:
        flags.append(
            Flag(
                "keyword-list",
                "像是关键词罗列，而不是完整的回答：请用完整的句子讲清楚每一步怎么做、为什么。",
                "This reads like a list of keywords, not an answer: say in full sentences what you "
                "would do and why.",
                penalty=round(100 * coverage * length_factor * (1 - fluency_factor), 1),
            )
        )
    if not hits and length >= lo / 2:
        flags.append(
            Flag(
                "off-topic",
                "回答没有涉及这道题的任何评分要点，可能跑题了。",
                "The answer touches none of the question's rubric points; it may be off-topic.",
            )
        )
    score = raw - penalties
    missed_required = [r for r in final if r.required and not r.hit]
    if missed_required and score > REQUIRED_CAP:
        flags.append(
            Flag(
                "missed-required",
                "缺少必答要点：" + "、".join(r.label_zh for r in missed_required),
                "Missing a required point: " + ", ".join(r.label_en for r in missed_required),
                penalty=round(score - REQUIRED_CAP, 1),
            )
        )
        score = REQUIRED_CAP
    elif missed_required:
        flags.append(
            Flag(
                "missed-required",
                "缺少必答要点：" + "、".join(r.label_zh for r in missed_required),
                "Missing a required point: " + ", ".join(r.label_en for r in missed_required),
            )
        )
    score = round(max(0.0, min(100.0, score)), 1)
    return ScoreResult(
        question_id=question_id,
        score=score,
        criteria=tuple(final),
        flags=tuple(flags),
        answer_lang=lang,
        length=length,
        length_range=(lo, hi),
        details={
            "coverage": round(coverage, 4),
            "fluency": round(fluency, 4),
            "length_factor": round(length_factor, 4),
            "penalties": penalties,
        },
    )


def _criterion_result(c: _Compiled, matches: list[Match], credit: float) -> CriterionResult:
    ok = any(not m.negated for m in matches)
    crit = c.criterion
    matches.sort(key=lambda m: (m.negated, -m.similarity, m.start))
    return CriterionResult(
        key=c.key,
        rubric_id=c.rubric_id,
        label_zh=crit.label.zh,
        label_en=crit.label.en,
        tip_zh=crit.tip.zh,
        tip_en=crit.tip.en,
        weight=crit.weight,
        required=crit.required,
        hit=ok,
        negated=bool(matches) and not ok,
        credit=credit,
        matches=tuple(matches),
    )


def _length(
    text: str, shape: Shape, ws: list[tuple[str, int, int]], spaces: int
) -> tuple[str, int, int]:
    """Dominant language, length in its unit, and length in the other unit.

    zh: characters (not spaces), an English word counting as two; en: words, a
    Chinese character counting as half a word.
    """
    cjk = shape.units(0, len(text)) - 2 * len(ws)
    latin = len(ws)
    latin_chars = sum(e - s for _, s, e in ws)
    chars = len(text) - spaces - latin_chars + 2 * latin
    en_words = latin + (cjk + 1) // 2
    if cjk >= latin:
        return "zh", chars, en_words
    return "en", en_words, chars


def score_answer(bank: Bank, question_id: str, answer: str) -> ScoreResult:
    """Convenience for scripts: score by question id (KeyError if unknown)."""
    return Scorer(bank).score(bank.questions[question_id], answer)


__all__ = ["CJK_RE", "Scorer", "prepare", "score_answer"]
