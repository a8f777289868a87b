"""A mock interview as a coach exports it: three real bank questions answered with the bank's
examples and scored by the real scorer, the first retried, the second followed up, the coach's
verdicts overriding the scorer's on it, a comment and an overall comment."""

from __future__ import annotations

from dataclasses import dataclass

from mockroom.core.bank import Bank, load_bank
from mockroom.core.scorer import Scorer
from mockroom.store import Store
from mockroom.store.records import AttemptTiming
from tests.helpers.tui_review_helpers import StepClock

INTRO = "support.self-introduction"
OUTAGE = "support.outage-strategic-customer"
KB = "support.knowledge-base"
FOLLOW_UP_POINT = "emergency-response"


@dataclass(frozen=True)
class Coached:
    session_id: str
    bank: Bank
    coach: str
    overridden: tuple[str, str]
    """The two points of question 2's answer the coach marked missed (the second required)."""


def _example(bank: Bank, question_id: str, label: str) -> str:
    return next(e.answer for e in bank.questions[question_id].examples if e.label == label)


def coached_session(store: Store, clock: StepClock, lang: str, bank: Bank | None = None) -> Coached:
    bank = bank or load_bank([], builtin=True)
    scorer = Scorer(bank)
    coach = "李教练" if lang == "zh" else "Coach Li"
    cand = store.get_candidate() or store.set_candidate_name("王芳" if lang == "zh" else "Wang Fang")
    sess = store.start_session(cand.id, "support", "mock", lang, [INTRO, OUTAGE, KB], 900, True)
    strong = "strong-zh" if lang == "zh" else "strong-en"
    plan = [(INTRO, "partial", None), (INTRO, strong, None), (OUTAGE, "keyword-list", None),
            (OUTAGE, "partial", FOLLOW_UP_POINT),
            (KB, "strong-zh" if lang == "zh" else "good-en", None)]
    first: dict[str, str] = {}
    for qid, label, point in plan:
        q = bank.questions[qid]
        text = _example(bank, qid, label)
        shown = clock()
        clock.advance(seconds=95)
        rec = store.record_attempt(
            sess.id, qid, bank.version_of(qid), lang, text, scorer.score(q, text),
            AttemptTiming(shown, 4.0, 12.0, 80.0, 3.0 if label == "partial" else 0.0, None),
            follow_up_of=first[qid] if point else None, follow_up_criterion=point,
            self_rating=None if point else 3,
        )
        first.setdefault(qid, rec.id)
    store.finish_session(sess.id)
    listed = store.transcript(sess.id).items[2].attempt  # the keyword list: question 2
    compensation, review = listed.result.criteria[4].key, listed.result.criteria[5].key
    store.override_criterion(listed.id, compensation, False, coach)
    store.override_criterion(listed.id, review, False, coach)
    store.override_score(listed.id, 62, coach)
    store.add_comment(listed.id, coach, "要点都有，但只是罗列关键词。" if lang == "zh"
                      else "All there, but as a list of keywords.", (0, 4))
    store.mark_reviewed(listed.id, coach)
    store.set_summary(sess.id, "结构清楚，重答明显更好。\n下一步：先讲影响和时间表。" if lang == "zh"
                      else "Clear structure; the retry was much better.\nNext: lead with impact.",
                      coach)
    return Coached(sess.id, bank, coach, (compensation, review))
