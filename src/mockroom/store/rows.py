"""Two steps the store's modules all take on rows: a new row id, and a row by its key or a
NotFound that names what was looked for."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlmodel import Session

from mockroom.store.errors import NotFound

RowT = TypeVar("RowT")


def new_id() -> str:
    return uuid.uuid4().hex


def get_row(s: Session, table: type[RowT], key: str, what: str) -> RowT:
    """The row of `table` with primary key `key`; NotFound ("no {what} with id …") if none."""
    row = s.get(table, key)
    if row is None:
        raise NotFound(f"no {what} with id {key!r}")
    return row
