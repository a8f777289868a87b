"""The coach's overall comment travels in JSON exports and is merged by lineage on import.

The rule is the importer's for coach reviews (store/lineage.py, summary_lineage.py): a file
that continues our summary replaces it, one behind it changes nothing, and both changed since
they last agreed stops the import (nothing changed) until --ours or --theirs says which.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mockroom.cli.main import main
from mockroom.store import Store
from mockroom.store.review import COMMENT_MAX
from mockroom.store.review_merge import ImportConflict
from mockroom.transfer.errors import TransferError
from mockroom.transfer.export_json import checksum, dumps
from mockroom.transfer.import_json import import_file, parse
from tests.helpers.review_builders import OUTAGE, practise
from tests.helpers.store_builders import Clock

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def candidate(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'candidate.db'}", clock=Clock(T0)) as s:
        yield s


@pytest.fixture
def coach(store_url: str) -> Iterator[Store]:
    with Store.open(store_url, clock=Clock(T0)) as s:
        yield s


def send(store: Store, session_id: str, path: Path) -> Path:
    path.write_text(dumps(store.transcript(session_id)), encoding="utf-8")
    return path


def summary_of(store: Store, session_id: str) -> str | None:
    note = store.transcript(session_id).session.summary
    return None if note is None else note.text


def test_the_summary_goes_and_comes_back(candidate: Store, coach: Store, tmp_path: Path) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    import_file(coach, send(candidate, sess.id, tmp_path / "s.json"))
    assert summary_of(coach, sess.id) is None
    coach.set_summary(sess.id, "结构清楚；先讲影响。", "Coach Li")
    back = send(coach, sess.id, tmp_path / "back.json")
    assert json.loads(back.read_text())["session"]["summary"]["text"] == "结构清楚；先讲影响。"

    done = import_file(candidate, back)
    assert done.summary_updated and done.changed
    note = candidate.transcript(sess.id).session.summary
    assert note is not None and (note.text, note.coach) == ("结构清楚；先讲影响。", "Coach Li")
    # the same file again, and the candidate's copy sent back: nothing new either way
    assert not import_file(candidate, back).changed
    assert not import_file(coach, send(candidate, sess.id, tmp_path / "again.json")).changed
    # the coach rewrites it: the file continues the candidate's copy and replaces it
    coach.set_summary(sess.id, "Better: name the impact first.", "Coach Li")
    assert import_file(candidate, send(coach, sess.id, tmp_path / "v2.json")).summary_updated
    assert summary_of(candidate, sess.id) == "Better: name the impact first."
    # an older file is behind ours: it changes nothing
    assert not import_file(candidate, back).changed
    assert summary_of(candidate, sess.id) == "Better: name the impact first."


def test_a_removed_summary_stays_removed(candidate: Store, coach: Store, tmp_path: Path) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    candidate.set_summary(sess.id, "first thoughts", "Coach Li")
    old = send(candidate, sess.id, tmp_path / "old.json")
    import_file(coach, old)
    coach.set_summary(sess.id, "", "Coach Li")
    import_file(candidate, send(coach, sess.id, tmp_path / "removed.json"))
    assert summary_of(candidate, sess.id) is None
    assert not import_file(candidate, old).changed  # the old one does not come back
    assert summary_of(candidate, sess.id) is None


def test_both_changed_is_a_conflict_until_ours_or_theirs(
    candidate: Store, coach: Store, store_url: str, tmp_path: Path, capsys
) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    candidate.set_summary(sess.id, "agreed", "Coach Li")
    import_file(coach, send(candidate, sess.id, tmp_path / "s.json"))
    candidate.set_summary(sess.id, "the candidate's note", "Wang Fang")
    coach.set_summary(sess.id, "the coach's note", "Coach Li")
    theirs = send(candidate, sess.id, tmp_path / "theirs.json")

    with pytest.raises(ImportConflict) as err:
        import_file(coach, theirs)
    assert err.value.summary is not None and err.value.conflicts == []
    assert err.value.summary.ours is not None and err.value.summary.theirs is not None
    assert (err.value.summary.ours.text, err.value.summary.theirs.text) == (
        "the coach's note", "the candidate's note")
    assert summary_of(coach, sess.id) == "the coach's note"  # nothing changed

    code = main(["import", str(theirs), "--db", store_url])  # Store.url hides the password
    err_text = capsys.readouterr().err
    assert code != 0 and "summary" in err_text and "the candidate's note" in err_text

    assert coach.import_transcript(parse(theirs.read_bytes()), "theirs").summary_updated
    assert summary_of(coach, sess.id) == "the candidate's note"
    assert not import_file(coach, theirs).changed  # resolved: the file is now behind
    # the candidate takes the resolution as the newer summary
    assert import_file(candidate, send(coach, sess.id, tmp_path / "r.json")).summary_updated
    assert summary_of(candidate, sess.id) == "the candidate's note"


def test_ours_keeps_our_summary(candidate: Store, coach: Store, tmp_path: Path) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    candidate.set_summary(sess.id, "agreed", "Coach Li")
    import_file(coach, send(candidate, sess.id, tmp_path / "s.json"))
    candidate.set_summary(sess.id, "mine", "Wang Fang")
    coach.set_summary(sess.id, "the coach's", "Coach Li")
    theirs = send(candidate, sess.id, tmp_path / "theirs.json")
    assert coach.import_transcript(parse(theirs.read_bytes()), "ours").summary_updated
    assert summary_of(coach, sess.id) == "the coach's"
    assert not import_file(coach, theirs).changed


def edited(path: Path, change: dict[str, Any]) -> bytes:
    """The file with its session summary changed by hand, the checksum made to fit."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["summary"].update(change)
    data["checksum"] = checksum(data)
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"text": 42}, "session.summary.text"),
        ({"text": "x" * (COMMENT_MAX + 1)}, "session.summary.text: String should have at most"),
        ({"text": ""}, "session.summary.text"),
        ({"coach": None}, "text, coach and written_at, or none"),
        ({"coach": "Li\x1b[2J"}, "session.summary.coach"),
        ({"written_at": "2026-03-01T09:00:00"}, "session.summary.written_at"),
        ({"written_at": "2150-01-01T00:00:00+00:00"}, "not between 2000 and 2100"),
        ({"text": "edited by hand"}, "digest does not match"),
        ({"digest": "nope"}, "session.summary.digest"),
        ({"ancestors": "x"}, "session.summary.ancestors"),
        ({"extra": 1}, "session.summary.extra"),
    ],
    ids=["number", "too-long", "empty", "half", "control", "naive-time", "year-2150", "edited",
         "bad-digest", "bad-ancestors", "extra"],
)
def test_bad_summaries_are_one_line_naming_the_file_and_the_entry(
    candidate: Store, tmp_path: Path, change: dict[str, Any], words: str
) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    candidate.set_summary(sess.id, "fine", "Coach Li")
    good = send(candidate, sess.id, tmp_path / "good.json")
    with pytest.raises(TransferError) as err:
        parse(edited(good, change), "coach.json")
    message = str(err.value)
    assert message.startswith("coach.json: session.summary"), message
    assert words in message and "\n" not in message


def test_version_2_files_without_a_summary_still_import(
    candidate: Store, coach: Store, tmp_path: Path
) -> None:
    sess, _ = practise(candidate, [OUTAGE])
    data = json.loads(send(candidate, sess.id, tmp_path / "s.json").read_text())
    del data["session"]["summary"]
    data["version"] = 2
    data["checksum"] = checksum(data)
    assert coach.import_transcript(parse(json.dumps(data).encode())).new_session
    assert summary_of(coach, sess.id) is None
