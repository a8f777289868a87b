"""The session record: questions with attempts and follow-ups, counted one way everywhere."""

from __future__ import annotations

from mockroom.store import Store
from mockroom.store import session_record as sr
from tests.helpers.review_builders import OUTAGE, REQUIRED, RETRY_SESSION, practise_with


def test_a_retry_and_a_follow_up_are_parts_of_their_question(store: Store) -> None:
    sess, recs = practise_with(store, RETRY_SESSION)
    record = sr.load(store, sess.id)

    assert [q.question_id for q in record.questions] == [
        "support.outage", "support.refund", "support.team"
    ]
    outage, refund, team = record.questions
    assert [a.label for a in record.answers] == ["1", "1a", "2", "2r1", "3"]
    assert [a.kind for a in record.answers] == ["first", "follow_up", "first", "retry", "first"]
    assert [a.id for a in record.answers] == [r.id for r in recs]
    assert len(outage.attempts) == 1 and len(outage.follow_ups) == 1
    assert len(refund.attempts) == 2 and refund.follow_ups == ()

    # the question's result is its best attempt: the retry's 75, not the first 55
    assert refund.best.label == "2r1" and refund.score == 75.0
    assert [q.score for q in record.questions] == [72.5, 75.0, 80.0]
    assert record.mean_score == round((72.5 + 75 + 80) / 3, 1) == 75.8

    # the follow-up met "postmortem", which the first answer missed: not a weak point any more
    [postmortem] = [p for p in outage.points if p.key == "postmortem"]
    assert not postmortem.call.met and postmortem.met
    assert postmortem.cleared_by is not None and postmortem.cleared_by.label == "1a"
    assert record.weakest() == []

    # time spent on a question: every attempt and follow-up, prep included
    assert refund.time_s == (20 + 90) * 2
    assert record.find("2r1") is refund.attempts[1]
    assert record.find(recs[1].id[:6]) is outage.follow_ups[0]
    assert record.find("4") is None


def test_a_follow_up_reads_its_own_prompt_never_the_point_key(store: Store) -> None:
    sess, _ = practise_with(store, RETRY_SESSION)
    record = sr.load(store, sess.id)  # no bank: wording falls back, but never to "postmortem"
    follow_up = record.questions[0].follow_ups[0]
    assert follow_up.prompt.get("en") == "About the point: Point postmortem"
    assert follow_up.prompt.get("zh") == "追问要点：要点 postmortem"
    assert record.questions[0].prompt.get("en") == "support.outage"


def test_the_best_attempt_follows_the_coach(store: Store) -> None:
    sess, recs = practise_with(store, RETRY_SESSION)
    first_refund = recs[2]
    store.override_score(first_refund.id, 90, "Coach Li")
    refund = sr.load(store, sess.id).questions[1]
    assert refund.best.label == "2" and refund.score == 90.0
    assert (refund.auto_score, refund.coach_score) == (55.0, 90.0)
    # the first answer missed "empathy": with it the result again, the point is weak
    assert [w.call.key for w in sr.weakest(sr.load(store, sess.id).questions)] == ["empathy"]


def test_a_coach_override_changes_the_question_result_and_weakest(store: Store) -> None:
    sess, recs = practise_with(store, [OUTAGE])
    store.override_criterion(recs[0].id, "postmortem", True, "Coach Li")
    store.override_criterion(recs[0].id, REQUIRED, False, "Coach Li")
    [q] = sr.load(store, sess.id).questions
    met = {p.key: p.met for p in q.points}
    assert met == {REQUIRED: False, "inform": True, "postmortem": True}
    [weak] = sr.weakest([q])
    assert (weak.call.key, weak.missed, weak.seen) == (REQUIRED, 1, 1)
    flags = q.best.verdict.flags
    assert [f.code for f in flags] == ["missed-required"]
    assert flags[0].message_en == "Missing a required point: Point restore-first"


def test_the_progress_trend_counts_a_session_by_its_questions(store: Store) -> None:
    sess, _ = practise_with(store, RETRY_SESSION)
    cand = store.get_candidate()
    assert cand is not None
    [trend] = store.session_trend(cand.id)
    assert (trend.session_id, trend.questions) == (sess.id, 3)
    assert trend.mean_score == sr.load(store, sess.id).mean_score == 75.8
