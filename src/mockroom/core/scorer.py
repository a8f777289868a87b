"""Scoring an answer against its question's rubrics, with the evidence.

The score is built from factors an interviewer would recognise, each kept in
`ScoreResult.details` and, when it costs points, shown as a flag saying how many:

    coverage   weighted share of rubric points hit; a point earns its weight x
               similarity x (BASE_CREDIT + (1 - BASE_CREDIT) x elaboration), where
               elaboration is how much the sentence around the match says beyond that
               point's own phrases (other points' phrases do not lower it; bare terms
               and stock phrases such as 高度重视 or "customer-centric" say nothing);
               a point named only in a long run of terms (敏捷、协同、拉通、赋能、闭环)
               or in a process defined by its own name (问题管理就是处理问题) earns
               LISTED_CREDIT;
    content    coverage against what a full answer covers: FULL_COVERAGE of the
               weighted points, well said, is a complete answer;
    length     a gentle absolute floor: answers shorter than LENGTH_FLOOR units lose
               a little, in proportion;
    stance     an answer rejecting many of the points it names keeps only the share
               of its mentions that are affirmed, and less again when it rejects most;
    vague      answers made largely of stock phrases lose most of their credit: they
               name values, not what would be done;
    off-point  answers whose clauses mostly touch no point (filler, another question's
               story) keep less, unless they cover most points anyway;
    list       answers made mostly of bare terms ("柱状图 饼图", "Agenda. Rapport.")
               lose most of their credit: a keyword list is not an answer;
    notes      an answer written as list items that never say why scores at most NOTES_TOP;
    generic    an answer without a single concrete detail (a figure, a count, a length of
               time) keeps GENERIC_KEEPS of what it scores above GENERIC_FROM;
    penalties  red-flag phrases said as the candidate's own stance, not told of someone
               else (see `attribution`): an answer with one scores at most TOP_SCORE -
               RED_FLAG_SLOPE x penalty, less the penalty; each missed required point
               costs a share of the score.

    score = clamp(generic(min(TOP_SCORE x content^CONTENT_EXPONENT x length x stance x off-point
                              x vague x list, notes cap))
                  - penalties)

The constants are few and global, fitted on graded answers (see `mockroom eval`); the
per-point weights are the rubric authors'.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache
from typing import NamedTuple

from mockroom.core import related, stock_phrases
from mockroom.core.attribution import told_of_others
from mockroom.core.bank import Bank, criterion_keys
from mockroom.core.concrete import has_figure
from mockroom.core.matching import (
    AnswerView,
    Found,
    Phrase,
    Vocabulary,
    compile_phrase,
    vocabulary,
    with_synonyms,
)
from mockroom.core.models import Criterion, FollowUp, Question, RedFlag, Rubric
from mockroom.core.negation import NegationIndex, echoes_rejection, has_cue
from mockroom.core.phrase_search import Hits, PhraseSearch, search_for
from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.core.shape import Shape
from mockroom.core.shape import merged_spans as _merged
from mockroom.core.text import CJK_RUN

TOP_SCORE = 87.0
"""What a complete, well-explained answer scores: interviewers keep the last points for
answers beyond what any rubric lists."""
BASE_CREDIT = 0.7
"""Share of a point's credit earned by naming it; the rest comes from saying more around it."""
ELABORATION_UNITS = 36.0
"""Units said beside a point's phrases in its sentence that make it fully explained (a Chinese
character is a unit, an English word two: see `shape`)."""
LISTED_CREDIT = 0.3
"""Share of a point's credit earned by a term in a long run of terms joined by 、 (敏捷、协同、
拉通、赋能、闭环; see `shape.RUN_ITEMS`): listed among buzzwords, the point is named, not said."""
STEP_UNITS = 3
"""Units said beside the points' phrases in a match's own clause that make it a concrete step
("拉研发查日志", "先回退恢复再出补丁", "每天定时同步进展") rather than a named term..."""
STEP_ELABORATION = 0.5
"""...and the elaboration such a step has at least: terse answers that say what they would
do are not keyword lists."""
FULL_COVERAGE = 0.95
"""The weighted share of points, well explained, that earns full marks."""
CONTENT_EXPONENT = 0.8
LENGTH_FLOOR = {"zh": 80, "en": 52}
"""Below this many characters (zh) or words (en) an answer loses points in proportion."""
LENGTH_EXPONENT = 0.8
LIST_FROM = 0.4
"""Share of bare terms from which an answer reads as a keyword list..."""
LIST_ALL = 0.85
"""...from which it is all list..."""
LIST_KEEPS = 0.1
"""...and the share of its score such a list keeps."""
REJECTING_FROM = 0.3
"""When this share of an answer's mentions of points reject them, the rest counts less too:
an answer that names the right ideas to argue against them is not half right..."""
REJECTING_MOST = 0.5
"""...and beyond this share (most of what it names, it rejects) it keeps less again: what it
still affirms is said in passing by an answer that argues the other way."""
NOTES_TOP = 72.0
"""What an answer written as notes scores at most: list items that never say why (no
because, so that, for example, if) tell an interviewer what, not how or why..."""
NOTES_FROM = 0.5
"""...notes being answers with at least this share of their sentences opening as list items."""
GENERIC_FROM = 60.0
"""Above this score an answer without a single concrete detail (see `concrete`) keeps..."""
GENERIC_KEEPS = 0.6
"""...this share of the rest: it names what a good answer covers, but an interviewer hears
a textbook, not someone who has done it."""
RED_FLAG_SLOPE = 5.0
"""An answer with red flags scores at most TOP_SCORE - RED_FLAG_SLOPE x their penalties,
before the penalties: a red flag makes an interviewer discount the whole answer."""
VAGUE_FROM = 0.1
"""Share of an answer in stock phrases (see `stock_phrases`: 高度重视, 以客户为中心,
"customer-centric", "deliver real value") from which it reads as vague..."""
VAGUE_ALL = 0.3
"""...from which it is all boilerplate..."""
VAGUE_KEEPS = 0.3
"""...and the share of its score such an answer keeps: it names values, not what would be done."""
ON_POINT_FROM = 0.2
"""Share of an answer's clauses touching some rubric point below which most of it is beside
the question (fluent filler, a story about something else)..."""
OFF_POINT_KEEPS = 0.4
"""...the share of its score an answer touching almost none keeps (in proportion between)..."""
OFF_POINT_COVERED = 0.5
"""...unless its coverage is at least this: an answer that makes most of the points is not
beside the question, however much else it says."""
REQUIRED_KEEPS = 0.85
"""Each required point missed keeps this share of the score."""
RELATED_SIMILARITY = 0.5
"""Credit for a point said in the answer's own words (a clause sharing several telling words
with the point's description; see `related`), when none of its phrases is there."""
MAX_ANSWER_CHARS = 50_000
"""Longer answers are scored on their first 50,000 characters (the rest is flagged)."""


class _Compiled(NamedTuple):
    key: str
    rubric_id: str
    criterion: Criterion
    phrases: tuple[Phrase, ...]


class _CompiledFlag(NamedTuple):
    flag: RedFlag
    phrases: tuple[Phrase, ...]


class _Described:
    """A question's points as `related` sees them: each one's telling words, by key, and how
    telling each word is. Worked out when an answer first misses a point by its phrases (a
    strong answer never needs them: ~1.5 ms of a question's first use). Pure, so two threads
    working it out at once get equal values."""

    def __init__(self, crits: tuple[_Compiled, ...]) -> None:
        self._crits = crits

    @cached_property
    def by_key(self) -> dict[str, frozenset[str]]:
        return {c.key: related.described(c.criterion) for c in self._crits}

    @cached_property
    def weights(self) -> related.Weights:
        return related.weights_of(tuple(self.by_key.values()))


class _CompiledQuestion(NamedTuple):
    crits: tuple[_Compiled, ...]
    red: tuple[_CompiledFlag, ...]
    vocabulary: Vocabulary
    """The English words of all its phrases."""
    described: _Described
    """Each point's telling words and their weights (see `related`)."""
    search: PhraseSearch
    """All its phrases, looked for in one pass (see `phrase_search`)."""


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
                    _key(question, rubric, c),
                    rubric.id,
                    c,
                    _point_phrases(tuple(c.phrases.all())),
                )
                for c in rubric.criteria
            ]
            flags += [
                _CompiledFlag(f, tuple(compile_phrase(p) for p in f.phrases.all())) for f in rubric.red_flags
            ]
        phrases = tuple(p for c in crits for p in c.phrases) + tuple(p for f in flags for p in f.phrases)
        result = _CompiledQuestion(
            tuple(crits), tuple(flags), vocabulary(phrases), _Described(tuple(crits)), search_for(phrases)
        )
        self._cache[question.id] = result
        return result

    def score(self, question: Question, answer: str) -> ScoreResult:
        q = self._compiled(question)
        t = question.timing
        return _score(question.id, q.crits, q, answer, t.zh_chars, t.en_words, LENGTH_FLOOR)

    def score_follow_up(self, question: Question, criterion_key: str, answer: str) -> ScoreResult:
        """Score a follow-up answer against the one rubric point it asks about."""
        q = self._compiled(question)
        chosen = tuple(c for c in q.crits if c.key == criterion_key) or q.crits
        t = question.timing
        zh = (max(20, t.zh_chars[0] // 4), max(60, t.zh_chars[1] // 2))
        en = (max(12, t.en_words[0] // 4), max(40, t.en_words[1] // 2))
        floor = {lang: n // 4 for lang, n in LENGTH_FLOOR.items()}  # about one point
        return _score(question.id, chosen, q, answer, zh, en, floor)

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


@lru_cache(maxsize=16384)
def _point_phrases(raw: tuple[str, ...]) -> tuple[Phrase, ...]:
    """A point's phrases, each followed by its thesaurus variants (see `with_synonyms`).
    Cached by the phrases: questions sharing a rubric (a shared rubric, a question copied
    under a new id) then share the tuple, rather than each building one of ~70 phrases."""
    return tuple(v for p in raw for v in with_synonyms(p))


def _key(question: Question, rubric: Rubric, c: Criterion) -> str:
    return c.id if rubric.id == question.rubric else f"{rubric.id}:{c.id}"


def prepare(answer: str, vocab: Vocabulary) -> tuple[AnswerView, Shape, NegationIndex]:
    """What every answer needs before its first phrase is looked for: the normalised view
    (with the vocabulary's absent words ruled out), its clauses, and the negation index."""
    view = AnswerView(answer)
    view.rule_out(vocab)
    shape = Shape(view.text, view.words)
    return view, shape, NegationIndex(view.text)


def _score(
    question_id: str,
    crits: tuple[_Compiled, ...],
    question: _CompiledQuestion,
    answer: str,
    zh_range: tuple[int, int],
    en_range: tuple[int, int],
    floor: dict[str, int],
) -> ScoreResult:
    if not isinstance(answer, str):
        answer = str(answer)
    flags: list[Flag] = []
    truncated = len(answer) > MAX_ANSWER_CHARS
    view, shape, is_negated = prepare(answer[:MAX_ANSWER_CHARS], question.vocabulary)
    scan = question.search.scan(view)
    text = view.text

    total_weight = sum(c.criterion.weight for c in crits) or 1.0
    earned = named = 0.0
    mentions = rejections = 0
    final: list[CriterionResult] = []
    orig = view.norm.orig
    # A phrase found inside a stock phrase ("感受" in "让客户感受到我们的诚意") is not said.
    stock = _merged(list(stock_phrases.spans(text)))
    by_point = [_split_by_stock(_best_per_span(c.phrases, scan), stock) for c in crits]
    # Negation is looked at once per place: synonym variants often land on the same words.
    found_by_point = [
        _echoes_rejected(text, [(p, f, is_negated(f.start, f.end, p.norm)) for p, f in said])
        for _, said in by_point
    ]
    # Every point's phrases: a clause of rubric terms only is a list, not a step.
    named_anywhere = _merged([(f.start, f.end) for found in found_by_point for _, f, neg in found if not neg])
    steps: dict[tuple[int, int], bool] = {}  # by clause: the same for every point
    for c, found, (in_stock, _) in zip(crits, found_by_point, by_point, strict=True):
        own = [(f.start, f.end) for _, f, neg in found if not neg]
        mentions += len(found)
        rejections += len(found) - len(own)
        credit = similarity = 0.0
        matches: list[Match] = []
        own = _merged(own)  # once per point: said_in subtracts them in every sentence
        said_by_sentence: dict[tuple[int, int] | None, int] = {}  # the same for all its matches
        for p, f, neg in found:
            if not neg:
                similarity = max(similarity, f.similarity)
                if shape.only_named(f.start):
                    credit = max(credit, f.similarity * LISTED_CREDIT)
                elif credit < f.similarity:  # a fully explained match cannot be beaten by its own
                    sentence = shape.sentence_of(f.start)
                    if sentence not in said_by_sentence:
                        said_by_sentence[sentence] = (
                            0 if sentence is None else _said_concretely(shape, sentence, own, stock)
                        )
                    elaboration = min(1.0, said_by_sentence[sentence] / ELABORATION_UNITS)
                    if elaboration < STEP_ELABORATION and _is_step(shape, f.start, named_anywhere, stock, steps):
                        elaboration = STEP_ELABORATION
                    credit = max(credit, f.similarity * (BASE_CREDIT + (1 - BASE_CREDIT) * elaboration))
            s, e = orig(f.start), orig(f.end)
            matches.append(Match(p.raw, s, e, answer[s:e], f.similarity, f.kind, neg))  # type: ignore[arg-type]
        if not own:
            said = _said_otherwise(view.text, shape, question, c.key, is_negated)
            if said is not None:
                (s, e), why = said
                credit = similarity = RELATED_SIMILARITY
                s, e = orig(s), orig(e)
                phrase = "≈ " + " · ".join(why.shared[:4])
                matches.append(Match(phrase, s, e, answer[s:e], RELATED_SIMILARITY, "related"))
        credit = round(min(1.0, credit), 3)
        earned += c.criterion.weight * credit
        named += c.criterion.weight * similarity
        r = _criterion_result(c, matches, credit)
        final.append(r)
        if in_stock and not r.hit:
            flags.append(_said_in_stock_phrase(c, r.key, in_stock, view, answer))
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
    content = _content(coverage)
    unexplained = TOP_SCORE * (_content(named / total_weight) - content)
    if unexplained >= 1:
        flags.append(
            Flag(
                "unexplained",
                "有些要点只是点到为止：说说具体怎么做、为什么，才能拿满分。",
                "Some points are only named: say how and why to earn them in full.",
                penalty=round(unexplained, 1),
            )
        )
    score = TOP_SCORE * content

    lang, length, other = _length(text, shape, view.words, len(text) - len(view.compact))
    lo, hi = zh_range if lang == "zh" else en_range
    # Judged in both units, best kept: adding English to a Chinese answer (or the
    # reverse) must never make it "shorter".
    other_lang = "en" if lang == "zh" else "zh"
    length_factor = max(
        min(1.0, length / floor[lang]), min(1.0, other / floor[other_lang])
    ) ** LENGTH_EXPONENT
    unit = "字" if lang == "zh" else " words"
    unit_zh = "字" if lang == "zh" else "个词"  # an English answer is measured in words
    if length_factor < 1.0:
        flags.append(
            Flag(
                "too-short",
                f"回答太短：{length} {unit_zh}；要讲清楚要点，至少需要 {floor[lang]} {unit_zh}左右。",
                f"Too short: {length}{unit if lang == 'en' else ' characters'}; making the points "
                f"takes about {floor[lang]}.",
                penalty=round(score * (1 - length_factor), 1),
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
    score *= length_factor
    if truncated:
        flags.append(
            Flag(
                "truncated",
                f"回答超过 {MAX_ANSWER_CHARS} 个字符，只评了前面部分。",
                f"The answer is over {MAX_ANSWER_CHARS:,} characters; only the start was scored.",
            )
        )

    rejected_share = rejections / mentions if mentions else 0.0
    stance_factor = stance(rejected_share)
    if stance_factor < 1.0:
        flags.append(
            Flag(
                "rejects-points",
                f"回答否定了自己提到的 {rejections}/{mentions} 处要点：面试官看到的是在反对这些做法。",
                f"The answer rejects {rejections} of the {mentions} places it names a point: an "
                "interviewer hears a case against them.",
                penalty=round(score * (1 - stance_factor), 1),
            )
        )
    score *= stance_factor

    touching, clauses = _clauses_on_point(shape, found_by_point)
    on_point = touching / clauses if clauses else 1.0
    off_point_factor = 1.0
    if on_point < ON_POINT_FROM and coverage < OFF_POINT_COVERED and any(r.hit for r in final):
        off_point_factor = OFF_POINT_KEEPS + (1 - OFF_POINT_KEEPS) * on_point / ON_POINT_FROM
        flags.append(
            Flag(
                "off-point",
                f"大部分内容没有落在这道题的要点上：{clauses} 句里只有 {touching} 句涉及要点。",
                f"Most of the answer is beside the question's points: {touching} of its {clauses} "
                "clauses touch one.",
                penalty=round(score * (1 - off_point_factor), 1),
            )
        )
    score *= off_point_factor

    stock_share = sum(shape.units(s, e) for s, e in stock) / max(1, shape.units(0, len(text)))
    vague_factor = 1 - (1 - VAGUE_KEEPS) * min(1.0, max(0.0, (stock_share - VAGUE_FROM) / (VAGUE_ALL - VAGUE_FROM)))
    if vague_factor < 1.0:
        quoted = list(dict.fromkeys(answer[orig(s) : orig(e)] for s, e in stock))[:4]
        flags.append(
            Flag(
                "vague",
                f"套话多、具体内容少：{stock_share:.0%} 的内容是「" + "」「".join(quoted) + "」这类说法；"
                "请讲清楚具体做什么、怎么做、结果如何。",
                f"Vague: {stock_share:.0%} of the answer is stock phrases ('" + "', '".join(quoted) + "'); "
                "say what you would actually do, how, and what came of it.",
                penalty=round(score * (1 - vague_factor), 1),
                spans=tuple((orig(s), orig(e)) for s, e in stock),
            )
        )
    score *= vague_factor

    list_share = shape.list_share
    list_factor = 1 - (1 - LIST_KEEPS) * min(1.0, max(0.0, (list_share - LIST_FROM) / (LIST_ALL - LIST_FROM)))
    if list_factor < 1.0:
        flags.append(
            Flag(
                "keyword-list",
                "像是关键词罗列，而不是完整的回答：请用完整的句子讲清楚每一步怎么做、为什么。",
                "This reads like a list of keywords, not an answer: say in full sentences what you "
                "would do and why.",
                penalty=round(score * (1 - list_factor), 1),
            )
        )
    score *= list_factor

    # Cheapest test first: most answers are not notes, and few score above the cap.
    if score > NOTES_TOP and shape.item_share >= NOTES_FROM and shape.reasons == 0:
        flags.append(
            Flag(
                "notes",
                f"像提纲而不是回答：只列了要做什么，没讲为什么、怎么做（因为、为了、比如……），最高 {NOTES_TOP:.0f} 分。",
                f"This reads as notes: it lists what you would do but never why or how (because, so "
                f"that, for example...); notes score at most {NOTES_TOP:.0f}.",
                penalty=round(score - NOTES_TOP, 1),
            )
        )
        score = NOTES_TOP

    if score > GENERIC_FROM and not has_figure(text):
        generic = GENERIC_FROM + (score - GENERIC_FROM) * GENERIC_KEEPS
        flags.append(
            Flag(
                "generic",
                "没有一个具体细节（数字、时间、规模）：要点都点到了，但听起来像背书；"
                "讲一个真实的例子和结果，才能拿高分。",
                "No concrete detail (a figure, a time, a size): the points are named, but it sounds "
                "like a textbook; give a real example and its result to score high.",
                penalty=round(score - generic, 1),
            )
        )
        score = generic

    penalties = 0.0
    for rf in question.red:
        spans = []
        for p in rf.phrases:
            for f in scan.find(p, fuzzy=False):
                told = told_of_others(text, is_negated.clause(f.start, f.end)[0], f.start)
                if not told and not is_negated(f.start, f.end, p.norm):
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
    if not hits and length >= lo / 2:
        flags.append(
            Flag(
                "off-topic",
                "回答没有涉及这道题的任何评分要点，可能跑题了。",
                "The answer touches none of the question's rubric points; it may be off-topic.",
            )
        )
    cap = TOP_SCORE - RED_FLAG_SLOPE * penalties
    if penalties and score > cap:
        flags.append(
            Flag(
                "red-flag-cap",
                f"出现扣分项，总分最高 {max(0.0, cap):.0f}：面试官会因为这一点对整个回答打折扣。",
                f"With this red flag the score is at most {max(0.0, cap):.0f}: an interviewer "
                "discounts the whole answer for it.",
                penalty=round(score - max(0.0, cap), 1),
            )
        )
        score = max(0.0, cap)
    score -= penalties
    missed_required = [r for r in final if r.required and not r.hit]
    if missed_required:
        cost = max(0.0, score) * (1 - REQUIRED_KEEPS ** len(missed_required))
        flags.append(
            Flag(
                "missed-required",
                "缺少必答要点：" + "、".join(r.label_zh for r in missed_required),
                ("Missing required points: " if len(missed_required) > 1 else "Missing a required point: ")
                + ", ".join(r.label_en for r in missed_required),
                penalty=round(cost, 1),
            )
        )
        score -= cost
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
            "content": round(content, 4),
            "length_factor": round(length_factor, 4),
            "list_share": round(list_share, 4),
            "list_factor": round(list_factor, 4),
            "rejected_share": round(rejected_share, 4),
            "stock_share": round(stock_share, 4),
            "vague_factor": round(vague_factor, 4),
            "on_point": round(on_point, 4),
            "off_point_factor": round(off_point_factor, 4),
            "penalties": penalties,
        },
    )


def _said_otherwise(
    text: str, shape: Shape, question: _CompiledQuestion, key: str, negation: NegationIndex
) -> tuple[tuple[int, int], related.Related] | None:
    """The clause that shares the most telling words with the point's description, when
    enough (see `related`), and whose clause for negation (a list joined by 、 is one: "跟客户
    一起定指标、做需求分析这些流程都太虚了") holds no negation cue nor dismissing verdict
    (see `has_cue`), and which the next clause does not turn down ("定时清理这些思路我都知道，
    但我觉得没必要")."""
    best: tuple[tuple[int, int], related.Related] | None = None
    for s, e, keys in shape.clause_keys(related.keys):
        found = related.related(keys, question.described.by_key[key], question.described.weights)
        if found and (best is None or found.weight > best[1].weight):
            ns, ne = negation.clause(s, e)
            if not has_cue(text[ns:ne]) and not negation(s, e):
                best = ((s, e), found)
    return best


def _echoes_rejected(
    text: str, found: list[tuple[Phrase, Found, bool]]
) -> list[tuple[Phrase, Found, bool]]:
    """A point's mentions, each also negated when it only carries on a rejection of the same
    point said just before it (see `echoes_rejection`): the reason for not doing a thing names
    the thing without affirming it."""
    rejected_ends = sorted(f.end for _, f, neg in found if neg)
    if not rejected_ends:
        return found
    return [
        (p, f, neg or any(echoes_rejection(text, end, f.start) for end in rejected_ends if end <= f.start))
        for p, f, neg in found
    ]


def _best_per_span(phrases: tuple[Phrase, ...], hits: Hits) -> list[tuple[Phrase, Found]]:
    """One match per place in the answer: the closest (a phrase and a synonym variant of
    another phrase of the point often land on the same words), the first on a tie."""
    best: dict[tuple[int, int], tuple[Phrase, Found]] = {}
    for p, found in hits.found(phrases):
        for f in found:
            span = (f.start, f.end)
            if span not in best or f.similarity > best[span][1].similarity:
                best[span] = (p, f)
    return list(best.values())


def _is_step(
    shape: Shape,
    x: int,
    named: list[tuple[int, int]],
    stock: list[tuple[int, int]],
    known: dict[tuple[int, int], bool],
) -> bool:
    """Whether the match at x is a concrete step: its clause says something beside the phrases
    of any point (an object, a when, a how), where a bare term, a run of terms or a stock
    phrase ("充分沟通") says nothing. `known` keeps the answer for each clause already looked at."""
    clause = shape.clause_of(x)
    if clause is None:
        return False
    if clause not in known:
        known[clause] = _said_concretely(shape, clause, named, stock) >= STEP_UNITS
    return known[clause]


def _said_in_stock_phrase(
    c: _Compiled,
    key: str,
    in_stock: list[tuple[Phrase, Found]],
    view: AnswerView,
    answer: str,
) -> Flag:
    """The flag for a point whose phrases were found only inside stock phrases: their spans,
    shown as the reason the point is missed (its cost is the point's, in the coverage)."""
    orig = view.norm.orig
    spans = tuple(sorted({(orig(f.start), orig(f.end)) for _, f in in_stock}))
    words = "、".join(dict.fromkeys(answer[s:e] for s, e in spans))
    return Flag(
        "stock-phrase",
        f"「{c.criterion.label.zh}」：「{words}」只出现在套话里，不算答到这一点。",
        f"'{c.criterion.label.en}': '{words}' appears only inside stock phrases, which do not say the point.",
        ref=key,
        spans=spans,
    )


def _split_by_stock(
    found: list[tuple[Phrase, Found]], stock: list[tuple[int, int]]
) -> tuple[list[tuple[Phrase, Found]], list[tuple[Phrase, Found]]]:
    """The matches that lie inside one of the `stock` phrases (merged, sorted), and the others."""
    inside: list[tuple[Phrase, Found]] = []
    outside: list[tuple[Phrase, Found]] = []
    for p, f in found:
        (inside if _inside_any(stock, f.start, f.end) else outside).append((p, f))
    return inside, outside


def _inside_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the merged, sorted `spans`."""
    k = bisect_right(spans, start, key=lambda span: span[0]) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]


def _clauses_on_point(shape: Shape, found_by_point: list[list[tuple[Phrase, Found, bool]]]) -> tuple[int, int]:
    """How many of the answer's clauses hold an affirmed mention of some point, and how many
    clauses there are: those reading as language, and bare items that hold a mention (notes
    such as "客户：FAQ、视频、培训" are on point, however few sentences go with them)."""
    starts = sorted(f.start for found in found_by_point for _, f, neg in found if not neg)
    touching = clauses = 0
    for s, e, bare in shape.fragments:
        k = bisect_left(starts, s)
        holds = k < len(starts) and starts[k] < e
        if holds or not bare:
            clauses += 1
            touching += holds
    return touching, clauses


def _said_concretely(
    shape: Shape, stretch: tuple[int, int], own: list[tuple[int, int]], stock: list[tuple[int, int]]
) -> int:
    """`Shape.said_in` less the stock phrases of the stretch that are not part of `own` (both
    merged and sorted): "客户会感受到我们的诚意" explains nothing about listening."""
    a, b = stretch
    said = shape.said_in(stretch, own)
    for s, e in stock:
        if e <= a:
            continue
        if s >= b:
            break
        if not any(os < e and s < oe for os, oe in own):
            said -= shape.language_units(max(s, a), min(e, b))
    return max(0, said)


def stance(rejected_share: float) -> float:
    """The share of the score kept by an answer that rejects this share of its mentions of
    points: all below REJECTING_FROM, the affirmed share from there, and less again once it
    rejects most of them (REJECTING_MOST)."""
    if rejected_share < REJECTING_FROM:
        return 1.0
    kept = 1 - rejected_share
    return kept * min(1.0, kept / (1 - REJECTING_MOST))


def _content(coverage: float) -> float:
    """0..1: coverage against a full answer's."""
    return min(1.0, coverage / FULL_COVERAGE) ** CONTENT_EXPONENT


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


__all__ = ["CJK_RUN", "Scorer", "prepare", "score_answer"]
