"""Which schema revision a database is at, and which is the newest, without loading alembic.

Store.open runs alembic only when the two differ: importing alembic and loading its scripts
costs more than everything else opening does. The newest revision comes from the scripts'
own `revision = ...` and `down_revision = ...` lines (a test checks the answer against
alembic's ScriptDirectory). Anything unusual there (a script without those lines, a merge, a
second head) gives None, and alembic decides as it always did.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, column, select, table

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
_VERSION_TABLE = table("alembic_version", column("version_num"))


@cache
def newest(folder: Path = VERSIONS) -> str | None:
    """The one head revision of the scripts in `folder`, or None when it is not plain to see."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in folder.glob("*.py"):
        if script.name == "__init__.py":
            continue
        found = dict(_ASSIGNED.findall(script.read_text(encoding="utf-8")))
        revision = _literal(found.get("revision", ""))
        parent = _literal(found.get("down_revision", ""))
        if not isinstance(revision, str) or not (parent is None or isinstance(parent, str)):
            return None  # unreadable here, or a merge of two parents: alembic knows
        revisions.add(revision)
        if parent is not None:
            parents.add(parent)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current(conn: Connection) -> list[str]:
    """The revisions recorded in the database (none for a new one)."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return []
    return [str(v) for v in conn.execute(select(_VERSION_TABLE.c.version_num)).scalars()]


def _literal(source: str) -> object:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return ...
