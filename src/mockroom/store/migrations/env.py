"""Alembic environment: run by mockroom.store.db.migrate() with an open connection.

The caller has already begun the transaction and taken the migration lock,
so alembic runs every revision inside it (SQLite and PostgreSQL both have
transactional DDL). Without a connection (offline `--sql` mode, or a
developer generating a revision) the URL comes from `-x url=...` or the
config's sqlalchemy.url.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from mockroom.store.tables import METADATA

OPTIONS: dict[str, Any] = {
    "target_metadata": METADATA,
    "compare_type": True,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    "render_as_batch": True,
}


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return url or context.config.get_main_option("sqlalchemy.url") or ""


def run_offline() -> None:
    context.configure(url=_url(), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from mockroom.store.db import connect

        with connect(_url()).connect() as conn, conn.begin():
            context.configure(connection=conn, **OPTIONS)
            context.run_migrations()
        return
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
