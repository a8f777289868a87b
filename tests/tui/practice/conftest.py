"""Fixtures for the TUI tests: a small bank, a fresh database and a fake monotonic clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.store.repo import Store
from mockroom.tui.app import MockroomApp, make_app
from tests.helpers.tui_helpers import BANK, AppFactory, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tui.db'}"


@pytest.fixture
def named(db_url: str) -> str:
    """A database whose candidate is already named (skips the first-run dialog)."""
    store = Store.open(db_url)
    store.set_candidate_name("Alice")
    store.close()
    return db_url




@pytest.fixture
def make(tmp_path: Path, clock: FakeClock) -> AppFactory:
    """Build the app on the test bank; keyword arguments override make_app's."""

    def build(db_url: str, **kw: object) -> MockroomApp:
        args: dict[str, object] = {
            "db_url": db_url,
            "bank_dirs": [BANK],
            "builtin_bank": False,
            "lang": "en",
            "settings_path": tmp_path / "settings.json",
            "monotonic": clock,
        }
        args.update(kw)
        return make_app(**args)  # type: ignore[arg-type]

    return build
