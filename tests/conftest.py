"""Every test runs with its own data folder and database: nothing touches a real home."""

from __future__ import annotations

import pytest

# Shared fixtures live in the tests.helpers package; the database ones serve every folder.
pytest_plugins = ["tests.helpers.store_fixtures"]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "mockroom-home"
    monkeypatch.setenv("MOCKROOM_HOME", str(home))
    monkeypatch.setenv("MOCKROOM_DB", f"sqlite:///{home / 'mockroom.db'}")
    monkeypatch.delenv("MOCKROOM_BANK", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)  # exports default to ~/Documents
    return home
