"""Opening a database and bringing its schema up to date.

SQLite (the default) gets an owner-only file in an owner-only folder, WAL so
the TUI can read while another instance writes, a busy timeout, and foreign
keys. Every SQLite transaction starts with BEGIN IMMEDIATE: a transaction that
reads and then writes would otherwise fail at once with "database is locked"
when another process wrote in between (the busy timeout cannot help there).

Migrations are alembic scripts in migrations/, run in code at every open,
inside one transaction that holds the database's write lock (SQLite) or an
advisory lock (PostgreSQL), so two processes opening a fresh database at the
same time migrate it once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from mockroom.core.paths import data_dir
from mockroom.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 10
# Any constant shared by every mockroom process; "mockroom" in ASCII, trimmed to 63 bits.
_PG_LOCK_KEY = 0x6D6F636B726F6F6D & 0x7FFFFFFFFFFFFFFF
_EXAMPLES = "e.g. sqlite:////path/to/mockroom.db or postgresql+psycopg://user:pass@host/dbname"


def connect(url: str) -> Engine:
    """An engine for `url`, with the folder and file created first for SQLite."""
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(parsed)
        if backend == "postgresql":
            if parsed.drivername == "postgresql":
                # psycopg 3 is the driver mockroom installs (extra `postgres`), not psycopg2.
                parsed = parsed.set(drivername="postgresql+psycopg")
            return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as e:
        raise StoreError(
            f"no database driver for {describe(parsed)}: {e}. For PostgreSQL install "
            "`mockroom[postgres]` and use a postgresql+psycopg:// URL."
        ) from e
    raise StoreError(
        f"unsupported database {describe(parsed)}: mockroom stores to SQLite or "
        f"PostgreSQL ({_EXAMPLES})"
    )


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision; a no-op when it is there already."""
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    where = describe(engine.url)
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except CommandError as e:
        raise StoreError(
            f"cannot update the schema of {where}: {e}. If a newer mockroom wrote this "
            "database, upgrade mockroom."
        ) from e
    except SQLAlchemyError as e:
        raise StoreError(f"cannot open {where}: {reason(e)}") from e


def upsert(
    conn: Connection,
    table: Any,
    rows: Sequence[Mapping[str, Any]],
    keys: list[str],
    set_: Callable[[Any], Mapping[str, Any]],
) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE, the same on SQLite and PostgreSQL.

    `set_` is given the statement's `excluded` row (the values that clashed) and
    returns the columns to update.
    """
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=set_(stmt.excluded)), rows)


def describe(url: URL | str) -> str:
    """The URL as shown in messages: never with its password."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def reason(error: SQLAlchemyError) -> str:
    """The driver's own words, without SQLAlchemy's statement dump and links."""
    cause: Any = error.orig if isinstance(error, DBAPIError) else error
    lines = [ln.strip() for ln in str(cause).splitlines() if ln.strip()]
    return "; ".join(lines[:3]) or type(cause).__name__


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as e:
        raise StoreError(f"not a database URL: {url!r} ({_EXAMPLES})") from e


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        # One shared connection: a memory database lives and dies with its connection.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        path = Path(database).expanduser()
        _prepare_file(path)
        url = url.set(database=str(path))
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN, instead of pysqlite's own guesswork.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
    finally:
        cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) before SQLite does it with looser rights.

    SQLite gives the -wal and -shm files the rights of the database file, so
    they are owner-only too. A folder the user chose and that already exists
    is left alone (it may be shared); mockroom's own data folder is tightened.
    """
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)
        elif _same(folder, data_dir()):
            folder.chmod(0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if f.exists() and stat.S_IMODE(f.stat().st_mode) & 0o077:
                f.chmod(0o600)
    except OSError as e:
        raise StoreError(f"cannot create the database file {path}: {e.strerror or e}") from e


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
