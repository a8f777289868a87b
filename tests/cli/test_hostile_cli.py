"""Hostile user text through every command that prints it: nothing reaches the terminal raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockroom.store import Store
from tests.helpers.cli_helpers import run_cli
from tests.helpers.hostile_corpus import ALL, CLEAR, OSC52, forbidden_in, hostile_session


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[str, str]:
    db_file = tmp_path / "hostile.db"
    url = f"sqlite:///{db_file}"
    with Store.open(url) as store:
        sess = hostile_session(store, str(db_file))
    return url, sess.id


VIEWS = [
    ["review"],
    ["review", "--json"],
    ["review", "{sid}"],
    ["review", "{sid}", "--blind"],
    ["review", "{sid}", "--json"],
    ["export", "{sid}", "--format", "md"],
    ["export", "{sid}", "--format", "html"],
    ["export", "{sid}", "--format", "json"],
    ["calibrate"],
    ["calibrate", "--json"],
]


@pytest.mark.parametrize("argv", VIEWS, ids=lambda a: " ".join(a))
def test_every_view_of_a_hostile_session_is_inert(capsys, hostile_db, argv: list[str]) -> None:
    url, sid = hostile_db
    code, out, err = run_cli(capsys, *(a.format(sid=sid) for a in argv), "--db", url)
    assert code == 0, err
    assert forbidden_in(out + err) == []
    assert "Wang" in out or "support.outage" in out


def test_json_views_keep_the_text_as_escapes(capsys, hostile_db) -> None:
    """JSON output is the same data (the escapes decode to the original) with nothing raw."""
    url, sid = hostile_db
    _, out, _ = run_cli(capsys, "export", sid, "--format", "json", "--db", url)
    data = json.loads(out)
    assert data["candidate"]["name"] == f"Wang{OSC52}"
    assert ALL in data["attempts"][0]["answer"]
    _, out, _ = run_cli(capsys, "review", sid, "--json", "--db", url)
    assert json.loads(out)["session"]["track"] == f"sup{CLEAR}"


def test_import_line_and_errors_are_inert(capsys, hostile_db, tmp_path: Path) -> None:
    url, sid = hostile_db
    code, out, _ = run_cli(capsys, "export", sid, "--format", "json", "--db", url)
    weird = tmp_path / f"s{CLEAR}\u202e.json"
    weird.write_text(out, encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    # The hostile name and track were written behind the store's back: the import refuses them.
    code, out, err = run_cli(capsys, "import", str(weird), "--db", other)
    assert code == 2 and forbidden_in(out + err) == [] and err.count("\n") == 1
    assert "␛" in err
    code, out, err = run_cli(capsys, "import", str(tmp_path / f"missing{OSC52}.json"), "--db", other)
    assert code == 2 and forbidden_in(out + err) == [] and err.count("\n") == 1


def test_score_lint_and_bank_print_hostile_files_inert(capsys, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "mine").mkdir(parents=True)
    bad = bank / "mine" / f"evil{CLEAR}.yaml"
    bad.write_text(f"id: mine.x\ntrack: mine\nprompt: {{en: '{OSC52}'}}\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "lint", str(bank))
    assert code == 1 and forbidden_in(out + err) == [] and "evil␛[2J" in out
    answer = tmp_path / "answer.txt"
    answer.write_text(f"I restore service first. {ALL}", encoding="utf-8")
    code, out, err = run_cli(capsys, "score", "-q", "support.outage-customer-vs-platform",
                         "-f", str(answer))
    assert code == 0 and forbidden_in(out + err) == []
    code, out, err = run_cli(capsys, "score", "-q", f"x{OSC52}", "-f", str(answer))
    assert code == 2 and forbidden_in(out + err) == [] and err.count("\n") == 1
