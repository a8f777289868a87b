"""Coach review in the store: listing, transcripts, comments, overrides that keep both scores."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mockroom.core.verdict import Verdict, final_verdict
from mockroom.store import NotFound, Store, StoreError
from mockroom.store.records import TranscriptItem
from tests.helpers.review_builders import OUTAGE, REFUND, REQUIRED, practise
from tests.helpers.store_builders import T0


def _verdict(item: TranscriptItem) -> Verdict:
    """What counts for a stored answer, as every report reads it (core/verdict.py)."""
    return final_verdict(item.attempt.result, item.review.points, item.review.coach_score)


def test_overrides_keep_the_auto_score_and_verdicts(store: Store) -> None:
    sess, (outage, _) = practise(store, [OUTAGE, REFUND])
    store.override_criterion(outage.id, "postmortem", True, "Coach Li")
    store.override_criterion(outage.id, "inform", False, "Coach Li")
    review = store.override_score(outage.id, 81.26, "Coach Li")
    assert review.coach_score == 81.3
    assert review.points == {"inform": False, "postmortem": True}
    assert review.coach == "Coach Li" and review.coached_at is not None
    assert review.reviewed_at is None and review.graded

    item = store.transcript(sess.id).items[0]
    assert item.attempt.auto_score == 72.5
    assert item.attempt.result.criteria[1].hit is True  # the scorer's verdict, untouched
    verdict = _verdict(item)
    assert verdict.score == 81.3
    assert verdict.met("inform") is False
    assert verdict.met("postmortem") is True
    assert verdict.met(REQUIRED) is True

    # auto gives the point back to the scorer; removing the coach score shows the auto one
    store.override_criterion(outage.id, "inform", None, "Coach Li")
    store.override_score(outage.id, None, "Coach Li")
    item = store.transcript(sess.id).items[0]
    assert item.review.points == {"postmortem": True}
    assert _verdict(item).score == 72.5


def test_mark_reviewed_and_session_review_state(store: Store, clock) -> None:
    sess, (outage, refund) = practise(store, [OUTAGE, REFUND])
    [row] = store.list_sessions()
    assert (row.review_state, row.questions, row.reviewed) == ("unreviewed", 2, 0)
    assert row.mean_auto == round((72.5 + 55.0) / 2, 1) and row.mean_coach is None

    store.mark_reviewed(outage.id, "Coach Li")
    assert store.list_sessions()[0].review_state == "partial"
    assert [s.id for s in store.list_sessions(review_state="partial")] == [sess.id]
    assert store.list_sessions(review_state="reviewed") == []

    store.override_score(refund.id, 60, "Coach Li")
    review = store.mark_reviewed(refund.id, "Coach Li")
    assert review.reviewed_at is not None
    row = store.list_sessions(review_state="reviewed")[0]
    assert row.reviewed == 2 and row.mean_coach == 60.0

    store.mark_reviewed(refund.id, "Coach Li", reviewed=False)
    assert store.list_sessions()[0].review_state == "partial"


def test_list_filters(store: Store, clock) -> None:
    first, _ = practise(store, [OUTAGE], track="support")
    clock.advance(days=3)
    second, _ = practise(store, [REFUND], track="sales")
    assert [s.id for s in store.list_sessions()] == [second.id, first.id]  # newest first
    assert [s.id for s in store.list_sessions(track="support")] == [first.id]
    assert [s.id for s in store.list_sessions(since=T0 + timedelta(days=1))] == [second.id]
    assert [s.id for s in store.list_sessions(candidate="wang")] == [second.id, first.id]
    assert store.list_sessions(candidate="nobody") == []
    assert store.list_sessions(candidate="100%_") == []  # LIKE wildcards are literal
    assert len(store.list_sessions(limit=1)) == 1
    with pytest.raises(StoreError, match="unknown review state"):
        store.list_sessions(review_state="done")


def test_find_session_by_prefix(store: Store) -> None:
    sess, _ = practise(store, [OUTAGE])
    assert store.find_session(sess.id[:6]).id == sess.id
    assert store.find_session(sess.id.upper()).id == sess.id
    with pytest.raises(NotFound, match="at least 4"):
        store.find_session("zz")
    with pytest.raises(NotFound):
        store.find_session("ffffffff")


def test_comments(store: Store) -> None:
    sess, (outage,) = practise(store, [OUTAGE])
    whole = store.add_comment(outage.id, "Coach Li", "  Good order.  ")
    start = OUTAGE.text.index("restore")
    passage = store.add_comment(outage.id, "Coach Li", "Say how.", (start, start + 7))
    assert whole.body == "Good order." and whole.span is None
    [item] = store.transcript(sess.id).items
    assert item.comments == (whole, passage)
    assert item.attempt.answer[passage.span[0] : passage.span[1]] == "restore"  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("Coach Li", "   "), "empty"),
        (("  ", "ok"), "author's name is empty"),
        (("Coach Li", "ok", (5, 5)), "outside the answer"),
        (("Coach Li", "ok", (-1, 3)), "outside the answer"),
        (("Coach Li", "ok", (0, 10_000)), "outside the answer"),
    ],
)
def test_bad_comments_are_refused(store: Store, args: tuple, words: str) -> None:
    _, (outage,) = practise(store, [OUTAGE])
    with pytest.raises(StoreError, match=words):
        store.add_comment(outage.id, *args)
    assert store.transcript(outage.session_id).items[0].comments == ()


def test_bad_overrides_are_refused_and_change_nothing(store: Store) -> None:
    _, (outage,) = practise(store, [OUTAGE])
    with pytest.raises(NotFound, match="no rubric point 'nope'.*postmortem"):
        store.override_criterion(outage.id, "nope", True, "Coach Li")
    with pytest.raises(StoreError, match="between 0 and 100"):
        store.override_score(outage.id, 101, "Coach Li")
    with pytest.raises(StoreError, match="coach's name is empty"):
        store.mark_reviewed(outage.id, " ")
    with pytest.raises(NotFound, match="no answer"):
        store.mark_reviewed("0" * 32, "Coach Li")
    review = store.coach_review(outage.id)
    assert review.coached_at is None and not review.graded and review.points == {}


def test_calibration_data_only_has_coached_answers(store: Store) -> None:
    _, (outage, refund) = practise(store, [OUTAGE, REFUND])
    store.override_score(outage.id, 80, "Coach Li")
    store.override_criterion(outage.id, "postmortem", True, "Coach Li")
    pairs, points = store.calibration_data()
    assert [(p.question_id, p.auto_score, p.coach_score) for p in pairs] == [
        ("support.outage", 72.5, 80.0)
    ]
    assert {(p.key, p.hit, p.coach_hit) for p in points} == {
        ("inform", True, None),
        ("postmortem", False, True),
        (REQUIRED, True, None),
    }
    assert store.calibration_data(coach="Someone else") == ([], [])
    assert store.calibration_data(track="sales") == ([], [])


def test_imported_candidates_never_become_the_local_one(store_url: str, tmp_path, clock) -> None:
    from mockroom.transfer.export_json import dumps
    from mockroom.transfer.import_json import parse

    with Store.open(f"sqlite:///{tmp_path / 'other.db'}", clock=clock) as other:
        sess, _ = practise(other, [OUTAGE], name="Zhao Lei")
        data = dumps(other.transcript(sess.id)).encode()
    with Store.open(store_url, clock=clock) as coach:
        me = coach.set_candidate_name("Coach Li")
        coach.import_transcript(parse(data))
        assert coach.get_candidate() == me
        assert [s.candidate_name for s in coach.list_sessions()] == ["Zhao Lei"]
        assert coach.list_sessions()[0].imported
