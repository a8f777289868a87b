"""Two apps on one session: the second is told it is open elsewhere and never overwrites the draft."""

from __future__ import annotations

import pytest

from mockroom.store import Store, StoreError
from mockroom.store.session_lock import (
    STALE_AFTER_S,
    Claimant,
    SessionTaken,
    new_holder,
    this_process,
)
from tests.helpers.store_builders import Clock


@pytest.fixture
def session_id(store: Store) -> str:
    cand = store.set_candidate_name("Wang Fang")
    return store.start_session(cand.id, "support", "single", "en", ["support.outage"], None, True).id


def test_the_second_app_is_told_who_has_the_session(store: Store, session_id: str) -> None:
    first, second = new_holder(), new_holder()
    assert store.claim_session(session_id, first, "laptop pid 1") is None
    assert store.claim_session(session_id, first, "laptop pid 1") is None  # ours again: fine
    held = store.claim_session(session_id, second, "laptop pid 2")
    assert held is not None and held.holder == first and held.owner == "laptop pid 1"
    assert store.session_holder(session_id) == held
    # The second app shows the session read-only: it has no claim, so it cannot save a draft.
    with pytest.raises(SessionTaken, match="laptop pid 1"):
        store.save_draft(session_id, "support.outage", "second's text", {}, holder=second)
    store.save_draft(session_id, "support.outage", "first's text", {}, holder=first)
    assert store.load_draft(session_id).text == "first's text"  # type: ignore[union-attr]


def test_taking_over_stops_the_first_app_writing(store: Store, session_id: str) -> None:
    first, second = new_holder(), new_holder()
    store.claim_session(session_id, first, "laptop pid 1")
    assert store.claim_session(session_id, second, this_process(), take_over=True) is None
    assert store.heartbeat(session_id, first) is False  # the first app learns it lost the claim
    with pytest.raises(SessionTaken):
        store.save_draft(session_id, "support.outage", "stale text", {}, holder=first)
    store.save_draft(session_id, "support.outage", "new text", {}, holder=second)
    assert store.load_draft(session_id).text == "new text"  # type: ignore[union-attr]
    store.release_session(session_id, first)  # releasing a claim it lost leaves the other's
    assert store.session_holder(session_id).holder == second  # type: ignore[union-attr]


def test_a_claim_without_heartbeat_goes_stale(store: Store, session_id: str, clock: Clock) -> None:
    first, second = new_holder(), new_holder()
    store.claim_session(session_id, first, "killed app")
    clock.advance(seconds=STALE_AFTER_S - 5)
    assert store.heartbeat(session_id, first) is True  # kept alive
    clock.advance(seconds=STALE_AFTER_S - 5)
    assert store.claim_session(session_id, second, "new app") is not None
    clock.advance(seconds=STALE_AFTER_S + 1)  # no heartbeat since: the first app is gone
    assert store.session_holder(session_id) is None
    assert store.claim_session(session_id, second, "new app") is None


def test_finishing_the_session_drops_its_claim(store: Store, session_id: str) -> None:
    holder = new_holder()
    store.claim_session(session_id, holder, "app")
    store.finish_session(session_id)
    assert store.session_holder(session_id) is None
    assert store.claim_session(session_id, new_holder(), "other") is None


def test_a_session_started_with_a_claimant_is_claimed_by_it(store: Store) -> None:
    cand = store.set_candidate_name("Wang Fang")
    mine = Claimant(new_holder(), "laptop pid 1")
    s = store.start_session(cand.id, "support", "single", "en", ["support.outage"], None, True,
                            mine)
    held = store.session_holder(s.id)
    assert held is not None and (held.holder, held.owner) == (mine.holder, mine.owner)
    assert held.acquired_at == held.heartbeat_at == s.started_at
    other = store.claim_session(s.id, new_holder(), "laptop pid 2")
    assert other is not None and other.holder == mine.holder  # a second app is told


def test_a_start_whose_claim_fails_leaves_neither_session_nor_claim(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cand = store.set_candidate_name("Wang Fang")

    def disk_full(*_args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(Store, "_claim_new", staticmethod(disk_full))
    with pytest.raises(StoreError, match="disk full"):
        store.start_session(cand.id, "support", "single", "en", ["support.outage"], None, True,
                            Claimant(new_holder(), "laptop pid 1"))
    assert store.unfinished_session(cand.id) is None  # the session row was rolled back too
