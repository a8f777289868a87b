"""Where the app exports to: the setting, else the documents folder, else the data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockroom.config.settings import Settings, export_folder, load_settings, save_settings


def test_the_documents_folder_when_there_is_one(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "home" / "Documents"
    assert export_folder(Settings()) == tmp_path / "mockroom-home" / "exports"  # none yet
    docs.mkdir(parents=True)
    assert export_folder(Settings()) == docs
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumente"))  # the platform's own
    (tmp_path / "Dokumente").mkdir()
    assert export_folder(Settings()) == tmp_path / "Dokumente"


def test_the_setting_wins_and_travels_through_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    assert export_folder(Settings(export_dir="~/coaching")) == tmp_path / "me" / "coaching"
    path = tmp_path / "settings.json"
    save_settings(Settings(export_dir="/srv/exports"), path)
    assert load_settings(path, environ={}).settings.export_dir == "/srv/exports"


@pytest.mark.parametrize("bad", [7, True, None, ["a"]])
def test_a_bad_folder_setting_falls_back_to_the_default(tmp_path: Path, bad: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"export_dir": bad, "clock_on": False}))
    loaded = load_settings(path, environ={})
    assert loaded.settings == Settings(clock_on=False)
    assert loaded.problem is not None and "export_dir=" in loaded.problem
