"""Opening a database and bringing its schema up to date.

SQLite (the default) gets an owner-only file in an owner-only folder, WAL so
the TUI can read while another instance writes, a busy timeout, and foreign
keys. Every SQLite transaction that may write starts with BEGIN IMMEDIATE: a
transaction that reads and then writes would otherwise fail at once with
"database is locked" when another process wrote in between (the busy timeout
cannot help there). Transactions run with the READ_ONLY option only read, so
they begin without the write lock and never wait for a writer.

Migrations are alembic scripts in migrations/, run in code when a database is
not at the newest revision (revisions.py checks that without loading alembic),
inside one transaction that holds the database's write lock (SQLite) or an
advisory lock (PostgreSQL), so two processes opening a fresh database at the
same time migrate it once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import StaticPool

from mockroom.config.paths import data_dir
from mockroom.store import revisions
from mockroom.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PgInsert
    from sqlalchemy.dialects.sqlite import Insert as LiteInsert

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 10
"""How long an SQLite statement or write transaction waits for another process's lock."""
_POLL_MS = 3  # SQLite's busy handler tries at 0, 1 and 3 ms within this, then we try again
READ_ONLY = "mockroom_read_only"
"""Execution option for a transaction that only reads: SQLite begins it without the write lock."""
# Any constant shared by every mockroom process; "mockroom" in ASCII, trimmed to 63 bits.
_PG_LOCK_KEY = 0x6D6F636B726F6F6D & 0x7FFFFFFFFFFFFFFF
CONNECT_TIMEOUT_ENV = "MOCKROOM_DB_CONNECT_TIMEOUT"
CONNECT_TIMEOUT_S = 10
"""How long connecting to PostgreSQL may take: a server that accepts and never answers
would otherwise hold the CLI and the app's loading screen for minutes."""
_READ_ONLY_FILE = "mockroom_read_only_file"
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
            return create_engine(
                parsed,
                pool_pre_ping=True,
                json_serializer=compact_json,
                connect_args=_pg_connect_args(parsed),
            )
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
    """Upgrade the schema to the newest revision; one cheap query when it is there already."""
    where = describe(engine.url)
    try:
        newest = revisions.newest()
        if newest is not None:
            with engine.connect() as conn:
                conn.execution_options(**{READ_ONLY: True})
                if revisions.current(conn) == [newest]:
                    return
    except SQLAlchemyError as e:
        raise StoreError(f"cannot open {where}: {reason(e)}") from e
    if is_read_only(engine):
        raise StoreError(
            f"cannot open {where}: it is read-only to you and its schema is not this "
            "mockroom's; open it once with write access so it can be upgraded"
        )

    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
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
    stmt = dialect_insert(conn, table)
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=set_(stmt.excluded)), rows)


def dialect_insert(conn: Connection, table: Any) -> PgInsert | LiteInsert:
    """An INSERT in the connection's own dialect, which has ON CONFLICT clauses."""
    # Imported here: SQLite users never load the PostgreSQL dialect (~40 ms).
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        return insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def compact_json(value: Any) -> str:
    """JSON columns as written: Chinese as UTF-8 (not 6-byte escapes), no padding."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def describe(url: URL | str) -> str:
    """The URL as shown in messages: never with its password."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def reason(error: SQLAlchemyError) -> str:
    """The driver's own words, without SQLAlchemy's statement dump and links."""
    cause: Any = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(cause, sqlite3.OperationalError) and "database is locked" in str(cause):
        return (
            f"the database is busy: another program kept it locked for over {BUSY_TIMEOUT_S:g} s;"
            " try again"
        )
    lines = [ln.strip() for ln in str(cause).splitlines() if ln.strip()]
    said = "; ".join(lines[:3]) or type(cause).__name__
    if "timeout expired" in said:
        said += (
            f" (the server did not answer in time; {CONNECT_TIMEOUT_ENV} or the URL's "
            f"connect_timeout sets the limit, default {CONNECT_TIMEOUT_S} s)"
        )
    return said


def _pg_connect_args(url: URL) -> dict[str, Any]:
    """connect_timeout from MOCKROOM_DB_CONNECT_TIMEOUT (default 10 s); the URL's own wins."""
    if "connect_timeout" in url.query:
        return {}
    raw = os.environ.get(CONNECT_TIMEOUT_ENV, "").strip()
    if not raw:
        return {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        seconds = int(raw)
    except ValueError:
        seconds = 0
    if seconds < 1:
        raise StoreError(f"{CONNECT_TIMEOUT_ENV}={raw!r}: expected whole seconds, 1 or more")
    return {"connect_timeout": seconds}


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as e:
        raise StoreError(f"not a database URL: {url!r} ({_EXAMPLES})") from e


def in_memory(url: URL) -> bool:
    database = url.database or ""
    return url.get_backend_name() == "sqlite" and (
        database in ("", ":memory:") or "mode=memory" in database
    )


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if "\x00" in database:
        raise StoreError(f"not a database URL: {describe(url)!r} holds a NUL character ({_EXAMPLES})")
    if database in ("", ":memory:") or database.startswith("file:"):
        # One shared connection: a memory database lives and dies with its connection.
        engine = create_engine(
            url,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            json_serializer=compact_json,
        )
    elif _read_only_file(Path(database).expanduser()):
        return _sqlite_read_only_engine(url, Path(database).expanduser())
    else:
        path = Path(database).expanduser()
        _prepare_file(path)
        url = url.set(database=str(path))
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_S}, json_serializer=compact_json
        )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def is_read_only(engine: Engine) -> bool:
    """An SQLite file this user cannot write, opened read-only (mode=ro)."""
    return bool(engine.get_execution_options().get(_READ_ONLY_FILE))


def _read_only_file(path: Path) -> bool:
    """A database file that exists but that this user (or its folder) does not let us write."""
    try:
        return path.is_file() and not (
            os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        )
    except (OSError, ValueError):
        return False


def _sqlite_read_only_engine(url: URL, path: Path) -> Engine:
    """Read commands work on a database you may only read: SQLite opened with mode=ro.

    A read-only folder cannot take the WAL's -shm file; without one, the file is read as
    immutable (nobody can be writing it through that folder either).
    """
    query = "mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists():
        query += "&immutable=1"
    uri = f"file:{quote(str(path.resolve()))}?{query}"

    def connect_ro() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)

    engine = create_engine(url.set(database=str(path)), creator=connect_ro,
                           json_serializer=compact_json)
    event.listen(engine, "connect", _sqlite_read_only_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine.execution_options(**{_READ_ONLY_FILE: True})


def _sqlite_read_only_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout = {_busy_ms()}")


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN, instead of pysqlite's own guesswork.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {_busy_ms()}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
    finally:
        cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    raw = conn.connection.driver_connection
    if conn.get_execution_options().get(READ_ONLY):
        raw.execute("BEGIN")  # in WAL mode a reader never waits for a writer
    else:
        _begin_immediate(raw)


def _begin_immediate(raw: sqlite3.Connection) -> None:
    """Take the write lock, trying every few milliseconds for up to BUSY_TIMEOUT_S.

    SQLite's own busy handler sleeps 100 ms between tries once it has waited 0.3 s, so a
    process that writes steadily (its locks a few ms apart) can keep another from ever
    finding the lock free, past any timeout: two writers failed that way under load.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    raw.execute(f"PRAGMA busy_timeout = {_POLL_MS}")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() >= deadline:
                    raise OperationalError("BEGIN IMMEDIATE", None, e) from e
    finally:
        raw.execute(f"PRAGMA busy_timeout = {_busy_ms()}")


def _busy_ms() -> int:
    return int(BUSY_TIMEOUT_S * 1000)


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) before SQLite does it with looser rights.

    SQLite gives the -wal and -shm files the rights of the database file, so
    they are owner-only too. A folder the user chose and that already exists
    is left alone (it may be shared); mockroom's own data folder is tightened.
    """
    folder = path.parent
    try:
        try:
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)  # mkdir's mode passes through the umask
        except FileExistsError:
            # There already, or made a moment ago by another mockroom opening the same new
            # database (checking first would race with it).
            if _same(folder, data_dir()):
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
