"""The coach's overall comment on a session: written, replaced, removed, and kept by migration."""

from __future__ import annotations

import pytest

from mockroom.store import NotFound, Store, StoreError
from mockroom.store.review import COMMENT_MAX
from tests.helpers.migrations import column_names, migrate, version
from tests.helpers.review_builders import OUTAGE, practise


def test_a_summary_is_written_replaced_and_removed(store: Store, clock) -> None:
    sess, _ = practise(store, [OUTAGE])
    assert store.transcript(sess.id).session.summary is None

    written = store.set_summary(sess.id, "  Clear structure; name the impact first.\n", "Coach Li")
    assert written.summary is not None
    assert (written.summary.text, written.summary.coach) == (
        "Clear structure; name the impact first.", "Coach Li")
    assert store.transcript(sess.id).session.summary == written.summary

    clock.advance(hours=1)
    store.set_summary(sess.id, "整体不错，先讲影响。", "Coach  Wu")
    note = store.find_session(sess.id[:8]).summary
    assert note is not None and (note.text, note.coach) == ("整体不错，先讲影响。", "Coach Wu")
    assert note.written_at > written.summary.written_at

    assert store.set_summary(sess.id, "   ", "Coach Wu").summary is None
    assert store.transcript(sess.id).session.summary is None


@pytest.mark.parametrize(
    ("session", "body", "coach", "words"),
    [
        ("ok", "fine", "  ", "the coach's name is empty"),
        ("ok", "x" * (COMMENT_MAX + 1), "Li", "longer than"),
        ("missing", "fine", "Li", "no session"),
    ],
)
def test_bad_summaries_change_nothing(store: Store, session, body, coach, words) -> None:
    sess, _ = practise(store, [OUTAGE])
    store.set_summary(sess.id, "keep me", "Li")
    sid = sess.id if session == "ok" else "0" * 32
    with pytest.raises((StoreError, NotFound), match=words):
        store.set_summary(sid, body, coach)
    kept = store.transcript(sess.id).session.summary
    assert kept is not None and kept.text == "keep me"


def test_upgrade_from_0005_adds_the_summary_and_downgrade_drops_it(store_url: str, clock) -> None:
    with Store.open(store_url, clock=clock) as store:
        sess, (attempt,) = practise(store, [OUTAGE])
        store.set_summary(sess.id, "gone on downgrade", "Coach Li")
    migrate(store_url, "downgrade", "0005")
    assert not column_names(store_url, "practice_session") & {"summary", "summary_by", "summary_at"}

    with Store.open(store_url, clock=clock) as store:  # upgrades through 0006
        t = store.transcript(sess.id)
        assert t.session.summary is None and [i.attempt for i in t.items] == [attempt]
        store.set_summary(sess.id, "back again", "Coach Li")
        assert store.find_session(sess.id).summary is not None
    assert version(store_url) == "0008"
