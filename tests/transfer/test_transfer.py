"""Export and import: round trips, idempotence, coach comments travelling back, bad files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mockroom.store import Store, StoreError
from mockroom.transfer import export_html, export_md
from mockroom.transfer.errors import TransferError
from mockroom.transfer.export_json import checksum, dumps
from mockroom.transfer.import_json import import_file, parse, read
from tests.helpers.review_builders import OUTAGE, REFUND, Answer, practise


@pytest.fixture
def candidate_db(tmp_path: Path, clock) -> Iterator[Store]:
    """The candidate's own machine: always SQLite."""
    with Store.open(f"sqlite:///{tmp_path / 'candidate.db'}", clock=clock) as s:
        yield s


@pytest.fixture
def coach_db(store_url: str, clock) -> Iterator[Store]:
    """The coach's database: SQLite and PostgreSQL."""
    with Store.open(store_url, clock=clock) as s:
        yield s


def exported(store: Store, session_id: str, path: Path) -> Path:
    path.write_text(dumps(store.transcript(session_id)), encoding="utf-8")
    return path


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("candidate", "practice_session", "attempt", "attempt_criterion", "comment")
            }
    finally:
        engine.dispose()


def test_round_trip_gives_the_same_file(candidate_db: Store, coach_db: Store, tmp_path) -> None:
    sess, (outage, _) = practise(candidate_db, [OUTAGE, REFUND])
    start = OUTAGE.text.index("restore")
    candidate_db.add_comment(outage.id, "Wang Fang", "I was nervous here", (start, start + 7))
    candidate_db.override_score(outage.id, 70, "Self")
    first = exported(candidate_db, sess.id, tmp_path / "first.json")

    outcome = import_file(coach_db, first)
    assert outcome.new_session and outcome.attempts_added == 2 and outcome.comments_added == 1
    again = exported(coach_db, sess.id, tmp_path / "again.json")
    assert again.read_bytes() == first.read_bytes()

    data = json.loads(first.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("mockroom-session", 3)
    a = data["attempts"][0]
    assert a["bank_version"] == "v1abc"
    assert a["timing"]["answer_s"] == 90.0
    assert a["result"]["criteria"][0]["matches"][0]["text"] == "restore service"
    assert a["comments"][0]["span"] == [start, start + 7]
    assert a["review"]["coach_score"] == 70.0


def test_importing_twice_adds_nothing(candidate_db: Store, coach_db: Store, tmp_path, store_url):
    sess, _ = practise(candidate_db, [OUTAGE])
    path = exported(candidate_db, sess.id, tmp_path / "s.json")
    import_file(coach_db, path)
    before = counts(store_url)
    outcome = import_file(coach_db, path)
    assert not outcome.changed and not outcome.new_session
    assert counts(store_url) == before
    assert len(coach_db.list_sessions()) == 1


def test_coach_review_travels_back(candidate_db: Store, coach_db: Store, tmp_path, clock) -> None:
    sess, (outage,) = practise(candidate_db, [OUTAGE])
    import_file(coach_db, exported(candidate_db, sess.id, tmp_path / "out.json"))

    clock.advance(hours=2)
    note = coach_db.add_comment(outage.id, "Coach Li", "Name the customer impact.")
    coach_db.override_criterion(outage.id, "postmortem", True, "Coach Li")
    coach_db.override_score(outage.id, 78, "Coach Li")
    coach_db.mark_reviewed(outage.id, "Coach Li")
    back = exported(coach_db, sess.id, tmp_path / "back.json")

    outcome = import_file(candidate_db, back)
    assert (outcome.new_session, outcome.comments_added, outcome.reviews_updated) == (False, 1, 1)
    [item] = candidate_db.transcript(sess.id).items
    assert item.comments == (note,)
    assert item.review.coach_score == 78.0 and item.review.points == {"postmortem": True}
    assert item.review.reviewed_at is not None and item.attempt.auto_score == 72.5
    assert candidate_db.get_candidate() is not None
    assert candidate_db.get_candidate().name == "Wang Fang"  # type: ignore[union-attr]
    # an older review in a file never replaces a newer one here
    clock.advance(hours=1)
    candidate_db.override_score(outage.id, 50, "Coach Wu")
    assert import_file(candidate_db, back).reviews_updated == 0
    assert candidate_db.coach_review(outage.id).coach_score == 50.0


def edit(path: Path, change, keep_checksum: bool = False) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if keep_checksum:
        data["checksum"] = checksum(data)
    return json.dumps(data, ensure_ascii=False).encode()


def _set(*keys_and_value):
    *keys, value = keys_and_value

    def change(data):
        target = data
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value

    return change


REVIEWED = {
    "coach": "Li",
    "coach_score": None,
    "reviewed_at": None,
    "coached_at": "2026-03-01T10:00:00+00:00",
    "points": {"nope": True},
}
BAD_EDITS = [
    # changed by hand without fixing the checksum
    (_set("attempts", 0, "auto_score", 99.0), False, "changed after it was exported"),
    # changed by hand and "fixed": the content checks still catch what does not fit
    (_set("attempts", 0, "auto_score", 99.0), True, "attempts[0]: auto_score 99 differs"),
    (_set("attempts", 0, "answer", "something else entirely"), True, "was the answer edited"),
    (_set("attempts", 0, "question_id", "support.other"), True, "result is for"),
    (_set("attempts", 0, "timing", "answer_s", "90"), True, "attempts[0].timing.answer_s"),
    (_set("attempts", 0, "review", "points", {"nope": True}), True, "needs its coach"),
    (_set("attempts", 0, "review", REVIEWED), True, "unknown rubric point 'nope'"),
    (_set("attempts", 0, "id", "not-an-id"), True, "attempts[0].id"),
    (_set("session", "mode", "party"), True, "unknown mode 'party'"),
    (_set("session", "started_at", "2026-03-01T09:00:00"), True, "session.started_at"),
    (_set("attempts", 0, "extra", 1), True, "attempts[0].extra: Extra inputs"),
    (_set("version", 4), True, "version 4 is newer"),
    (_set("format", "other"), True, "not a mockroom session export"),
]


@pytest.mark.parametrize(("change", "keep", "words"), BAD_EDITS)
def test_hand_edited_files_are_refused_and_change_nothing(
    candidate_db: Store, coach_db: Store, tmp_path, store_url, change, keep, words
) -> None:
    sess, _ = practise(candidate_db, [OUTAGE])
    good = exported(candidate_db, sess.id, tmp_path / "good.json")
    before = counts(store_url)
    with pytest.raises(TransferError) as err:
        parse(edit(good, change, keep), "edited.json")
    message = str(err.value)
    assert message.startswith("edited.json") and words in message and "\n" not in message
    assert counts(store_url) == before


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "not valid JSON"),
        (b"{\"format\": ", "edited.json:1:12: not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "not a mockroom session export"),
        (b"[" * 100_000, "nested too deeply"),
    ],
    ids=["empty", "cut-short", "not-utf8", "a-list", "deep"],
)
def test_malformed_files(raw: bytes, words: str) -> None:
    with pytest.raises(TransferError, match=words):
        parse(raw, "edited.json")


def test_missing_and_oversized_files(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(TransferError, match="cannot read"):
        read(tmp_path / "nope.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr("mockroom.transfer.import_json.MAX_BYTES", 1024)
    with pytest.raises(TransferError, match="larger than"):
        read(big)


def test_a_conflicting_id_changes_nothing(candidate_db: Store, coach_db: Store, tmp_path, store_url):
    """Two sessions claiming one answer id: the second import fails whole."""
    sess, _ = practise(candidate_db, [OUTAGE])
    first = exported(candidate_db, sess.id, tmp_path / "a.json")
    import_file(coach_db, first)
    other, _ = practise(candidate_db, [OUTAGE, REFUND])
    data = json.loads(dumps(candidate_db.transcript(other.id)))
    data["attempts"][0]["id"] = json.loads(first.read_text())["attempts"][0]["id"]
    data["checksum"] = checksum(data)
    before = counts(store_url)
    with pytest.raises(StoreError, match="already exists here for another session"):
        coach_db.import_transcript(parse(json.dumps(data).encode()))
    assert counts(store_url) == before


HOSTILE = (
    "<script>alert('x')</script> & \"quoted\" 'single' "
    "<img src=x onerror=alert(1)> </textarea><b onclick=\"evil()\">restore service</b>"
)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_hostile_text(candidate_db: Store) -> None:
    hostile = Answer("support.outage", HOSTILE, 60.0, {"restore-first": "restore service"})
    candidate_db.set_candidate_name('<svg onload="x()"> & Co')
    sess, (a,) = practise(candidate_db, [hostile])
    at = HOSTILE.index("<img")
    candidate_db.add_comment(a.id, 'Li" onmouseover="x()', "</div><script>1</script>", (at, at + 10))
    page = export_html.render(candidate_db.transcript(sess.id))

    parsed = Collector()
    parsed.feed(page)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags and "svg" not in tags
    for _, attrs in parsed.tags:
        for name, _value in attrs:
            assert not name.startswith("on"), name
    text = "".join(parsed.text)
    # the answer reads as typed: the highlighted pieces join up again
    assert "<script>alert('x')</script> & \"quoted\"" in text
    assert "</div><script>1</script>" in text
    assert '<svg onload="x()"> & Co' in text
    assert '<b onclick="evil()">' in text and 'Li" onmouseover="x()' in text
    assert page.count("<mark") >= 2  # the evidence and the commented passage
    assert "<style>" in page and "@media print" in page and "<link" not in page


def test_markdown_shows_text_as_typed_but_inert(candidate_db: Store) -> None:
    hostile = Answer("support.outage", HOSTILE, 60.0, {"restore-first": "restore service"})
    sess, (a,) = practise(candidate_db, [hostile])
    candidate_db.add_comment(a.id, "Coach *Li*", "Use **bold** less")
    md = export_md.render(candidate_db.transcript(sess.id))
    assert re.search(r"(?<!\\)<", md) is None and r"\<script>alert('x')\</script>" in md
    assert r"Coach \*Li\*" in md and r"Use \*\*bold\*\* less" in md
    assert "Auto score 60 · coach score — · final score 60" in md
    assert "| Point restore-first (required) | ✓ met | ✓ met | “restore service” |" in md
