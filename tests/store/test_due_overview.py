"""store/due.py: what is due per track, when the next is, and what a question missed last time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mockroom.practice.last_time import last_time
from mockroom.store import SessionRec, Store
from tests.helpers.store_builders import T0, make_result, make_timing

QUESTIONS = ["support.outage", "support.refund", "sales.pitch"]


@pytest.fixture
def session(store: Store) -> SessionRec:
    cand = store.set_candidate_name("Liu Yang")
    return store.start_session(cand.id, "support", "practice", "zh", QUESTIONS, 600, True)


def record(store: Store, session: SessionRec, question_id: str, score: float, hit: bool = True):
    return store.record_attempt(
        session.id, question_id, "v1", "zh", "先恢复服务，再同步客户",
        make_result(question_id, score, hit), make_timing(),
    )


def test_an_empty_history_has_nothing_scheduled(store: Store, session: SessionRec) -> None:
    assert store.due_by_track(session.candidate_id, now=T0) == {}
    assert store.last_answers(session.candidate_id, QUESTIONS) == {}


def test_due_now_and_the_next_due_per_track(store: Store, session: SessionRec, clock) -> None:
    record(store, session, "support.refund", 70)  # Good: due a day later
    clock.advance(minutes=5)
    record(store, session, "support.outage", 20)  # Again: due ten minutes later
    record(store, session, "sales.pitch", 70)
    cand = session.candidate_id
    soon = store.due_by_track(cand, now=T0)
    assert soon["support"].due_now == 0 and soon["support"].scheduled == 2
    outage_due = soon["support"].next_due
    assert outage_due is not None and timedelta(minutes=14) < outage_due - T0 < timedelta(minutes=16)
    later = store.due_by_track(cand, now=T0 + timedelta(hours=1))
    assert later["support"].due_now == 1
    assert later["support"].next_due is not None and later["support"].next_due - T0 >= timedelta(days=1)
    assert later["sales"].due_now == 0
    everything = store.due_by_track(cand, now=T0 + timedelta(days=30))
    assert (everything["support"].due_now, everything["support"].next_due) == (2, None)
    assert store.due_by_track("0" * 32, now=T0) == {}


def test_the_last_answer_before_a_moment_with_the_coach_over_the_scorer(
    store: Store, session: SessionRec, clock
) -> None:
    first = record(store, session, "support.outage", 30, hit=False)
    follow = store.record_attempt(
        session.id, "support.outage", "v1", "zh", "复盘", make_result("support.outage", 90),
        make_timing(), follow_up_of=first.id, follow_up_criterion="restore-first",
    )
    assert follow.follow_up_of == first.id
    cand = session.candidate_id
    last = store.last_answers(cand, ["support.outage", "support.refund"])
    assert list(last) == ["support.outage"] and last["support.outage"].attempt.id == first.id
    seen = last_time(last["support.outage"])
    assert seen.score == 30 and [p.criterion.label_en for p in seen.missed] == ["Restore first"]
    assert seen.missed[0].criterion.required
    store.override_criterion(first.id, "restore-first", True, "Coach Wang")
    store.override_criterion(first.id, "shared.star:result", False, "Coach Wang")
    store.override_score(first.id, 65, "Coach Wang")
    seen = last_time(store.last_answers(cand, ["support.outage"])["support.outage"])
    assert seen.score == 65 and [p.criterion.label_en for p in seen.missed] == ["Result"]
    clock.advance(hours=1)
    retry = record(store, session, "support.outage", 80)
    assert store.last_answers(cand, ["support.outage"])["support.outage"].attempt.id == retry.id
    before = store.last_answers(cand, ["support.outage"], before=retry.created_at)
    assert before["support.outage"].attempt.id == first.id
