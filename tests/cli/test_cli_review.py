"""The coach's commands: review, export, import, calibrate (SQLite; the store tests cover PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockroom.core.cells import pad
from mockroom.store import Store
from tests.helpers.cli_helpers import run_cli
from tests.helpers.review_builders import (
    OUTAGE,
    REFUND,
    RETRY_SESSION,
    practise_with,
    practised_db,
)


@pytest.fixture
def db(tmp_path: Path, clock) -> tuple[str, str]:
    """A database with one session of two answers; returns (url, session id)."""
    return practised_db(tmp_path, [OUTAGE, REFUND], clock)



def test_list_and_show(db, capsys) -> None:
    url, sid = db
    code, out, _ = run_cli(capsys, "review", "--db", url)
    assert code == 0 and sid[:8] in out and "Wang Fang" in out and "unreviewed 0/2" in out
    code, out, _ = run_cli(capsys, "review", "--db", url, "--state", "reviewed")
    assert (code, out.strip()) == (0, "no sessions match")
    code, out, _ = run_cli(capsys, "review", sid[:6], "--db", url)
    assert code == 0 and "== Question 1 of 2: support.outage" in out
    assert "[1] answer" in out and "auto score 73 · coach score — · final 73" in out
    assert "✓ Point restore-first (required) [restore-first] hit" in out


def test_a_retry_and_a_follow_up_count_with_their_question(tmp_path: Path, clock, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with Store.open(url, clock=clock) as store:
        sess, recs = practise_with(store, RETRY_SESSION)
    code, out, _ = run_cli(capsys, "review", "--db", url)
    header, row = out.splitlines()[:2]
    assert "QUESTIONS" in header
    assert row.split()[6:8] == ["3", "75.8"]  # 3 questions; auto mean of the best attempts
    assert row.endswith("unreviewed 0/3")

    code, out, _ = run_cli(capsys, "review", sess.id, "--db", url)
    assert "3 questions · mean final score 75.8 (each question's best attempt)" in out
    assert [line.split()[0] for line in out.splitlines() if line.startswith("[")] == [
        "[1]", "[1a]", "[2]", "[2r1]", "[3]"
    ]
    assert "[2r1] retry" in out and "[1a] follow-up: About the point: Point postmortem  (id" in out
    assert "== Question 2 of 3: support.refund  (result: answer 2r1, 75)" in out
    assert "Question 4" not in out

    code, out, _ = run_cli(capsys, "review", sess.id, "--db", url, "-a", "2r1", "--coach", "Li",
                       "--score", "85", "--reviewed")
    assert code == 0 and "answer 2r1 marked reviewed" in out
    with Store.open(url) as store:
        assert store.coach_review(recs[3].id).coach_score == 85.0
    _, out, _ = run_cli(capsys, "review", "--db", url)
    # the coach's mean is over the graded results: 1 of the 3 questions
    assert "85.0 · 1/3" in out and "partial 0/3" in out
    code, out, _ = run_cli(capsys, "review", "--db", url, "--json")
    [listed] = json.loads(out)
    assert (listed["questions"], listed["coached"], listed["mean_coach"]) == (3, 1, 85.0)


def test_the_session_list_stays_in_columns_with_chinese_names(db, capsys) -> None:
    url, _ = db
    with Store.open(url) as store:
        store.set_candidate_name("王芳芳")  # six cells wide, three characters
    _, out, _ = run_cli(capsys, "review", "--db", url)
    header, row = out.splitlines()[:2]
    assert row.index("support") + len("王芳芳") == header.index("TRACK")


def test_pad_cuts_and_pads_by_terminal_width() -> None:
    assert pad("王芳", 6) == "王芳  "
    assert pad("王芳芳芳", 5) == "王芳 "  # a wide character never split across the edge
    assert pad("Wang", 2) == "Wa"


def test_grading_from_the_command_line(db, capsys) -> None:
    url, sid = db
    code, out, _ = run_cli(
        capsys, "review", sid, "--db", url, "--attempt", "1", "--coach", "Coach Li",
        "--comment", "Name the impact", "--span", "6:21", "--point", "postmortem=hit",
        "--score", "80", "--reviewed",
    )
    assert code == 0, out
    assert "coach score 80 (auto score 73 kept)" in out
    with Store.open(url) as store:
        item = store.transcript(sid).items[0]
    assert item.review.coach_score == 80.0 and item.review.points == {"postmortem": True}
    assert item.review.reviewed_at is not None and item.attempt.auto_score == 72.5
    assert item.comments[0].span == (6, 21) and item.comments[0].author == "Coach Li"
    code, out, _ = run_cli(capsys, "review", "--db", url, "--state", "partial")
    assert "partial 1/2" in out


def test_blind_hides_auto_scores_until_graded(db, capsys) -> None:
    url, sid = db
    code, out, _ = run_cli(capsys, "review", sid, "--db", url, "--blind")
    assert "auto score hidden (blind)" in out and "72.5" not in out and "✓" not in out
    run_cli(capsys, "review", sid, "--db", url, "-a", "1", "--coach", "Li", "--score", "70")
    code, out, _ = run_cli(capsys, "review", sid, "--db", url, "--blind")
    assert "auto score 73" in out  # graded: both scores shown
    assert "auto score 55" not in out  # the second answer is still blind
    code, out, _ = run_cli(capsys, "review", sid, "--db", url, "--blind", "--json")
    data = json.loads(out)
    assert "auto_score" in data["attempts"][0] and "auto_score" not in data["attempts"][1]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--attempt", "9", "--coach", "Li", "--reviewed"], "no answer '9'"),
        (["--attempt", "1", "--reviewed"], "--coach NAME"),
        (["--attempt", "1", "--coach", "Li", "--score", "120"], "between 0 and 100"),
        (["--attempt", "1", "--coach", "Li", "--score", "lots"], "expected a number"),
        (["--attempt", "1", "--coach", "Li", "--point", "nope=hit"], "not a rubric point"),
        (["--attempt", "1", "--coach", "Li", "--point", "inform"], "KEY=hit"),
        (["--attempt", "1", "--coach", "Li", "--comment", "x", "--span", "5"], "START:END"),
        (["--attempt", "1", "--coach", "Li", "--comment", "x", "--span", "0:999"], "outside"),
        (["--coach", "Li", "--reviewed"], "--attempt N"),
    ],
)
def test_bad_grading_is_one_line_and_changes_nothing(db, capsys, monkeypatch, argv, words):
    monkeypatch.delenv("MOCKROOM_COACH", raising=False)
    url, sid = db
    code, out, err = run_cli(capsys, "review", sid, "--db", url, *argv)
    assert code == 2 and words in err and err.count("\n") == 1
    with Store.open(url) as store:
        t = store.transcript(sid)
    assert all(i.review.coached_at is None and not i.comments for i in t.items)


def test_unknown_session_and_bad_since(db, capsys) -> None:
    url, _ = db
    code, _, err = run_cli(capsys, "review", "ffffffff", "--db", url)
    assert code == 2 and "no session" in err
    code, _, err = run_cli(capsys, "review", "--db", url, "--since", "last week")
    assert code == 2 and "expected a date" in err


def test_export_import_round_trip(db, capsys, tmp_path: Path) -> None:
    url, sid = db
    out_json = tmp_path / "s.json"
    code, _, err = run_cli(capsys, "export", sid, "--db", url, "-o", str(out_json))
    assert code == 0 and "wrote" in err
    coach = f"sqlite:///{tmp_path / 'coach.db'}"
    code, out, _ = run_cli(capsys, "import", str(out_json), "--db", coach)
    assert code == 0 and "imported session" in out and "2 answers" in out
    code, out, _ = run_cli(capsys, "import", str(out_json), "--db", coach)
    assert code == 0 and "nothing new" in out
    again = tmp_path / "again.json"
    run_cli(capsys, "export", sid[:8], "--db", coach, "--format", "json", "-o", str(again))
    assert again.read_bytes() == out_json.read_bytes()
    for fmt, marker in (("md", "# Mock interview record"), ("html", "<!DOCTYPE html>")):
        code, out, _ = run_cli(capsys, "export", sid, "--db", coach, "--format", fmt)
        assert code == 0 and out.startswith(marker)


def test_import_of_a_bad_file(db, capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mockroom-session", "version": 1}', encoding="utf-8")
    coach = tmp_path / "coach.db"
    code, _, err = run_cli(capsys, "import", str(bad), "--db", f"sqlite:///{coach}")
    assert code == 2 and "changed after it was exported" in err
    assert not coach.exists()  # checked before the database was even opened


def test_calibrate(db, capsys) -> None:
    url, sid = db
    code, out, _ = run_cli(capsys, "calibrate", "--db", url)
    assert code == 0 and "no coach grades yet" in out
    run_cli(capsys, "review", sid, "--db", url, "-a", "1", "--coach", "Li", "--score", "80",
        "--point", "inform=miss")
    run_cli(capsys, "review", sid, "--db", url, "-a", "2", "--coach", "Li", "--score", "50")
    code, out, _ = run_cli(capsys, "calibrate", "--db", url, "--json")
    data = json.loads(out)
    pooled = data["questions"][-1]
    assert pooled["question_id"] == "*" and pooled["graded"] == 2
    assert pooled["spearman"] == 1.0 and pooled["mean_difference"] == pytest.approx(1.25)
    assert data["points"] == [
        {"question_id": "support.outage", "key": "inform", "reviewed": 1, "to_hit": 0,
         "to_miss": 1, "rate": 1.0}
    ]
    code, out, _ = run_cli(capsys, "calibrate", "--db", url)
    assert "support.outage" in out and "inform" in out and "100%" in out


def test_calibrate_pairs_every_graded_attempt_but_not_follow_ups(
    tmp_path: Path, clock, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with Store.open(url, clock=clock) as store:
        sess, _ = practise_with(store, RETRY_SESSION)
    for label, score in (("1a", "90"), ("2", "50"), ("2r1", "70")):
        run_cli(capsys, "review", sess.id, "--db", url, "-a", label, "--coach", "Li", "--score", score)
    run_cli(capsys, "review", sess.id, "--db", url, "-a", "1a", "--coach", "Li",
        "--point", "postmortem=miss")
    code, out, _ = run_cli(capsys, "calibrate", "--db", url, "--json")
    data = json.loads(out)
    rows = {r["question_id"]: r for r in data["questions"]}
    # the first answer and the retry of refund: (55, 50) and (75, 70); the follow-up's 90 is not
    assert set(rows) == {"support.refund", "*"} and rows["*"]["graded"] == 2
    assert rows["support.refund"]["mean_difference"] == -5.0
    # the coach's verdict on the follow-up's point still teaches the rubric
    assert [(p["key"], p["to_miss"]) for p in data["points"]] == [("postmortem", 1)]


def test_the_coachs_summary_of_a_session(db, capsys, monkeypatch) -> None:
    monkeypatch.delenv("MOCKROOM_COACH", raising=False)
    url, sid = db
    code, out, _ = run_cli(capsys, "review", sid[:8], "--db", url, "--coach", "Coach Li",
                       "--summary", "Good structure; lead with the impact.")
    assert (code, out) == (0, f"summary of session {sid[:8]} written\n")
    code, out, _ = run_cli(capsys, "review", sid, "--db", url)
    assert "summary by Coach Li (" in out and "): Good structure; lead with the impact." in out
    for argv, words in [
        (["--summary", "x"], "--coach NAME"),
        (["--summary", "x", "--coach", "Li", "-a", "1", "--reviewed"], "without --attempt"),
        (["--summary", "x" * 20_001, "--coach", "Li"], "longer than"),
    ]:
        code, _, err = run_cli(capsys, "review", sid, "--db", url, *argv)
        assert code == 2 and words in err and err.count("\n") == 1, err
    with Store.open(url) as store:
        t = store.transcript(sid)
    assert t.session.summary is not None and t.session.summary.coach == "Coach Li"
    assert all(i.review.coached_at is None for i in t.items)
    code, out, _ = run_cli(capsys, "review", sid, "--db", url, "--coach", "Li", "--summary", "")
    assert (code, out) == (0, f"summary of session {sid[:8]} removed\n")
    code, _, err = run_cli(capsys, "review", "--db", url, "--coach", "Li", "--summary", "x")
    assert code == 2 and "needs a SESSION" in err
