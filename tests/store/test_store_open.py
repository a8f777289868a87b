"""Opening, migrating and securing the database; clear errors for bad databases."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from mockroom.store import Store, StoreError
from mockroom.store.tables import METADATA
from tests.helpers.migrations import migrate, table_names

HEAD = "0008"  # the newest migration in store/migrations/versions/
TABLES = {"candidate", "practice_session", "draft", "attempt", "attempt_criterion", "review_card"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def revision(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()


def test_open_creates_the_schema_at_head(store_url: str) -> None:
    with Store.open(store_url) as store:
        assert store.get_candidate() is None
    engine = create_engine(store_url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()
    assert revision(store_url) == [HEAD]


def test_reopening_keeps_data_and_revision(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.set_candidate_name("Wang Fang")
    with Store.open(store_url) as store:
        cand = store.get_candidate()
        assert cand is not None and cand.name == "Wang Fang"
    assert revision(store_url) == [HEAD]


def test_migrations_match_the_tables(store_url: str) -> None:
    """Autogenerate finds nothing to do: tables.py and versions/ describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    Store.open(store_url).close()
    engine = create_engine(store_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, METADATA)
    engine.dispose()
    assert diffs == []


def test_downgrade_and_upgrade_again(store_url: str) -> None:
    Store.open(store_url).close()
    migrate(store_url, "downgrade", "base")
    assert table_names(store_url) & TABLES == set()
    with Store.open(store_url) as store:
        assert store.get_candidate() is None


def test_default_database_is_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "home"  # MOCKROOM_HOME, not created yet
    with Store.open() as store:
        store.set_candidate_name("Zhang Wei")
        db = home / "mockroom.db"
        assert mode(home) == 0o700
        assert mode(db) == 0o600
        # The WAL files exist while a connection is open; SQLite copies the file's rights.
        for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert extra.exists()
            assert mode(extra) == 0o600
        assert store.url == f"sqlite:///{db}"


def test_loose_rights_on_own_files_are_tightened(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    db = home / "mockroom.db"
    Store.open().close()
    db.chmod(0o644)
    Store.open().close()
    assert mode(home) == 0o700
    assert mode(db) == 0o600


def test_a_folder_the_user_chose_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    Store.open(f"sqlite:///{shared / 'team.db'}").close()
    assert mode(shared) == 0o755
    assert mode(shared / "team.db") == 0o600


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        engine = store._live()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_memory_database_works_across_calls() -> None:
    with Store.open("sqlite://") as store:
        cand = store.set_candidate_name("Li")
        assert store.get_candidate() == cand


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@localhost/x", "unsupported database"),
        ("nosuchdb+driver://u@h/x", "unsupported database"),
        ("postgresql+nosuch://u@h/x", "no database driver"),
        ("postgresql+psycopg2://u@h/x", "no database driver"),
        ("postgresql+psycopg://u:s3cret@127.0.0.1:1/x", "cannot open"),
        ("postgresql://u:s3cret@127.0.0.1:1/x", "cannot open"),
    ],
)
def test_bad_urls_give_a_store_error(url: str, words: str) -> None:
    with pytest.raises(StoreError) as err:
        Store.open(url)
    assert words in str(err.value)
    assert "s3cret" not in str(err.value)


def test_a_path_under_a_file_gives_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the database file"):
        Store.open(f"sqlite:///{blocker / 'sub' / 'm.db'}")


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all, just text" * 100)
    # Refused before any migration: the revision check already names the problem.
    with pytest.raises(StoreError, match="cannot open .*not a database"):
        Store.open(f"sqlite:///{junk}")


def test_a_database_from_a_newer_mockroom_is_refused(store_url: str) -> None:
    Store.open(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer mockroom"):
        Store.open(store_url)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get_candidate()


def test_records_import_without_sqlalchemy() -> None:
    code = (
        "import sys, mockroom.store, mockroom.store.records, mockroom.core.schedule\n"
        "bad = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'textual') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    assert done.returncode == 0, done.stderr


MIGRATE_WORKER = """
import sys
from mockroom.store import Store, db
# What is tested is that concurrent migrations end in one head, not the 10 s a person waits:
# six processes on a loaded 2-core CI machine queued past it (a failed CI run).
db.BUSY_TIMEOUT_S = 120
sys.stdin.readline()  # wait until every worker is ready
try:
    Store.open(sys.argv[1]).close()
except Exception as e:
    print(f"{type(e).__name__}: {e}")
    raise SystemExit(1)
print("ok")
"""


def run_together(code: str, args_list: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start one Python process per args, release them at once, collect their output."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in args_list
    ]
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p, args in zip(procs, args_list, strict=True):
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(args, p.returncode or 0, out, err))
    return results


def test_processes_migrating_one_fresh_database_at_once(store_url: str) -> None:
    results = run_together(MIGRATE_WORKER, [[store_url] for _ in range(6)])
    for r in results:
        assert r.returncode == 0, r.stdout + r.stderr
        assert r.stdout.strip() == "ok"
    assert revision(store_url) == [HEAD]
