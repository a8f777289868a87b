"""Two mockroom processes writing to one database at the same time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mockroom.store import Store, StoreError, db
from tests.helpers.store_builders import make_result, make_timing

PER_PROCESS = 25
ROOT = Path(__file__).resolve().parents[2]  # the writers import tests.helpers from here

WRITER = """
import sys
from tests.helpers.store_builders import make_result, make_timing
from mockroom.store import Store

url, candidate_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
questions = ["support.outage", "support.refund"]
store = Store.open(url)
session = store.start_session(candidate_id, "support", "mock", "en", questions, None, True)
sys.stdin.readline()  # start together
for i in range(count):
    q = questions[i % 2]
    store.save_draft(session.id, q, f"draft {i}", {"i": i})
    store.record_attempt(
        session.id, q, "v1", "en", f"answer {i}", make_result(q, score=40 + i), make_timing()
    )
store.finish_session(session.id)
store.close()
print(session.id)
"""


def test_two_processes_write_attempts_at_once(store_url: str) -> None:
    with Store.open(store_url) as store:
        candidate_id = store.set_candidate_name("Shared").id
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, store_url, candidate_id, str(PER_PROCESS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(2)
    ]
    for p in procs:  # release both writers before waiting for either
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    session_ids = [out.strip() for out, _ in outputs]

    with Store.open(store_url) as store:
        for sid in session_ids:
            attempts = store.attempts_for_session(sid)
            assert [a.answer for a in attempts] == [f"answer {i}" for i in range(PER_PROCESS)]
            assert store.load_draft(sid) is None
        both = store.attempts_for_question(candidate_id, "support.outage")
        assert len(both) == 26  # 13 of each process's 25 attempts
    engine = create_engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT question_id, reviews FROM review_card")).all()
    reviews = {question_id: count for question_id, count in rows}
    engine.dispose()
    # Every attempt moved its card exactly once: no lost read-modify-write update.
    assert reviews == {"support.outage": 26, "support.refund": 24}


def test_one_store_shared_by_threads(store_url: str) -> None:
    """The TUI calls the store from worker threads; each call is its own transaction."""
    questions = [f"support.q{i}" for i in range(8)]
    with Store.open(store_url) as store:
        cand = store.set_candidate_name("Threads")
        session = store.start_session(cand.id, "support", "mock", "zh", questions, None, True)

        def answer(q: str) -> str:
            store.save_draft(session.id, q, "draft", {})
            return store.record_attempt(
                session.id, q, "v1", "zh", "answer", make_result(q, score=20), make_timing()
            ).id

        with ThreadPoolExecutor(max_workers=4) as pool:
            ids = list(pool.map(answer, questions))
        assert {a.id for a in store.attempts_for_session(session.id)} == set(ids)
        later = make_timing().shown_at.replace(year=2100)
        assert sorted(store.due_questions(cand.id, now=later)) == questions


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    path = tmp_path / "locks.db"
    with Store.open(f"sqlite:///{path}") as store:
        yield store, path


def test_reads_and_opening_do_not_wait_for_a_writer(
    sqlite_store: tuple[Store, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = sqlite_store
    cand = store.set_candidate_name("Reader")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert store.get_candidate() == cand
        assert store.due_questions(cand.id) == []
        with Store.open(f"sqlite:///{path}") as other:  # at head: only reads
            assert other.get_candidate() == cand
    finally:
        holder.rollback()
        holder.close()


def test_a_write_lock_held_too_long_is_a_clear_store_error(
    sqlite_store: tuple[Store, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = sqlite_store
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="busy: another program kept it locked") as err:
            store.set_candidate_name("Writer")
        assert "database is locked" not in str(err.value)
    finally:
        holder.rollback()
        holder.close()
    assert store.set_candidate_name("Writer").name == "Writer"  # and the store goes on
    with store._live().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 200
