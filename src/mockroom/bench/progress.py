"""The progress screen's queries over a database of 100,000 answers by one candidate.

Real scored answers (one per question) are stored through the Store; 100,000 copies of them
(new ids, sessions and times, 10 answers a session) are written into a database at the FIRST
schema revision, results in that release's format, which Store.open then upgrades: later
migrations build whatever they add (indexes, progress tallies, compact evidence) from those
rows, as for a user upgrading. (record_attempt takes ~25 ms, too slow to call 100,000 times.)
The database is built once per input (bench/inputs.py), compacted, and the queries run on it
where it is kept, opened read-only: copying it (hundreds of MB) took longer than the queries,
and SQLite refuses any write, so no run can change what the next one measures.
Each query is timed as the median of several calls. Floor: the simplest aggregate over the
same rows (`SELECT count(*)` of the candidate's attempts) through the same engine.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, MetaData, select, text

from mockroom.bench import inputs
from mockroom.bench.gen import Answer
from mockroom.bench.table import Row, ms
from mockroom.core.bank import Bank
from mockroom.core.scorer import Scorer
from mockroom.store import AttemptTiming, Store
from mockroom.store.db import MIGRATIONS, connect

ATTEMPTS = 100_000
PER_SESSION = 10
RUNS = 5
TARGET_S = 0.1
DATABASE_VERSION = 2
"""Bump when `build` writes a different database for the same answers (2: a session's own,
distinct questions)."""
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def build(db: Path, bank: Bank, answers: list[Answer]) -> None:
    """Write the database of `ATTEMPTS` answers at `db`, upgraded to the current schema."""
    template = db.with_name(f".{db.name}-template")
    url = f"sqlite:///{template}"
    scorer = Scorer(bank)
    with Store.open(url) as store:
        cand = store.set_candidate_name("Bench")
        qids = [a.question.id for a in answers]
        sess = store.start_session(cand.id, "bench", "mock", "zh", qids, None, True)
        for i, a in enumerate(answers):
            timing = AttemptTiming(T0, 2.0, 20.0, 90.0 + i % 60, 0.0, 60.0)
            store.record_attempt(sess.id, a.question.id, bank.version_of(a.question.id), "zh",
                                 a.text, scorer.score(a.question, a.text), timing,
                                 self_rating=1 + i % 5)
        store.finish_session(sess.id)
        rows = _read(store._live())
        # The first release stored each result whole (format 1): so do the copies.
        first_format = {a.id: a.result.to_dict() for a in store.attempts_for_session(sess.id)}
    for row in rows["attempt"]:
        row["result"] = first_format[row["id"]]
    _grow_first_release(db, rows)
    template.unlink()
    Store.open(f"sqlite:///{db}").close()  # upgrade: later migrations build what they add
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("VACUUM")  # what the migrations moved leaves free pages behind


def kept_database(bank: Bank, answers: list[Answer]) -> Path:
    """The database, built once for these answers and schema revisions (bench/inputs.py)."""
    from mockroom.store.revisions import VERSIONS

    name = inputs.key(ATTEMPTS, DATABASE_VERSION, [(a.question.id, a.text) for a in answers],
                      files=sorted(VERSIONS.glob("*.py")))
    return inputs.kept("progress", f"{name}.db", lambda path: build(path, bank, answers))


def _read(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    md = MetaData()
    md.reflect(engine)
    with engine.connect() as conn:
        return {
            name: [dict(r) for r in conn.execute(select(table)).mappings()]
            for name, table in md.tables.items()
        }


def _grow_first_release(db: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write 100,000 attempts copied from the template into a first-release (base) schema."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    engine = connect(f"sqlite:///{db}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    base = ScriptDirectory.from_config(config).get_base()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, base or "head")
    md = MetaData()
    md.reflect(engine)
    rng = random.Random(3)
    [session] = rows["practice_session"]
    attempts = rows["attempt"]
    crits: dict[str, list[dict[str, Any]]] = {}
    for c in rows["attempt_criterion"]:
        crits.setdefault(c["attempt_id"], []).append(c)
    out: dict[str, list[dict[str, Any]]] = {
        "candidate": rows["candidate"], "review_card": rows["review_card"],
        "practice_session": [], "attempt": [], "attempt_criterion": [],
    }
    for n in range(ATTEMPTS // PER_SESSION):
        sid = uuid.uuid4().hex
        start = T0 + timedelta(hours=6 * n)
        picked = rng.sample(attempts, PER_SESSION)  # a session asks each question once
        out["practice_session"].append(
            {**session, "id": sid, "started_at": start, "ended_at": start + timedelta(minutes=40),
             "question_ids": [src["question_id"] for src in picked]}
        )
        for k, src in enumerate(picked):
            aid = uuid.uuid4().hex
            at = start + timedelta(minutes=4 * k)
            out["attempt"].append(
                {**src, "id": aid, "session_id": sid, "shown_at": at, "created_at": at}
            )
            out["attempt_criterion"] += [{**c, "attempt_id": aid} for c in crits[src["id"]]]
    with engine.begin() as conn:
        for name, items in out.items():
            table = md.tables[name]
            keep = set(table.c.keys())
            for i in range(0, len(items), 10_000):
                conn.execute(table.insert(), [_sqlite_row(r, keep) for r in items[i : i + 10_000]])
    engine.dispose()


def _sqlite_row(row: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """Only the columns of the base schema; times as SQLite keeps them (naive UTC)."""
    return {
        k: (v.astimezone(UTC).replace(tzinfo=None) if isinstance(v, datetime) else v)
        for k, v in row.items()
        if k in keep
    }


def run(bank: Bank, answers: list[Answer]) -> list[Row]:
    """Time the queries on the kept database, opened read-only."""
    kept = kept_database(bank, answers)
    with Store.open(f"sqlite:///file:{quote(str(kept))}?mode=ro&uri=true") as store:
        candidate = store.get_candidate()
        assert candidate is not None
        cand = candidate.id
        engine = store._live()

        def floor_query() -> object:
            with engine.connect() as conn:
                return conn.execute(
                    text("SELECT count(*) FROM attempt WHERE candidate_id = :c"), {"c": cand}
                ).scalar()

        assert floor_query() == ATTEMPTS
        mains = sum(p.answers for p in store.question_progress(cand))
        assert mains == ATTEMPTS, f"question_progress saw {mains} answers, not {ATTEMPTS}"
        floor = _median(floor_query)
        queries: list[tuple[str, Callable[[], object]]] = [
            ("question_progress", lambda: store.question_progress(cand)),
            ("point_rates (weakest 10)", lambda: store.point_rates(cand, limit=10)),
            ("session_trend", lambda: store.session_trend(cand)),
            ("self_ratings", lambda: store.self_ratings(cand)),
            ("due_questions", lambda: store.due_questions(cand)),
        ]
        rows = []
        for name, call in queries:
            took = _median(call)
            rows.append(Row(f"progress: {name} ({ATTEMPTS:,} attempts)", ms(took),
                            f"{ms(floor)} (count(*))", "< 100 ms", took < TARGET_S))
        return rows


def _median(call: Callable[[], object]) -> float:
    call()  # the first call warms SQLite's page cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
