"""Attempts: stored with their evidence, committed at once, and scheduled for review."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from mockroom.core import schedule
from mockroom.store import NotFound, SessionRec, Store, StoreError
from tests.helpers.store_builders import T0, make_result, make_timing

QUESTIONS = ["support.outage", "support.refund", "support.escalate"]


@pytest.fixture
def session(store: Store) -> SessionRec:
    cand = store.set_candidate_name("Liu Yang")
    return store.start_session(cand.id, "support", "mock", "zh", QUESTIONS, None, True)


def record(store: Store, session: SessionRec, question_id: str = "support.outage", **kw):
    args = {
        "bank_version": "a1b2c3d4",
        "prompt_lang": "zh",
        "answer": "先恢复服务，再同步客户",
        "result": make_result(question_id, kw.pop("score", 72.5), kw.pop("required_hit", True)),
        "timing": make_timing(),
    }
    return store.record_attempt(session.id, question_id, **{**args, **kw})


def test_attempt_round_trip(store: Store, session: SessionRec, store_url: str) -> None:
    rec = record(store, session, self_rating=3)
    assert rec.result == make_result()
    assert rec.auto_score == 72.5
    assert rec.timing == make_timing()
    assert rec.created_at.tzinfo is not None
    # Committed before the call returned: another connection sees it.
    with Store.open(store_url) as other:
        assert other.get_attempt(rec.id) == rec
        assert other.attempts_for_session(session.id) == [rec]
        assert other.attempts_for_question(session.candidate_id, "support.outage") == [rec]


def test_one_row_per_criterion(store: Store, session: SessionRec, store_url: str) -> None:
    rec = record(store, session, required_hit=False)
    engine = create_engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT key, rubric_id, weight, required, hit, credit, coach_hit "
                "FROM attempt_criterion WHERE attempt_id = :id ORDER BY key"
            ),
            {"id": rec.id},
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("restore-first", "support.outage", 2.0, True, False, 0.0, None),
        ("shared.star:result", "shared.star", 1.0, False, True, 0.8, None),
    ]


def test_recording_clears_the_draft(store: Store, session: SessionRec) -> None:
    store.save_draft(session.id, "support.outage", "先恢复服务，再同步客户", {"phase": "answer"})
    record(store, session)
    assert store.load_draft(session.id) is None
    found = store.unfinished_session(session.candidate_id)
    assert found is not None and found[1] is None


def test_recording_schedules_the_question(store: Store, session: SessionRec, clock) -> None:
    rec = record(store, session, score=72.5)  # Good: the next learning step, one day
    expected = schedule.due_at(schedule.review(None, rec.result, rec.created_at))
    assert expected == rec.created_at + timedelta(days=1)
    assert store.due_questions(session.candidate_id, now=expected - timedelta(seconds=1)) == []
    assert store.due_questions(session.candidate_id, now=expected) == ["support.outage"]


def test_due_questions_most_overdue_first(store: Store, session: SessionRec, clock) -> None:
    record(store, session, "support.refund", score=70)  # Good -> due in 1 day
    clock.advance(minutes=5)
    record(store, session, "support.outage", score=20)  # Again -> due in 10 minutes
    clock.advance(minutes=5)
    record(store, session, "support.escalate", required_hit=False, score=95)  # Again
    cand = session.candidate_id
    assert store.due_questions(cand, now=T0) == []
    assert store.due_questions(cand, now=T0 + timedelta(minutes=25)) == [
        "support.outage",
        "support.escalate",
    ]
    later = T0 + timedelta(days=2)
    assert store.due_questions(cand, now=later) == [
        "support.outage",
        "support.escalate",
        "support.refund",
    ]
    assert store.due_questions(cand, now=later, track="sales") == []
    assert store.due_questions(cand, now=later, track="support")[0] == "support.outage"
    assert store.due_questions("0" * 32, now=later) == []


def test_a_good_second_answer_pushes_the_question_further(
    store: Store, session: SessionRec, clock
) -> None:
    cand = session.candidate_id
    record(store, session, score=70)
    clock.advance(days=1)
    record(store, session, score=90)  # Easy, reviewed on time
    assert store.due_questions(cand, now=T0 + timedelta(days=3)) == []
    assert store.due_questions(cand, now=T0 + timedelta(days=60)) == ["support.outage"]


def test_due_uses_the_clock_when_no_time_is_given(store: Store, session: SessionRec, clock):
    record(store, session, score=10)
    assert store.due_questions(session.candidate_id) == []
    clock.advance(minutes=11)
    assert store.due_questions(session.candidate_id) == ["support.outage"]


def test_follow_ups_do_not_move_the_schedule(store: Store, session: SessionRec) -> None:
    first = record(store, session, score=10)
    follow = record(
        store,
        session,
        answer="我们会先回滚",
        score=100,
        follow_up_of=first.id,
        follow_up_criterion="restore-first",
    )
    assert (follow.follow_up_of, follow.follow_up_criterion) == (first.id, "restore-first")
    assert store.attempts_for_session(session.id) == [first, follow]
    # Still due in 10 minutes (Again), not pushed out by the perfect follow-up.
    due = store.due_questions(session.candidate_id, now=first.created_at + timedelta(minutes=10))
    assert due == ["support.outage"]


def test_bad_attempts_are_refused(store: Store, session: SessionRec) -> None:
    first = record(store, session)
    with pytest.raises(StoreError, match="not part of session"):
        record(store, session, "sales.pitch")
    with pytest.raises(StoreError, match="the score is for question"):
        record(store, session, result=make_result("support.refund"))
    with pytest.raises(StoreError, match="unknown prompt language"):
        record(store, session, prompt_lang="de")
    with pytest.raises(StoreError, match="both"):
        record(store, session, follow_up_of=first.id)
    with pytest.raises(StoreError, match="not an answer to 'support.refund'"):
        record(store, session, "support.refund", follow_up_of=first.id, follow_up_criterion="x")
    with pytest.raises(StoreError, match="naive time"):
        record(store, session, timing=replace(make_timing(), shown_at=datetime(2026, 1, 1)))
    with pytest.raises(NotFound, match="no session"):
        store.record_attempt(
            "e" * 32, "support.outage", "v", "zh", "x", make_result(), make_timing()
        )
    store.finish_session(session.id)
    with pytest.raises(StoreError, match="already finished"):
        record(store, session)
    # Nothing of the refused attempts was kept.
    assert store.attempts_for_session(session.id) == [first]


def test_unknown_attempt(store: Store) -> None:
    with pytest.raises(NotFound, match="no attempt"):
        store.get_attempt("0" * 32)


@pytest.mark.parametrize("rating", [1, 4, 5, None])
def test_self_rating_is_set_later_and_committed(
    store: Store, session: SessionRec, store_url: str, rating: int | None
) -> None:
    rec = record(store, session, self_rating=3)
    store.finish_session(session.id)  # a closed session's answers can still be rated
    store.set_self_rating(rec.id, rating)
    with Store.open(store_url) as other:
        assert other.get_attempt(rec.id) == replace(rec, self_rating=rating)
    points, _ = store.self_ratings(session.candidate_id)
    assert [p.rating for p in points] == ([] if rating is None else [rating])


@pytest.mark.parametrize("rating", [0, 6, -1, 2.5, True, "4"])
def test_self_rating_out_of_range_is_refused(
    store: Store, session: SessionRec, rating: object
) -> None:
    rec = record(store, session, self_rating=3)
    with pytest.raises(StoreError, match="from 1 to 5"):
        store.set_self_rating(rec.id, rating)  # type: ignore[arg-type]
    assert store.get_attempt(rec.id).self_rating == 3


def test_self_rating_of_an_unknown_attempt(store: Store) -> None:
    with pytest.raises(NotFound, match="no attempt"):
        store.set_self_rating("0" * 32, 3)
