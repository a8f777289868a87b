"""The progress tallies (store/tally.py) always equal a count of the answers they stand for.

Each check recounts from the transcripts' own rules (TranscriptItem.final_score and
point_hit over main answers), independently of the SQL that keeps the tallies,
after answers, follow-ups, coach overrides, imports and the 0003 migration.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from mockroom.store import Store
from mockroom.store.records import AttemptTiming
from mockroom.store.tables import PointTallyRow, QuestionTallyRow
from tests.helpers.review_builders import OUTAGE, REFUND, REQUIRED, practise, result_for

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
    questions: dict[Any, Any] = {}
    points: dict[Any, Any] = {}
    for summary in store.list_sessions():
        transcript = store.transcript(summary.id)
        cand = transcript.candidate.id
        for item in transcript.items:
            a = item.attempt
            if a.follow_up_of is not None:
                continue
            n, best, total, last = questions.get((cand, a.question_id), (0, 0.0, 0.0, a.created_at))
            questions[(cand, a.question_id)] = (
                n + 1,
                max(best, item.final_score),
                total + a.timing.answer_s,
                max(last, a.created_at),
            )
            for c in a.result.criteria:
                key = (cand, a.question_id, c.rubric_id, c.key)
                seen, hits = points.get(key, (0, 0))
                points[key] = (seen + 1, hits + int(item.point_hit(c.key)))
    rounded = {k: (n, b, round(t, 6), last) for k, (n, b, t, last) in questions.items()}
    return rounded, points


def assert_tallied(store: Store) -> None:
    assert stored(store) == recounted(store)


def follow_up(store: Store, session_id: str, parent_id: str, key: str, hit: bool) -> None:
    """A follow-up answer to one rubric point: never counted in progress."""
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
    assert points[(cand.id, OUTAGE.question_id, OUTAGE.question_id, "postmortem")] == (2, 1)


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


def test_overrides_on_a_follow_up_change_no_tally(store: Store, clock) -> None:
    history(store, clock)
    sess = store.list_sessions()[-1]
    [_, fup] = store.transcript(sess.id).items
    assert fup.attempt.follow_up_of is not None
    before = stored(store)
    store.override_criterion(fup.attempt.id, "postmortem", False, "Coach Li")
    store.override_score(fup.attempt.id, 1, "Coach Li")
    assert stored(store) == before
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
    from alembic import command
    from alembic.config import Config

    from mockroom.store.db import MIGRATIONS

    with Store.open(store_url, clock=clock) as store:
        first, second, _ = history(store, clock)
        store.override_criterion(first.id, "postmortem", True, "Coach Li")
        store.override_score(second.id, 20, "Coach Li")
        expected = recounted(store)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(store_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    engine.dispose()
    with Store.open(store_url, clock=clock) as store:  # upgrades to head: tallies rebuilt
        assert stored(store) == expected
        assert_tallied(store)


def test_series_ties_keep_the_latest_by_id(store_url: str) -> None:
    """Answers stored in the same instant are ordered by id, as before the tallies."""
    moment = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Store.open(store_url, clock=lambda: moment) as store:
        _, recs = practise(store, [replace(OUTAGE, score=float(s)) for s in (10, 20, 30, 40)])
        cand = store.get_candidate()
        assert cand is not None
        [progress] = store.question_progress(cand.id, series=2)
    newest = sorted(recs, key=lambda r: r.id)
    assert [p.score for p in progress.series] == [r.auto_score for r in newest[-2:]]
    assert progress.latest == newest[-1].auto_score
    assert progress.answers == 4 and progress.best == 40.0


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
