"""Steps for tests of the app's start: holding the store back, a cache of another version."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from mockroom.tui.store_work import StoreLine


def hold_the_store(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The boot worker's store does not open until the returned event is set."""
    import mockroom.tui.boot as boot_module

    release = threading.Event()
    real_open = boot_module.open_store

    def slow_open(url: str | None) -> StoreLine:
        assert release.wait(30), "the test never let the store open"
        return real_open(url)

    monkeypatch.setattr(boot_module, "open_store", slow_open)
    return release


def another_versions_snapshot(home: Path, question_id: str) -> None:
    """Beside the one bank cache under `home`, a newer one as another version of the parser
    would have left it for the same files: it also found `question_id`."""
    [folder] = (home / "cache").glob("bank-*")
    other = folder.with_name("bank-0000000000000000-" + folder.name.rsplit("-", 1)[1])
    other.mkdir()
    snap = json.loads((folder / "snapshot.json").read_bytes())
    snap["questions"][question_id] = 0
    (other / "snapshot.json").write_text(json.dumps(snap), "utf-8")
