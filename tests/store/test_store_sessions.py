"""The local candidate, sessions and drafts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockroom.store import NotFound, SessionRec, Store, StoreError


@pytest.fixture
def session(store: Store) -> SessionRec:
    cand = store.set_candidate_name("Chen Jing")
    return store.start_session(
        cand.id, "support", "mock", "zh", ["support.outage", "support.refund"], 900, True
    )


def test_candidate_is_created_then_renamed(store: Store) -> None:
    assert store.get_candidate() is None
    first = store.set_candidate_name("  Chen   Jing ")
    assert first.name == "Chen Jing"
    assert len(first.id) == 32 and int(first.id, 16) >= 0
    renamed = store.set_candidate_name("陈静")
    assert renamed.id == first.id
    assert store.get_candidate() == renamed


@pytest.mark.parametrize(("name", "words"), [("   ", "empty"), ("x" * 101, "longer than 100")])
def test_bad_candidate_names(store: Store, name: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        store.set_candidate_name(name)


def test_session_round_trip(store: Store, session: SessionRec, clock) -> None:
    assert session.state == "open"
    assert session.question_ids == ("support.outage", "support.refund")
    assert session.started_at.tzinfo is UTC
    assert session.started_at < clock.now
    assert store.get_session(session.id) == session


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"mode": "exam"}, "unknown mode 'exam'"),
        ({"lang": "fr"}, "unknown language 'fr'"),
        ({"question_ids": []}, "at least one question"),
        ({"time_budget_s": 0}, "positive"),
    ],
)
def test_bad_sessions_are_refused(store: Store, change: dict, words: str) -> None:
    cand = store.set_candidate_name("A")
    args = {
        "candidate_id": cand.id,
        "track": "support",
        "mode": "single",
        "lang": "en",
        "question_ids": ["support.outage"],
        "time_budget_s": None,
        "clock_on": False,
    }
    with pytest.raises(StoreError, match=words):
        store.start_session(**{**args, **change})


def test_session_for_unknown_candidate(store: Store) -> None:
    with pytest.raises(NotFound, match="no candidate"):
        store.start_session("0" * 32, "support", "single", "en", ["support.a"], None, True)


def test_unfinished_session_with_draft_resumes(store: Store, session: SessionRec) -> None:
    clock_state = {"phase": "answer", "elapsed": 42.5, "prep_used": 12.0}
    store.save_draft(session.id, "support.outage", "先恢复服务", {"phase": "prep"})
    store.save_draft(session.id, "support.outage", "先恢复服务，然后", clock_state)
    found = store.unfinished_session(session.candidate_id)
    assert found is not None
    rec, draft = found
    assert rec == session
    assert draft is not None
    assert (draft.question_id, draft.text, draft.clock) == (
        "support.outage",
        "先恢复服务，然后",
        clock_state,
    )
    assert store.load_draft(session.id) == draft


def test_unfinished_session_without_draft(store: Store, session: SessionRec) -> None:
    assert store.unfinished_session(session.candidate_id) == (session, None)


def test_latest_open_session_wins(store: Store, session: SessionRec) -> None:
    later = store.start_session(
        session.candidate_id, "sales", "single", "en", ["sales.pitch"], None, False
    )
    found = store.unfinished_session(session.candidate_id)
    assert found is not None and found[0].id == later.id


@pytest.mark.parametrize("close", ["finish_session", "abandon_session"])
def test_closing_a_session_ends_it_and_drops_the_draft(
    store: Store, session: SessionRec, close: str
) -> None:
    store.save_draft(session.id, "support.outage", "text", {})
    getattr(store, close)(session.id)
    closed = store.get_session(session.id)
    assert closed.state == {"finish_session": "finished", "abandon_session": "abandoned"}[close]
    assert closed.ended_at is not None and closed.ended_at > closed.started_at
    assert store.load_draft(session.id) is None
    assert store.unfinished_session(session.candidate_id) is None
    # Closing again changes nothing: a finished session is not turned into an abandoned one.
    store.abandon_session(session.id)
    assert store.get_session(session.id) == closed


def test_drafts_only_for_open_sessions(store: Store, session: SessionRec) -> None:
    store.finish_session(session.id)
    with pytest.raises(StoreError, match="already finished"):
        store.save_draft(session.id, "support.outage", "late", {})
    with pytest.raises(NotFound, match="no session"):
        store.save_draft("f" * 32, "support.outage", "x", {})
    with pytest.raises(NotFound):
        store.finish_session("f" * 32)


def test_clear_draft(store: Store, session: SessionRec) -> None:
    store.save_draft(session.id, "support.outage", "text", {"phase": "prep"})
    store.clear_draft(session.id)
    assert store.load_draft(session.id) is None
    store.clear_draft(session.id)  # nothing to clear is fine


def test_naive_clock_is_refused(store_url: str) -> None:
    with (
        Store.open(store_url, clock=lambda: datetime(2026, 1, 1)) as store,
        pytest.raises(StoreError, match="naive time"),
    ):
        store.set_candidate_name("A")
