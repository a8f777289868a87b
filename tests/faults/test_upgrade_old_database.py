"""A database written by the first release (schema 0001, tests/data/db/release-0.1.sqlite,
made by make_release_0_1.py with that release's code) is upgraded by this one with nothing lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from mockroom.core.result import ScoreResult
from mockroom.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "db" / "release-0.1.sqlite"
FIRST_TABLES = [
    "candidate", "practice_session", "draft", "attempt", "attempt_criterion", "review_card"
]


def _rows(db: Path, columns: dict[str, list[str]] | None = None) -> dict[str, set[tuple]]:
    """Every row of the first release's tables (only the given columns, if any)."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in FIRST_TABLES:
            cols = columns[table] if columns else [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            out[table] = set(conn.execute(f"SELECT {', '.join(cols)} FROM {table}"))
        return out
    finally:
        conn.close()


def _columns(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in FIRST_TABLES}
    finally:
        conn.close()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    db = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, db)
    return db


def test_fixture_is_still_the_first_release() -> None:
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert conn.execute("SELECT count(*) FROM attempt").fetchone()[0] >= 5
    finally:
        conn.close()


def test_upgrade_keeps_every_row(old_db: Path) -> None:
    # Migration 0004 rewrites attempt.result into a compact form: compared apart, by what it says.
    columns = {t: [c for c in cols if (t, c) != ("attempt", "result")]
               for t, cols in _columns(old_db).items()}
    before = _rows(old_db, columns)
    assert all(before[t] for t in FIRST_TABLES), "the fixture should fill every table"
    conn = sqlite3.connect(old_db)
    results = {i: ScoreResult.from_dict(json.loads(r)) for i, r in conn.execute(
        "SELECT id, result FROM attempt")}
    conn.close()

    with Store.open(f"sqlite:///{old_db}") as store:
        assert {i: store.get_attempt(i).result for i in results} == results

    after = _rows(old_db, columns)
    assert after == before
    conn = sqlite3.connect(old_db)
    formats = {json.loads(r).get("v") for (r,) in conn.execute("SELECT result FROM attempt")}
    conn.close()
    assert formats == {2}
    conn = sqlite3.connect(old_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        [(version,)] = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()
    assert version != "0001"


def test_upgraded_database_reads_and_writes_through_the_store(old_db: Path) -> None:
    conn = sqlite3.connect(old_db)
    attempts = dict(conn.execute("SELECT id, answer FROM attempt"))
    sessions = dict(conn.execute("SELECT id, state FROM practice_session"))
    conn.close()

    with Store.open(f"sqlite:///{old_db}") as store:
        cand = store.get_candidate()
        assert cand is not None and cand.name == "李雷 Li Lei"
        found = store.unfinished_session(cand.id)
        assert found is not None
        session, draft = found
        assert sessions[session.id] == "open"
        assert draft is not None and draft.text == "一个没写完的回答 a draft in progress"
        assert draft.clock == {"phase": "answer", "elapsed": 42.0}

        read = {a.id: a for sid in sessions for a in store.attempts_for_session(sid)}
        assert {i: a.answer for i, a in read.items()} == attempts
        for a in read.values():
            assert isinstance(a.result, ScoreResult) and a.result.score == a.auto_score
            assert a.timing.shown_at.tzinfo is not None
        follow_ups = [a for a in read.values() if a.follow_up_of]
        assert follow_ups and all(f.follow_up_of in read for f in follow_ups)
        assert store.due_questions(cand.id, now=session.started_at.replace(year=2100))

        # The old open session goes on in the new release.
        first = next(a for a in read.values() if a.session_id == session.id)
        again = store.record_attempt(session.id, first.question_id, first.bank_version, "zh",
                                     "升级之后的回答", first.result, first.timing)
        assert store.get_attempt(again.id).answer == "升级之后的回答"
        store.finish_session(session.id)
