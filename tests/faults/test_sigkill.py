"""Killing mockroom (SIGKILL) at random moments loses nothing that was committed.

A child process does what the practice app does: opens the store (migrating a fresh database),
starts sessions, "types" answers and saves a draft every 0.2 s, and records attempts. It logs
each step only AFTER the store call returned. The parent kills it at random moments, many times,
some of them during the first migration of a fresh database, then reopens the database and checks:
the integrity check passes, every logged session and attempt is there with its text, and the
saved draft holds at least what the last save that returned had written.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mockroom.core.bank import load_paths
from mockroom.core.scorer import Scorer
from mockroom.store import NotFound, Store

GOOD_BANK = Path(__file__).resolve().parent.parent / "data" / "good"
WORK_KILLS = 15
MIGRATION_KILLS = 8
BASE = "我会先道歉并说明影响，然后回滚恢复业务。Then I keep the customer updated every hour. " * 20

CHILD = r"""
import json, sys, time
from datetime import UTC, datetime

url, log_path, result_json, base = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
log = open(log_path, "a", buffering=1, encoding="utf-8")

def say(*parts):
    log.write(" ".join(map(str, parts)) + "\n")

from mockroom.core.result import ScoreResult
from mockroom.store import AttemptTiming, Store

result = ScoreResult.from_dict(json.loads(result_json))
qid = result.question_id
say("migrating")
store = Store.open(url)
say("opened")
cand = store.get_candidate() or store.set_candidate_name("Kill Test")
while True:
    sess = store.start_session(cand.id, "good", "mock", "zh", [qid], None, True)
    say("session", sess.id)
    for k in range(3):
        rid = f"{sess.id}-{k}"
        text = f"{rid}|{base}"
        n, last_save = 0, time.monotonic()
        for _ in range(120):  # about 2.4 s of typing, 3 characters at a time
            time.sleep(0.02)
            n += 3
            say("typed", rid, n)
            if time.monotonic() - last_save >= 0.2:
                store.save_draft(sess.id, qid, text[:n], {"round": rid})
                last_save = time.monotonic()
                say("draft", rid, n)
        timing = AttemptTiming(datetime.now(UTC), 0.5, 1.0, 2.4, 0.0, 75.0)
        rec = store.record_attempt(sess.id, qid, "v1", "zh", text[:n], result, timing)
        say("attempt", rec.id, rid, n)
    store.finish_session(sess.id)
    say("finished", sess.id)
"""


@dataclass
class Log:
    events: list[list[str]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Log:
        raw = path.read_text(encoding="utf-8") if path.exists() else ""
        lines = raw.split("\n")[:-1]  # a line cut by the kill has no newline: ignore it
        return cls([ln.split(" ") for ln in lines])

    def has(self, kind: str) -> bool:
        return any(e[0] == kind for e in self.events)


def _text(rid: str) -> str:
    return f"{rid}|{BASE}"


@pytest.fixture(scope="module")
def result_json() -> str:
    bank = load_paths([GOOD_BANK])
    q = bank.questions["good.apology"]
    return json.dumps(Scorer(bank).score(q, BASE[:60]).to_dict(), ensure_ascii=False)


def _spawn(url: str, log: Path, result_json: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(log), result_json, BASE],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(log: Path, kind: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not Log.read(log).has(kind):
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the child exited ({proc.returncode}) before {kind!r}: {err}")
        if time.monotonic() > end:
            pytest.fail(f"the child never logged {kind!r}")
        time.sleep(0.005)


def _wait_for_wal(db: Path, log: Path, proc: subprocess.Popen[bytes]) -> None:
    wal = Path(f"{db}-wal")
    end = time.monotonic() + 30
    while not (wal.exists() and wal.stat().st_size > 0):
        if Log.read(log).has("opened") or proc.poll() is not None or time.monotonic() > end:
            return  # opened before we saw it: the kill lands after the migration instead
        time.sleep(0.0005)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the child ended before it was killed"


def _integrity_ok(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _check(url: str, db: Path, log: Log) -> None:
    with Store.open(url) as store:  # also finishes a migration the kill interrupted
        for e in log.events:
            if e[0] == "session":
                store.get_session(e[1])
            elif e[0] == "attempt":
                _, attempt_id, rid, n = e
                assert store.get_attempt(attempt_id).answer == _text(rid)[: int(n)]
        typed = [e for e in log.events if e[0] == "typed"]
        if typed:
            _check_draft(store, log, typed)
    _integrity_ok(db)


def _check_draft(store: Store, log: Log, typed: list[list[str]]) -> None:
    rid = typed[-1][1]
    if any(e[0] == "attempt" and e[2] == rid for e in log.events):
        return  # this answer was submitted: checked as an attempt
    session_id = rid.rsplit("-", 1)[0]
    # Everything a save had written before the kill must be on disk: the child logs "draft"
    # only after save_draft returned. (Not "what was typed 2 s before the kill": on a loaded
    # machine one save can take longer than that, which measures the machine, not the store.)
    needed = max((int(e[2]) for e in log.events if e[0] == "draft" and e[1] == rid), default=0)
    full = _text(rid)
    draft = store.load_draft(session_id)
    if draft is not None and draft.clock.get("round") == rid:
        assert full.startswith(draft.text), "the draft is not what was typed"
        assert len(draft.text) >= needed, f"draft lost {needed - len(draft.text)} characters"
        return
    # Killed after record_attempt committed but before the child logged it: that is fine too.
    submitted = [a.answer for a in store.attempts_for_session(session_id)]
    assert needed == 0 or any(a.startswith(f"{rid}|") and len(a) >= needed for a in submitted), (
        f"no draft and no attempt for {rid}, though a save of {needed} characters had returned"
    )


def test_kills_during_the_first_migration(tmp_path: Path, result_json: str) -> None:
    rng = random.Random(os.environ.get("MOCKROOM_KILL_SEED", "migration"))
    for i in range(MIGRATION_KILLS):
        db = tmp_path / f"fresh{i}" / "m.db"
        url = f"sqlite:///{db}"
        log = tmp_path / f"fresh{i}.log"
        proc = _spawn(url, log, result_json)
        _wait_for(log, "migrating", proc)
        if i % 2:
            time.sleep(rng.uniform(0, 0.5))  # Store.open takes 0.2-0.4 s on a fresh database
        else:
            # The WAL file appears as the migration's connection opens; its DDL runs next.
            _wait_for_wal(db, log, proc)
            time.sleep(rng.uniform(0, 0.08))
        _kill(proc)
        _check(url, db, Log.read(log))


def test_kills_while_answering_and_saving(tmp_path: Path, result_json: str) -> None:
    rng = random.Random(os.environ.get("MOCKROOM_KILL_SEED", "work"))
    db = tmp_path / "db" / "m.db"
    url = f"sqlite:///{db}"
    attempts = 0
    for i in range(WORK_KILLS):
        log = tmp_path / f"run{i}.log"
        proc = _spawn(url, log, result_json)
        # Every third run is killed after a submission, so some attempts are always checked
        # however slowly a loaded machine lets the child type.
        _wait_for(log, "attempt" if i % 3 == 0 else "opened", proc, timeout=120)
        time.sleep(rng.uniform(0, 3.0))
        _kill(proc)
        events = Log.read(log)
        _check(url, db, events)
        attempts += sum(e[0] == "attempt" for e in events.events)
    assert attempts > 0, "no run lived long enough to submit: the test tested nothing"


def test_the_check_catches_a_lost_attempt(tmp_path: Path, result_json: str) -> None:
    """The checks above can fail: an attempt the log claims but the database lacks is caught."""
    db = tmp_path / "m.db"
    url = f"sqlite:///{db}"
    Store.open(url).close()
    fake = Log([["attempt", "0" * 32, "r-0", "5"]])
    with pytest.raises(NotFound):
        _check(url, db, fake)
