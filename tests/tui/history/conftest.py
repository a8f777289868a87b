"""Fixtures for the progress and review screens: a scored history and the app on top of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from mockroom.tui.app import MockroomApp, make_app
from tests.helpers.tui_review_helpers import History, build_history


@pytest.fixture(scope="session")
def _history_template(tmp_path_factory: pytest.TempPathFactory) -> History:
    """Scoring the bank's examples takes a moment: build once, copy the database per test."""
    folder = tmp_path_factory.mktemp("history")
    with pytest.MonkeyPatch.context() as mp:  # the bank cache must not land in a real home
        mp.setenv("MOCKROOM_HOME", str(folder / "home"))
        mp.delenv("MOCKROOM_BANK", raising=False)
        return build_history(folder)


@pytest.fixture
def history(_history_template: History, tmp_path: Path) -> History:
    src = sqlite3.connect(_history_template.url.removeprefix("sqlite:///"))
    dst = tmp_path / "review.db"
    with closing(src), closing(sqlite3.connect(dst)) as copy:
        src.backup(copy)
    return History(f"sqlite:///{dst}", _history_template.bank, dict(_history_template.sessions))


@pytest.fixture(autouse=True)
def _no_coach_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOCKROOM_COACH", raising=False)


AppFactory = Callable[..., MockroomApp]


@pytest.fixture
def make(tmp_path: Path, history: History) -> AppFactory:
    def build(lang: str = "en") -> MockroomApp:
        app = make_app(
            db_url=history.url, lang=lang, settings_path=tmp_path / "settings.json",
            builtin_bank=True,
        )
        app.cursor_blink = False
        return app

    return build
