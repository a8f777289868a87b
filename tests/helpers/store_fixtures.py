"""Fixtures for every test that needs a database: a fresh one (and a store open on it) per test.

Registered for the whole suite by tests/conftest.py (`pytest_plugins`).

`store_url` yields a new SQLite file, and also a new PostgreSQL schema when
MOCKROOM_TEST_PG_URL is set (e.g. postgresql+psycopg://user:pass@localhost/db).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockroom.store import Store
from tests.helpers.store_builders import Clock

PG_URL = os.environ.get("MOCKROOM_TEST_PG_URL", "")


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(not PG_URL, reason="MOCKROOM_TEST_PG_URL is not set"),
        ),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'mockroom.db'}"
        return
    yield from _pg_schema()


def _pg_schema() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema, dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(store_url: str, clock: Clock) -> Iterator[Store]:
    with Store.open(store_url, clock=clock) as s:
        yield s
