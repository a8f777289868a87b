"""Progress queries and scheduling, with a hand-driven clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from mockroom.store import Store
from tests.helpers.review_builders import OUTAGE, REFUND, REQUIRED, practise


def history(store: Store, clock) -> list:
    """Three days of practice: outage 72.5 -> 40 (required point missed) -> 90; refund 55 once."""
    missed = replace(OUTAGE, score=40.0, answer_s=120.0, points={**OUTAGE.points, REQUIRED: None})
    better = replace(OUTAGE, score=90.0, answer_s=60.0, self_rating=4,
                     points={**OUTAGE.points, "postmortem": "what happened"})
    sessions = []
    for answers in ([replace(OUTAGE, self_rating=2), REFUND], [missed], [better]):
        sessions.append(practise(store, answers))
        clock.advance(days=1)
    return sessions


def test_question_progress(store: Store, clock) -> None:
    history(store, clock)
    cand = store.get_candidate()
    assert cand is not None
    outage, refund = store.question_progress(cand.id)
    assert outage.question_id == "support.outage"
    assert (outage.answers, outage.best, outage.latest) == (3, 90.0, 90.0)
    assert outage.mean_answer_s == 90.0  # (90 + 120 + 60) / 3
    assert [p.score for p in outage.series] == [72.5, 40.0, 90.0]
    assert outage.series[0].at.tzinfo is not None
    assert outage.series == tuple(sorted(outage.series, key=lambda p: p.at))
    assert (refund.answers, refund.best, refund.latest) == (1, 55.0, 55.0)
    # the series keeps the latest answers only
    [short] = store.question_progress(cand.id, track="support", series=2)[:1]
    assert [p.score for p in short.series] == [40.0, 90.0]
    assert store.question_progress(cand.id, track="sales") == []


def test_coach_scores_count_in_progress(store: Store, clock) -> None:
    sessions = history(store, clock)
    last_outage = sessions[2][1][0]
    store.override_score(last_outage.id, 70, "Coach Li")
    cand = store.get_candidate()
    assert cand is not None
    outage = store.question_progress(cand.id)[0]
    assert (outage.best, outage.latest) == (72.5, 70.0)


def test_point_rates_worst_first(store: Store, clock) -> None:
    history(store, clock)
    cand = store.get_candidate()
    assert cand is not None
    rates = store.point_rates(cand.id, question_id="support.outage")
    assert [(r.key, r.hits, r.answers) for r in rates] == [
        ("postmortem", 1, 3),
        (REQUIRED, 2, 3),
        ("inform", 3, 3),
    ]
    weakest = store.point_rates(cand.id, limit=2)
    assert [(r.key, r.rate) for r in weakest] == [("empathy", 0.0), ("postmortem", 1 / 3)]
    assert [r.key for r in store.point_rates(cand.id, min_answers=2)][0] == "postmortem"


def test_coach_verdicts_count_in_point_rates(store: Store, clock) -> None:
    sessions = history(store, clock)
    first_outage = sessions[0][1][0]
    store.override_criterion(first_outage.id, "postmortem", True, "Coach Li")
    cand = store.get_candidate()
    assert cand is not None
    rates = {r.key: r.hits for r in store.point_rates(cand.id, question_id="support.outage")}
    assert rates["postmortem"] == 2


def test_session_trend_and_self_ratings(store: Store, clock) -> None:
    sessions = history(store, clock)
    cand = store.get_candidate()
    assert cand is not None
    trend = store.session_trend(cand.id, last=2)
    assert [t.session_id for t in trend] == [sessions[1][0].id, sessions[2][0].id]
    assert [t.mean_score for t in trend] == [40.0, 90.0]
    assert store.session_trend(cand.id)[0].mean_score == round((72.5 + 55) / 2, 1)
    points, bands = store.self_ratings(cand.id)
    assert [(p.rating, p.score) for p in points] == [(2, 72.5), (4, 90.0)]
    assert [(b.rating, b.answers, b.mean_score) for b in bands] == [(2, 1, 72.5), (4, 1, 90.0)]


def test_scheduling_with_a_fixed_clock(store: Store, clock) -> None:
    """A missed required point fails the question whatever the score: back in ten minutes."""
    missed = replace(OUTAGE, score=80.0, points={**OUTAGE.points, REQUIRED: None})
    practise(store, [missed, REFUND])
    cand = store.get_candidate()
    assert cand is not None
    answered = clock.now
    assert store.due_questions(cand.id, now=answered + timedelta(minutes=5)) == []
    assert store.due_questions(cand.id, now=answered + timedelta(minutes=11)) == ["support.outage"]
    # refund scored 55 (Hard): later than the failure, so the failure comes first.
    assert store.due_questions(cand.id, now=answered + timedelta(days=2)) == [
        "support.outage",
        "support.refund",
    ]
