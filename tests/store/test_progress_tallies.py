"""The progress tallies (store/tally.py) always equal a count of the sessions' records.

Each check recounts from store/session_record.py (a question's result is its best attempt;
a follow-up that meets a point clears it), independently of the statements that keep the
tallies, after answers, retries, follow-ups, coach overrides, imports and migrations.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from mockroom.store import Store, session_record
from mockroom.store.records import AttemptTiming
from mockroom.store.tables import PointTallyRow, QuestionTallyRow
from tests.helpers.migrations import migrate, table_names, version
from tests.helpers.review_builders import (
    OUTAGE,
    REFUND,
    REQUIRED,
    RETRY_SESSION,
    practise,
    practise_with,
    result_for,
)

Tallies = tuple[dict[Any, Any], dict[Any, Any]]
"""Question tallies and point tallies, by their primary keys."""


def stored(store: Store) -> Tallies:
    with Session(store._live()) as s:
        questions = {
            (t.candidate_id, t.question_id): (
                t.answers,
                t.best,
                round(t.answer_s_total, 6),
                t.last_at,
            )
            for t in s.exec(select(QuestionTallyRow)).all()
        }
        points = {
            (p.candidate_id, p.question_id, p.rubric_id, p.key): (p.answers, p.hits)
            for p in s.exec(select(PointTallyRow)).all()
        }
    return questions, points


def recounted(store: Store) -> Tallies:
    """The tallies counted from each session's record (store/session_record.py)."""
    questions: dict[Any, Any] = {}
    points: dict[Any, Any] = {}
    for summary in store.list_sessions():
        record = session_record.load(store, summary.id)
        cand = record.candidate.id
        for q in record.questions:
            last_answer = max(a.attempt.created_at for a in q.attempts)
            n, best, total, last = questions.get((cand, q.question_id), (0, 0.0, 0.0, last_answer))
            questions[(cand, q.question_id)] = (
                n + 1,
                max(best, q.score),
                total + q.best.attempt.timing.answer_s,
                max(last, last_answer),
            )
            for p in q.points:
                key = (cand, q.question_id, p.call.criterion.rubric_id, p.key)
                seen, hits = points.get(key, (0, 0))
                points[key] = (seen + 1, hits + int(p.met))
    rounded = {k: (n, b, round(t, 6), last) for k, (n, b, t, last) in questions.items()}
    return rounded, points


def assert_tallied(store: Store) -> None:
    assert stored(store) == recounted(store)


def follow_up(store: Store, session_id: str, parent_id: str, key: str, hit: bool) -> None:
    """A follow-up answer to one rubric point: it counts only by meeting the point."""
    answer = replace(
        OUTAGE, score=95.0, answer_s=5.0, points={key: "restore service" if hit else None}
    )
    store.record_attempt(
        session_id,
        OUTAGE.question_id,
        "v1abc",
        "en",
        answer.text,
        result_for(answer),
        AttemptTiming(store._now(), 1.0, 1.0, 5.0, 0.0),
        follow_up_of=parent_id,
        follow_up_criterion=key,
    )


def history(store: Store, clock) -> list:
    """Two sessions on the local candidate; the first answer to outage has a follow-up."""
    sess = store.start_session(
        (store.get_candidate() or store.set_candidate_name("Wang Fang")).id,
        "support",
        "mock",
        "en",
        [OUTAGE.question_id],
        None,
        True,
    )
    main = store.record_attempt(
        sess.id,
        OUTAGE.question_id,
        "v1abc",
        "en",
        OUTAGE.text,
        result_for(OUTAGE),
        AttemptTiming(store._now(), 3.0, 20.0, 90.0, 0.0),
    )
    follow_up(store, sess.id, main.id, "postmortem", hit=True)
    store.finish_session(sess.id)
    clock.advance(days=1)
    better = replace(
        OUTAGE, score=90.0, answer_s=60.0, points={**OUTAGE.points, "postmortem": "what"}
    )
    _, later = practise(store, [replace(better, text=better.text + " what happened"), REFUND])
    return [main, *later]


def test_answers_and_follow_ups(store: Store, clock) -> None:
    history(store, clock)
    assert_tallied(store)
    questions, points = stored(store)
    cand = store.get_candidate()
    assert cand is not None
    assert questions[(cand.id, OUTAGE.question_id)][:3] == (2, 90.0, 150.0)  # follow-up left out
    # the first session's follow-up met the point its answer missed
    assert points[(cand.id, OUTAGE.question_id, OUTAGE.question_id, "postmortem")] == (2, 2)


def test_coach_overrides(store: Store, clock) -> None:
    first, second, refund = history(store, clock)
    store.override_criterion(first.id, "postmortem", True, "Coach Li")
    store.override_criterion(second.id, REQUIRED, False, "Coach Li")
    store.override_criterion(refund.id, "empathy", False, "Coach Li")  # the same as the scorer's
    assert_tallied(store)
    store.override_criterion(first.id, "postmortem", None, "Coach Li")
    assert_tallied(store)
    # the best goes down with a lower coach score, and back up when it is removed
    store.override_score(second.id, 30, "Coach Li")
    assert_tallied(store)
    cand = store.get_candidate()
    assert cand is not None
    assert store.question_progress(cand.id)[0].best == 72.5
    store.override_score(second.id, None, "Coach Li")
    store.mark_reviewed(second.id, "Coach Li")
    assert_tallied(store)
    assert store.question_progress(cand.id)[0].best == 90.0


def test_a_coach_on_a_follow_up_moves_only_its_point(store: Store, clock) -> None:
    history(store, clock)
    cand = store.get_candidate()
    assert cand is not None
    sess = store.list_sessions()[-1]
    [_, fup] = store.transcript(sess.id).items
    assert fup.attempt.follow_up_of is not None
    postmortem = (cand.id, OUTAGE.question_id, OUTAGE.question_id, "postmortem")
    questions, points = stored(store)
    assert points[postmortem] == (2, 2)
    store.override_score(fup.attempt.id, 1, "Coach Li")  # a follow-up's score is no result
    assert stored(store) == (questions, points)
    store.override_criterion(fup.attempt.id, "postmortem", False, "Coach Li")
    assert stored(store)[1][postmortem] == (2, 1)  # the follow-up no longer clears it
    assert stored(store)[0] == questions
    assert_tallied(store)


def test_imports_and_newer_reviews(store: Store, clock, tmp_path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'candidate.db'}", clock=clock) as mine:
        history(mine, clock)
        sessions = [s.id for s in mine.list_sessions()]
        first = mine.transcript(sessions[-1]).items[0].attempt
        mine.override_score(first.id, 99, "Self")
        mine.override_criterion(first.id, REQUIRED, False, "Self")
        for sid in sessions:
            store.import_transcript(mine.transcript(sid))
        assert_tallied(store)
        # a newer review travels in again and replaces ours; importing twice changes nothing
        mine.override_score(first.id, 10, "Coach Li")
        mine.override_criterion(first.id, REQUIRED, None, "Coach Li")
        mine.override_criterion(first.id, "postmortem", True, "Coach Li")
        outcome = store.import_transcript(mine.transcript(sessions[-1]))
        assert outcome.reviews_updated == 1
        assert_tallied(store)
        assert stored(store) == stored(mine)
        before = stored(store)
        assert not store.import_transcript(mine.transcript(sessions[-1])).changed
        assert stored(store) == before


def test_migration_builds_the_tallies_from_existing_answers(store_url: str, clock) -> None:
    with Store.open(store_url, clock=clock) as store:
        first, second, _ = history(store, clock)
        store.override_criterion(first.id, "postmortem", True, "Coach Li")
        store.override_score(second.id, 20, "Coach Li")
        expected = recounted(store)
    migrate(store_url, "downgrade", "0002")
    assert version(store_url) == "0002"
    with Store.open(store_url, clock=clock) as store:  # upgrades to head: tallies rebuilt
        assert stored(store) == expected
        assert_tallied(store)


def test_series_ties_keep_the_latest_by_session_id(store_url: str) -> None:
    """Results stored in the same instant are ordered by session id."""
    moment = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Store.open(store_url, clock=lambda: moment) as store:
        sessions = [practise(store, [replace(OUTAGE, score=float(s))])[0] for s in (10, 20, 30, 40)]
        cand = store.get_candidate()
        assert cand is not None
        [progress] = store.question_progress(cand.id, series=2)
    score = {sess.id: float(s) for sess, s in zip(sessions, (10, 20, 30, 40), strict=True)}
    newest = sorted(score)
    assert [p.score for p in progress.series] == [score[sid] for sid in newest[-2:]]
    assert progress.latest == score[newest[-1]]
    assert progress.answers == 4 and progress.best == 40.0


def test_retries_are_one_result_in_the_series(store: Store, clock) -> None:
    """Four answers to one question in one session: one result, its best."""
    practise(store, [replace(OUTAGE, score=float(s)) for s in (10, 40, 30, 20)])
    cand = store.get_candidate()
    assert cand is not None
    [progress] = store.question_progress(cand.id)
    assert (progress.answers, progress.best, progress.latest) == (1, 40.0, 40.0)
    assert [p.score for p in progress.series] == [40.0]
    assert_tallied(store)


def test_trend_skips_sessions_without_answers(store: Store, clock) -> None:
    history(store, clock)
    cand = store.get_candidate()
    assert cand is not None
    clock.advance(days=1)
    empty = store.start_session(cand.id, "support", "mock", "en", ["support.outage"], None, True)
    store.abandon_session(empty.id)
    [trend] = store.session_trend(cand.id, last=1)
    assert trend.session_id != empty.id and trend.questions == 2


def test_review_states_with_a_limit(store: Store, clock) -> None:
    done, (a,) = practise(store, [OUTAGE])
    store.mark_reviewed(a.id, "Coach Li")
    clock.advance(hours=1)
    partial, (b, _) = practise(store, [OUTAGE, REFUND])
    store.mark_reviewed(b.id, "Coach Li")
    clock.advance(hours=1)
    todo, _ = practise(store, [REFUND])
    clock.advance(hours=1)
    cand = store.get_candidate()
    assert cand is not None
    empty = store.start_session(cand.id, "support", "mock", "en", ["support.outage"], None, True)

    def listed(state: str, limit: int | None = None) -> list[str]:
        return [s.id for s in store.list_sessions(review_state=state, limit=limit)]

    assert listed("unreviewed") == [empty.id, todo.id]
    assert listed("unreviewed", limit=1) == [empty.id]
    assert listed("partial", limit=1) == [partial.id]
    assert listed("reviewed", limit=5) == [done.id]
    [row] = store.list_sessions(review_state="partial")
    assert (row.questions, row.reviewed, row.mean_auto) == (2, 1, round((72.5 + 55) / 2, 1))
    assert [s.id for s in store.list_sessions(limit=2)] == [empty.id, todo.id]
    assert store.list_sessions(since=clock.now + timedelta(days=1)) == []


def test_progress_counts_a_session_as_its_summary_does(store: Store, clock) -> None:
    """3 questions, one retried (55 -> 75), one with a follow-up that meets its missed point."""
    sess, _ = practise_with(store, RETRY_SESSION)
    record = session_record.load(store, sess.id)
    cand = record.candidate.id
    progress = {q.question_id: q for q in store.question_progress(cand)}
    assert {q: p.answers for q, p in progress.items()} == {q.question_id: 1 for q in record.questions}
    assert {q: p.best for q, p in progress.items()} == {
        q.question_id: q.score for q in record.questions
    }
    assert progress[REFUND.question_id].latest == 75.0  # the retry is the result, not a 2nd answer
    missed = {(w.call.criterion.rubric_id, w.call.key) for w in record.weakest(top=99)}
    rates = store.point_rates(cand)
    assert {(r.rubric_id, r.key) for r in rates if r.hits < r.answers} == missed
    assert all(r.answers == 1 for r in rates)  # each point once: the refund retry is no 2nd answer
    assert ("support.outage", "postmortem") not in missed  # cleared by the follow-up
    assert_tallied(store)


def test_upgrade_from_0006_counts_by_question(store_url: str, clock) -> None:
    """A database at the previous revision (its tallies counting every answer) is counted
    again by question on upgrade."""
    with Store.open(store_url, clock=clock) as store:
        practise_with(store, RETRY_SESSION)
        clock.advance(days=1)
        history(store, clock)
        expected = recounted(store)
    migrate(store_url, "downgrade", "0006")
    assert version(store_url) == "0006"
    assert "progress_result" not in table_names(store_url)
    engine = create_engine(store_url)
    with engine.connect() as conn:
        # 0006 counted every main answer: the refund's retry is a second answer there
        refund = conn.execute(
            text("SELECT answers FROM progress_question WHERE question_id = 'support.refund'")
        ).scalar()
        assert refund == 3
    engine.dispose()
    with Store.open(store_url, clock=clock) as store:  # upgrades to head: counted again
        assert stored(store) == expected
        assert_tallied(store)
        cand = store.get_candidate()
        assert cand is not None
        refund_progress = [
            p for p in store.question_progress(cand.id) if p.question_id == REFUND.question_id
        ]
        assert refund_progress[0].answers == 2  # two sessions
