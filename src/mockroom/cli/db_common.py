"""Opening the database for a command, with store errors turned into one-line CLI errors."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mockroom.cli.main import CliError

if TYPE_CHECKING:
    from mockroom.store.repo import Store


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store at --db (else MOCKROOM_DB, else the default); StoreError -> CliError."""
    from mockroom.store import Store, StoreError

    try:
        with Store.open(getattr(args, "db", None)) as store:
            yield store
    except StoreError as e:
        raise CliError(str(e)) from None


def coach_name(args: argparse.Namespace) -> str:
    name = args.coach or os.environ.get("MOCKROOM_COACH", "")
    if not name.strip():
        raise CliError("who is reviewing? give --coach NAME (or set MOCKROOM_COACH)")
    return name


def parse_day(text: str) -> datetime:
    """A date (YYYY-MM-DD, taken as UTC midnight) or a full ISO time."""
    try:
        moment = datetime.fromisoformat(text)
        # Converting 0001-01-01T00:00+14:00 to UTC leaves the calendar: OverflowError.
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise CliError(f"--since {text!r}: expected a date like 2026-03-01") from None
