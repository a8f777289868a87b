"""Settings: defaults from the locale, a JSON file, never a crash on a bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mockroom.config.settings import Settings, load_settings, locale_lang, save_settings


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "", "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, "en"),
        ({"LANGUAGE": "zh_CN:en"}, "zh"),
    ],
)
def test_language_defaults_from_the_locale(env: dict[str, str], lang: str) -> None:
    assert locale_lang(env) == lang


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.json", environ={"LANG": "zh_CN.UTF-8"})
    assert loaded.settings == Settings(lang="zh")
    assert loaded.problem is None


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "settings.json"
    s = Settings(lang="zh", clock_on=False, auto_submit=True, live_meter=True, self_rating=False)
    save_settings(s, path)
    assert load_settings(path, environ={}).settings == s
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def test_default_path_is_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKROOM_HOME", str(tmp_path))
    save_settings(Settings(lang="en", live_meter=True))
    assert json.loads((tmp_path / "settings.json").read_text())["live_meter"] is True
    assert load_settings().settings.live_meter is True


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff"])
def test_corrupt_file_falls_back_to_defaults_with_a_reason(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("latin-1"))
    loaded = load_settings(path, environ={})
    assert loaded.settings == Settings()
    assert loaded.problem and str(path) in loaded.problem and "default" in loaded.problem


def test_self_rating_is_on_by_default_and_kept_off(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings().self_rating
    path.write_text(json.dumps({"lang": "en", "self_rating": False}))
    assert load_settings(path, environ={}).settings == Settings(self_rating=False)
    path.write_text(json.dumps({"self_rating": "no"}))
    loaded = load_settings(path, environ={})
    assert loaded.settings.self_rating and loaded.problem and "self_rating" in loaded.problem


def test_bad_values_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"lang": "fr", "clock_on": False, "live_meter": "yes", "x": 1}))
    loaded = load_settings(path, environ={"LANG": "zh_CN.UTF-8"})
    assert loaded.settings == Settings(lang="zh", clock_on=False)
    assert loaded.problem and 'lang="fr"' in loaded.problem and 'live_meter="yes"' in loaded.problem


def test_saving_a_bad_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="language"):
        save_settings(Settings(lang="fr"), tmp_path / "s.json")


@pytest.mark.parametrize("kind", ["fifo", "huge", "folder"])
def test_a_settings_file_that_is_not_a_small_regular_file_never_blocks(
    tmp_path: Path, kind: str
) -> None:
    """A FIFO would block open() forever and /dev/zero never ends: each is refused in one line."""
    path = tmp_path / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        with path.open("wb") as f:
            f.truncate(3 * 1024**3)  # sparse: 3 GB that must not be read
    else:
        path.mkdir()
    loaded = load_settings(path, environ={})  # returns at once (pytest's timeout would hang)
    assert loaded.settings == Settings()
    assert loaded.problem is not None and "\n" not in loaded.problem
    assert str(path) in loaded.problem and "default" in loaded.problem
    expected = {"fifo": "not a regular file (a FIFO)", "huge": "file is too large",
                "folder": "not a regular file (a folder)"}[kind]
    assert expected in loaded.problem


def test_the_start_screens_last_choices_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = Settings(last_track="sales", last_mode="interview", last_count=5)
    save_settings(s, path)
    assert load_settings(path, environ={}).settings == s


@pytest.mark.parametrize(
    ("name", "value"),
    [("last_mode", "x" * 65), ("last_mode", 1), ("last_count", 0), ("last_count", True),
     ("last_count", "3"), ("last_track", "a\x1bb"), ("last_track", 7)],
)
def test_bad_last_choices_fall_back_to_defaults(tmp_path: Path, name: str, value: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({name: value}))
    loaded = load_settings(path, environ={})
    assert loaded.settings == Settings() and loaded.problem and name in loaded.problem
