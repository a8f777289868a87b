"""The storage tests run without MOCKROOM_DB, so an unset URL means the default one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKROOM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MOCKROOM_DB", raising=False)
