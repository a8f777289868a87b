"""A real-scored mock interview with a follow-up and a retry: what issue 14 was seen on.

Three support questions answered with the bank's own examples: the self-introduction
misses its required achievement point and a follow-up meets it; the outage answer is
weak (37.4) and a retry is strong (89.9); the third is answered once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mockroom.core.bank import Bank
from mockroom.core.scorer import Scorer
from mockroom.store.records import AttemptRec, AttemptTiming, SessionRec
from mockroom.store.repo import Store

INTRO = "support.self-introduction"
OUTAGE = "support.outage-customer-vs-platform"
KB = "support.knowledge-base"
FOLLOW_UP = {
    "zh": "我之前带团队把首次响应时间从 4 小时降到 1 小时，客户满意度从 82% 提升到 95%，这是我最自豪的成绩。",
    "en": "In my last role I cut first response time from 4 hours to 1 hour and raised CSAT "
    "from 82% to 95%.",
}
START = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)


def _example(bank: Bank, qid: str, label: str) -> str:
    return next(e.answer for e in bank.questions[qid].examples if e.label == label)


def record_session(url: str, bank: Bank, lang: str, name: str = "Zhang Wei") -> tuple[
    SessionRec, list[AttemptRec]
]:
    """The session, its answers in order: intro, intro's follow-up, outage, its retry, kb."""
    scorer = Scorer(bank)
    moment = [START]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=1)
        return moment[0]

    strong = "strong-zh" if lang == "zh" else "strong-en"
    with Store.open(url, clock=clock) as store:
        cand = store.set_candidate_name(name)
        sess = store.start_session(cand.id, "support", "mock", lang, [INTRO, OUTAGE, KB], 900, True)
        recs: list[AttemptRec] = []

        def answer(qid: str, text: str, follow_up: str | None = None) -> AttemptRec:
            q = bank.questions[qid]
            result = (
                scorer.score_follow_up(q, follow_up, text) if follow_up else scorer.score(q, text)
            )
            shown = clock()
            moment[0] += timedelta(seconds=80)
            rec = store.record_attempt(
                sess.id, qid, bank.version_of(qid), lang, text, result,
                AttemptTiming(shown, 5.0, 10.0 if follow_up is None else 0.0, 70.0, 0.0, 90.0),
                follow_up_of=recs[0].id if follow_up else None, follow_up_criterion=follow_up,
            )
            recs.append(rec)
            return rec

        answer(INTRO, _example(bank, INTRO, "mixed-zh" if lang == "zh" else "partial"))
        answer(INTRO, FOLLOW_UP[lang], follow_up="achievement")
        answer(OUTAGE, _example(bank, OUTAGE, "partial"))
        answer(OUTAGE, _example(bank, OUTAGE, strong))
        answer(KB, _example(bank, KB, "strong-zh" if lang == "zh" else "good-en"))
        store.finish_session(sess.id)
    return sess, recs
