"""Moving a test database along the store's migrations by hand, and reading where it stands
(the store upgrades by itself when opened; these are for the tests of that)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import create_engine, inspect, text

from mockroom.store.db import MIGRATIONS


def migrate(store_url: str, action: Literal["upgrade", "downgrade"], target: str) -> None:
    """Run the migrations up or down to `target` ("base", "0005", "head"), as the alembic
    command line would, on the database at `store_url`."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            getattr(command, action)(config, target)
    finally:
        engine.dispose()


def table_names(store_url: str) -> set[str]:
    engine = create_engine(store_url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def column_names(store_url: str, table: str) -> set[str]:
    engine = create_engine(store_url)
    try:
        return {c["name"] for c in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def version(store_url: str) -> str | None:
    """The revision the database is at, as alembic_version records it."""
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
