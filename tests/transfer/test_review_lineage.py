"""Coach reviews merged by lineage, not by the clock: skewed clocks, forged dates and digests.

A review dated 2030 in a file no longer beats the coach's later grade: both changed since
they last agreed, so the import stops, lists the conflict, and the coach chooses. A review
that continues ours wins even when its clock was behind. A forged digest is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockroom.cli.main import main
from mockroom.store import Store
from mockroom.store.lineage import digest
from mockroom.store.review_merge import ImportConflict
from mockroom.transfer.errors import TransferError
from mockroom.transfer.export_json import checksum, dumps
from mockroom.transfer.import_json import import_file, parse
from tests.helpers.migrations import migrate
from tests.helpers.review_builders import OUTAGE, practise
from tests.helpers.store_builders import Clock

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def candidate(tmp_path: Path) -> Iterator[tuple[Store, Clock]]:
    clock = Clock(T0)
    with Store.open(f"sqlite:///{tmp_path / 'candidate.db'}", clock=clock) as s:
        yield s, clock


@pytest.fixture
def coach(store_url: str) -> Iterator[tuple[Store, Clock]]:
    clock = Clock(T0)
    with Store.open(store_url, clock=clock) as s:
        yield s, clock


def send(store: Store, session_id: str, path: Path) -> Path:
    path.write_text(dumps(store.transcript(session_id)), encoding="utf-8")
    return path


def test_a_review_dated_2030_does_not_beat_the_coachs_later_grade(candidate, coach, tmp_path):
    cand, cand_clock = candidate
    coach_db, coach_clock = coach
    sess, (a,) = practise(cand, [OUTAGE])
    import_file(coach_db, send(cand, sess.id, tmp_path / "s.json"))
    # The candidate sets a clock to 2030 and grades their own answer as if the coach had.
    cand_clock.now = datetime(2030, 1, 1, tzinfo=UTC)
    cand.override_score(a.id, 95, "Coach Li")
    forged = send(cand, sess.id, tmp_path / "forged.json")
    # The real coach grades later in real time.
    coach_clock.advance(hours=3)
    coach_db.override_score(a.id, 60, "Coach Li")

    with pytest.raises(ImportConflict) as err:
        import_file(coach_db, forged)
    [c] = err.value.conflicts
    assert (c.ours.coach_score, c.theirs.coach_score) == (60.0, 95.0)
    assert coach_db.coach_review(a.id).coach_score == 60.0  # nothing changed

    kept = coach_db.import_transcript(parse(forged.read_bytes()), "ours")
    assert kept.reviews_updated == 1 and coach_db.coach_review(a.id).coach_score == 60.0
    # The file is now behind ours: importing it again changes nothing and conflicts no more.
    assert not import_file(coach_db, forged).changed
    # The candidate, importing the coach's resolved review, takes it as the newer one.
    assert import_file(cand, send(coach_db, sess.id, tmp_path / "back.json")).reviews_updated == 1
    assert cand.coach_review(a.id).coach_score == 60.0


def test_theirs_takes_the_files_review_and_keeps_ours_as_an_ancestor(candidate, coach, tmp_path):
    cand, _ = candidate
    coach_db, _ = coach
    sess, (a,) = practise(cand, [OUTAGE])
    import_file(coach_db, send(cand, sess.id, tmp_path / "s.json"))
    cand.override_score(a.id, 95, "Self")
    theirs = send(cand, sess.id, tmp_path / "theirs.json")
    coach_db.override_criterion(a.id, "postmortem", True, "Coach Li")
    mine = send(coach_db, sess.id, tmp_path / "mine.json")

    taken = coach_db.import_transcript(parse(theirs.read_bytes()), "theirs")
    review = coach_db.coach_review(a.id)
    assert taken.reviews_updated == 1 and review.coach_score == 95.0 and review.points == {}
    assert review.revision == 2  # one change on each side (revision 1 both), then the resolution
    assert not import_file(coach_db, mine).changed  # the review we replaced is an ancestor


def test_a_review_that_continues_ours_wins_though_its_clock_was_behind(candidate, tmp_path, clock):
    cand, _ = candidate
    slow = Clock(datetime(2025, 1, 1, tzinfo=UTC))  # the coach's clock is a year behind
    with Store.open(f"sqlite:///{tmp_path / 'coach.db'}", clock=slow) as coach_db:
        sess, (a,) = practise(cand, [OUTAGE])
        cand.override_score(a.id, 70, "Self")
        import_file(coach_db, send(cand, sess.id, tmp_path / "s.json"))
        coach_db.override_score(a.id, 82, "Coach Li")  # coached_at 2025: "older" by the clock
        back = send(coach_db, sess.id, tmp_path / "back.json")
    assert import_file(cand, back).reviews_updated == 1
    review = cand.coach_review(a.id)
    assert review.coach_score == 82.0 and review.coached_at < T0  # type: ignore[operator]


def _edited(path: Path, change) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["attempts"][0]["review"], data)
    data["checksum"] = checksum(data)  # anyone can recompute it
    return json.dumps(data).encode()


def test_a_forged_digest_or_lineage_is_refused(candidate, tmp_path):
    cand, _ = candidate
    sess, (a,) = practise(cand, [OUTAGE])
    cand.override_score(a.id, 70, "Self")
    good = send(cand, sess.id, tmp_path / "s.json")

    def new_score(review, _data):
        review["coach_score"] = 99.0  # the digest no longer matches

    def claim_our_digest(review, _data):
        review["ancestors"] = ["0" * 32]  # a parent the digest was not made from

    for change in (new_score, claim_our_digest):
        with pytest.raises(TransferError, match="digest does not match its content"):
            parse(_edited(good, change), "forged.json")


def test_a_lineage_without_its_revision_is_refused(candidate, tmp_path):
    # Read as version 1, such a review got a parentless digest beside its ancestors, and the
    # export of what was imported could not be imported again (found by hypothesis).
    cand, _ = candidate
    sess, (a,) = practise(cand, [OUTAGE])
    cand.override_score(a.id, 70, "Self")
    cand.override_score(a.id, 75, "Self")  # revision 2: one ancestor
    file = send(cand, sess.id, tmp_path / "s.json")

    def drop_revision(review, _data):
        review["revision"] = None

    with pytest.raises(TransferError, match="needs its revision"):
        parse(_edited(file, drop_revision), "s.json")


def test_a_version_1_file_with_another_review_conflicts(candidate, coach, tmp_path):
    cand, _ = candidate
    coach_db, _ = coach
    sess, (a,) = practise(cand, [OUTAGE])
    cand.override_score(a.id, 70, "Self")
    file = send(cand, sess.id, tmp_path / "s.json")

    def as_version_1(review, data):
        data["version"] = 1
        for key in ("revision", "digest", "ancestors"):
            del review[key]

    v1 = _edited(file, as_version_1)
    assert coach_db.import_transcript(parse(v1)).reviews_updated == 1  # we had no review
    assert not coach_db.import_transcript(parse(v1)).changed  # the same content: no conflict
    coach_db.override_score(a.id, 40, "Coach Li")
    cand.override_score(a.id, 75, "Self")
    other = _edited(send(cand, sess.id, tmp_path / "t.json"), as_version_1)
    with pytest.raises(ImportConflict):
        coach_db.import_transcript(parse(other))


def test_the_cli_lists_conflicts_and_resolves_them(candidate, tmp_path, capsys):
    cand, cand_clock = candidate
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    sess, (a,) = practise(cand, [OUTAGE])
    first = send(cand, sess.id, tmp_path / "s.json")
    assert main(["import", str(first), "--db", url]) == 0
    cand_clock.now = datetime(2030, 1, 1, tzinfo=UTC)
    cand.override_score(a.id, 95, "Coach Li")
    forged = send(cand, sess.id, tmp_path / "forged.json")
    assert main(["review", sess.id, "-a", "1", "--coach", "Coach Li", "--score", "60",
                 "--db", url]) == 0
    capsys.readouterr()

    assert main(["import", str(forged), "--db", url]) == 1
    out, err = capsys.readouterr()
    head, line, *rest = err.splitlines()
    assert "1 coach review changed both here and in the file" in head and "--ours" in head
    assert line.startswith(f"  answer 1 (support.outage, {a.id[:8]}): here revision 1 by Coach Li")
    assert "score 60" in line and "in the file revision 1 by Coach Li at 2030-01-01" in line
    assert "score 95" in line and rest == [] and out == ""

    assert main(["import", str(forged), "--theirs", "--db", url]) == 0
    assert "1 coach reviews resolved and updated" in capsys.readouterr().out
    with Store.open(url) as coach_db:
        assert coach_db.coach_review(a.id).coach_score == 95.0


def test_migration_gives_stored_reviews_the_digest_of_their_content(store_url: str, clock):
    with Store.open(store_url, clock=clock) as store:
        sess, (a,) = practise(store, [OUTAGE])
        store.override_criterion(a.id, "postmortem", True, "Coach Li")
        store.override_score(a.id, 78, "Coach Li")
        store.mark_reviewed(a.id, "Coach Li")
        before = store.coach_review(a.id)
    migrate(store_url, "downgrade", "0004")
    with Store.open(store_url, clock=clock) as store:  # upgrades through 0005
        after = store.coach_review(a.id)
    assert (after.coach_score, after.points, after.reviewed_at) == (
        before.coach_score, before.points, before.reviewed_at)
    assert after.revision == 1 and after.ancestors == ()
    assert after.digest == digest(None, "Coach Li", 78.0, before.reviewed_at, before.coached_at,
                                  {"postmortem": True})
