"""Store.open skips alembic for a database at the newest revision, and only then."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mockroom.store import revisions
from mockroom.store.db import MIGRATIONS


def alembic_head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_the_fast_check_finds_alembics_head() -> None:
    """If this fails, revisions.newest() misreads the scripts: a migration could be skipped."""
    assert revisions.newest() is not None
    assert revisions.newest() == alembic_head()


def script(revision: str, down: str) -> str:
    return f'"""A revision."""\n\nrevision = {revision}\ndown_revision = {down}\n'


@pytest.mark.parametrize(
    ("scripts", "expected"),
    [
        ({"a.py": script('"a"', "None"), "b.py": script('"b"', '"a"')}, "b"),
        ({"a.py": script("'a'", "None"), "b.py": script("'b'", "'a'")}, "b"),
        (
            {
                "a.py": 'revision: str = "a"\ndown_revision: str | None = None\n',
                "b.py": 'revision: str = "b"\ndown_revision: Union[str, None] = "a"\n',
            },
            "b",
        ),
        ({"a.py": script('"a"', "None"), "__init__.py": '"""Scripts."""\n'}, "a"),
        # Two heads, a merge, a script this check cannot read: alembic decides.
        (
            {
                "a.py": script('"a"', "None"),
                "b.py": script('"b"', '"a"'),
                "c.py": script('"c"', '"a"'),
            },
            None,
        ),
        ({"a.py": script('"a"', "None"), "m.py": script('"m"', '("a", "b")')}, None),
        ({"a.py": script('"a"', "None"), "b.py": "from x import REV as revision\n"}, None),
        ({"a.py": script('"a"', "None"), "b.py": script('"b"', "PARENT")}, None),
        ({}, None),
    ],
)
def test_newest_reads_revision_scripts(
    tmp_path: Path, scripts: dict[str, str], expected: str | None
) -> None:
    for name, body in scripts.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    assert revisions.newest(tmp_path) == expected


OPEN = """
import sys
from mockroom.store import Store
Store.open(sys.argv[1]).close()
print("alembic" in sys.modules)
"""


def open_in_child(url: str) -> bool:
    """Open the store in a fresh interpreter; whether alembic was imported."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN, url], capture_output=True, text=True, env=os.environ
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_alembic_runs_only_when_the_schema_is_behind(store_url: str) -> None:
    assert open_in_child(store_url) is True  # a new database is migrated
    assert open_in_child(store_url) is False  # at head: one query, no alembic
    # A revision that is not the newest goes to alembic: test_store_open's
    # test_a_database_from_a_newer_mockroom_is_refused.
