"""`mockroom calibrate --suggest` on a database made here: answers scored by the real scorer on a
bank written here, then reviewed through `mockroom review` as a coach would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from mockroom.core.bank import load_paths
from mockroom.core.scorer import Scorer
from mockroom.store import Store
from mockroom.store.records import AttemptTiming
from tests.helpers.bank_builders import question_data, rubric_data, write_bank
from tests.helpers.cli_helpers import run_cli

QID = "t.q"
ANSWERS = (
    "我先向客户道歉。运维马上切换到备用机房，让业务先跑起来。",  # 1: restore met for the coach
    "I apologised and switched traffic to the standby site so the business could run again.",  # 2: same
    "出了问题我们内部会复盘一下，对客户什么也不说。",  # 3: review not met for the coach
)


def point(cid: str, label: str, tip: str, zh: list[str], en: list[str]) -> dict[str, object]:
    return {"id": cid, "label": {"zh": label, "en": label}, "tip": {"zh": tip, "en": tip},
            "phrases": {"zh": zh, "en": en}}


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    write_bank(
        root,
        question_data(examples=[{"label": "strong", "grade": 85,
                                 "answer": "我会先道歉，马上切换到备用机房让业务恢复，事后组织复盘。"}]),
        rubric_data(criteria=[
            point("apologise", "Apologises", "Apologise first.", ["道歉"], ["apologise"]),
            point("restore", "Restores service first",
                  "Switch to a standby or roll back to restore service first.", ["回滚"], ["roll back"]),
            point("review", "Reviews afterwards", "Run a review afterwards.", ["复盘"], ["postmortem"]),
        ]),
    )
    return root


@pytest.fixture
def db(tmp_path: Path, bank_dir: Path, clock) -> tuple[str, str]:
    """(database URL, session id): one session of ANSWERS, scored, not yet reviewed."""
    bank = load_paths([bank_dir])
    scorer, q = Scorer(bank), bank.questions[QID]
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with Store.open(url, clock=clock) as store:
        cand = store.set_candidate_name("Wang Fang")
        sess = store.start_session(cand.id, "t", "mock", "zh", [QID], None, True)
        for text in ANSWERS:
            timing = AttemptTiming(datetime(2026, 1, 5, tzinfo=UTC), 2.0, 10.0, 60.0, 0.0)
            store.record_attempt(sess.id, QID, "v1", "zh", text, scorer.score(q, text), timing)
        store.finish_session(sess.id)
    return url, sess.id


def review(capsys, url: str, sid: str, attempt: str, *extra: str, coach: str = "Li") -> None:
    """Grade answer `attempt`: the session answers one question three times, so 1, 1r1, 1r2."""
    code, _, err = run_cli(capsys, "review", sid, "--db", url, "-a", attempt, "--coach", coach, *extra)
    assert code == 0, err


def coach_the_answers(capsys, url: str, sid: str) -> None:
    start = ANSWERS[0].index("切换到备用机房")
    review(capsys, url, sid, "1", "--point", "restore=hit", "--comment", "这才是先恢复",
           "--span", f"{start}:{start + 7}")
    review(capsys, url, sid, "1r1", "--point", "restore=hit")
    review(capsys, url, sid, "1r2", "--point", "review=miss", coach="Zhao")


def test_suggest_proposes_the_credited_words_ready_to_paste(capsys, db, bank_dir: Path) -> None:
    url, sid = db
    coach_the_answers(capsys, url, sid)
    code, out, err = run_cli(capsys, "calibrate", "--suggest", "--db", url, "--bank", str(bank_dir), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["unknown_overrides"] == 0
    restore, rev = data["points"]
    assert (restore["question_id"], restore["key"], len(restore["to_hit"])) == (QID, "restore", 2)
    assert {(p["phrase"], p["source"]) for p in restore["proposals"]} == {
        ("切换到备用机房", "comment"), ("switched traffic to the standby site", "clause")
    }
    zh = next(p for p in restore["proposals"] if p["lang"] == "zh")
    assert [(g["id"], g["grade"]) for g in zh["newly_credits"]] == [("strong", 85)]
    pasted = yaml.safe_load(restore["yaml"])["phrases"]
    assert pasted == {"zh": ["回滚", "切换到备用机房"], "en": ["roll back", "switched traffic to the standby site"]}
    assert (rev["key"], len(rev["to_miss"]), rev["misfires"][0]["phrase"]) == ("review", 1, "复盘")


def test_suggest_as_text_within_80_columns(capsys, db, bank_dir: Path) -> None:
    url, sid = db
    coach_the_answers(capsys, url, sid)
    for lang, words in (("en", "to paste over the point's"), ("zh", "可直接替换该要点原来的")):
        code, out, _ = run_cli(capsys, "--lang", lang, "calibrate", "--suggest", "--db", url, "--bank", str(bank_dir))
        assert code == 0
        assert words in out and "切换到备用机房" in out
        assert all(cell_len(line) <= 80 for line in out.splitlines())


def test_suggest_by_coach_track_and_top(capsys, db, bank_dir: Path) -> None:
    url, sid = db
    coach_the_answers(capsys, url, sid)
    base = ("calibrate", "--suggest", "--db", url, "--bank", str(bank_dir), "--json")
    _, out, _ = run_cli(capsys, *base, "--coach", "Zhao")
    assert [p["key"] for p in json.loads(out)["points"]] == ["review"]
    _, out, _ = run_cli(capsys, *base, "--track", "other")
    assert json.loads(out)["points"] == []
    _, out, _ = run_cli(capsys, *base, "--top", "1")  # the point disputed most comes first
    assert [p["key"] for p in json.loads(out)["points"]] == ["restore"]


def test_graded_files_are_checked_too(capsys, db, bank_dir: Path, tmp_path: Path) -> None:
    url, sid = db
    coach_the_answers(capsys, url, sid)
    graded = tmp_path / "graded.yaml"
    graded.write_text(
        "questions:\n  t.q:\n"
        "    - {id: trap, grade: 5, text: 切换到备用机房这件事以前讨论过，不过我更想去爬山。}\n",
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "calibrate", "--suggest", "--db", url, "--bank", str(bank_dir),
                       "--graded", str(graded), "--json")
    assert code == 0
    zh = next(p for p in json.loads(out)["points"][0]["proposals"] if p["lang"] == "zh")
    assert sorted((g["id"], g["grade"]) for g in zh["newly_credits"]) == [("strong", 85), ("trap", 5)]


def test_no_overrides_yet(capsys, db, bank_dir: Path) -> None:
    url, _ = db
    code, out, _ = run_cli(capsys, "calibrate", "--suggest", "--db", url, "--bank", str(bank_dir), "--lang", "en")
    assert code == 0 and "No coach has overridden a rubric point yet" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--graded", "{graded}"), "--graded goes with --suggest"),
        (("--suggest", "--graded", "{graded}"), "grade 300 is outside 0-100"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys, db, bank_dir: Path, tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    url, _ = db
    graded = tmp_path / "bad.yaml"
    graded.write_text("questions:\n  t.q:\n    - {id: a, grade: 300, text: x}\n", "utf-8")
    args = [a.format(graded=graded) for a in argv]
    code, out, err = run_cli(capsys, "calibrate", *args, "--db", url, "--bank", str(bank_dir))
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert message in line
