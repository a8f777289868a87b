"""A database written before coach review (revision 0001) upgrades to head, keeping its data."""

from __future__ import annotations

from mockroom.store import Store
from tests.helpers.migrations import migrate, table_names, version
from tests.helpers.review_builders import OUTAGE, practise


def test_upgrade_from_0001_keeps_answers(store_url: str, clock) -> None:
    with Store.open(store_url, clock=clock) as store:
        sess, (attempt,) = practise(store, [OUTAGE])
    migrate(store_url, "downgrade", "0001")
    assert "comment" not in table_names(store_url)

    with Store.open(store_url, clock=clock) as store:  # upgrades to head
        assert store.get_candidate() is not None
        [item] = store.transcript(sess.id).items
        assert item.attempt == attempt and item.review.coached_at is None
        store.add_comment(attempt.id, "Coach Li", "still works")
    assert version(store_url) == "0008"
