"""Exporting from the app: the file goes to the export folder and the notice says where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from mockroom.tui.screens.export_dialog import ExportDialog
from tests.helpers.tui_review_helpers import review, settle, show


async def _export(pilot, typed: str | None = None) -> str:
    await pilot.press("x")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    box = dialog.query_one("#export-path", Input)
    offered = box.value
    if typed is not None:
        box.value = typed
    box.focus()
    await pilot.press("enter")
    await settle(pilot)
    return offered


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_default_folder_is_made_and_the_notice_has_the_full_path(make, history, tmp_path):
    sid = history.sessions["wang3"].id
    folder = tmp_path / "mockroom-home" / "exports"  # the test's home has no Documents
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        offered = await _export(pilot)
        assert offered == str(folder / f"mockroom-Wang-Fang-20250308-{sid[:8]}.md")
        assert Path(offered).is_file() and (folder.stat().st_mode & 0o777) == 0o700
        assert f"Exported {offered}" in _notices(app)

        await _export(pilot, "for-coach.html")  # a bare name lands in the folder too
        assert (folder / "for-coach.html").is_file()
        assert f"Exported {folder / 'for-coach.html'}" in _notices(app)


async def test_the_folder_setting_is_followed(make, history, tmp_path: Path) -> None:
    chosen = tmp_path / "coaching"
    chosen.mkdir()
    (tmp_path / "settings.json").write_text(json.dumps({"export_dir": str(chosen)}))
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        offered = await _export(pilot)
        assert Path(offered).parent == chosen and Path(offered).is_file()
        assert f"已导出 {offered}" in _notices(app)


def _error(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-error", Label).render())


async def test_a_typed_folder_is_remembered(make, history, tmp_path: Path) -> None:
    chosen = tmp_path / "for coach"
    chosen.mkdir()
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        await _export(pilot, str(chosen / "wang.md"))
        assert (chosen / "wang.md").is_file()
        assert app.settings.export_dir == str(chosen.resolve())
        await settle(pilot)
        saved = json.loads((tmp_path / "settings.json").read_text())
        assert saved["export_dir"] == str(chosen.resolve())
        offered = await _export(pilot)  # next time: the folder typed last
        assert Path(offered).parent == chosen.resolve() and Path(offered).is_file()
    app = make()  # and after a restart
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert Path(dialog.query_one("#export-path", Input).value).parent == chosen.resolve()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("missing", {"en": "No such folder: ", "zh": "没有这个文件夹："}),
        ("a-file", {"en": "Not a folder: ", "zh": "这不是文件夹："}),
        ("a-folder", {"en": "That is a folder; add a file name", "zh": "这是一个文件夹"}),
        ("read-only", {"en": "Permission denied", "zh": "Permission denied"}),
    ],
)
async def test_a_folder_that_cannot_take_the_file_is_said_in_the_dialog(
    make, history, tmp_path: Path, lang: str, where: str, words: dict[str, str]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("not a folder")
    typed = {
        "missing": str(tmp_path / "nowhere" / "x.md"),
        "a-file": str(plain / "x.md"),
        "a-folder": str(tmp_path),
        "read-only": "/sys/mockroom-export.md",  # not writable, even by root
    }[where]
    if where == "read-only" and not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    app = make(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        await _export(pilot, typed)
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)  # still open: nothing typed is lost
        assert dialog.query_one("#export-path", Input).value == typed
        assert words[lang] in _error(dialog)
        assert app.settings.export_dir == ""  # nothing remembered
        assert not (tmp_path / "nowhere").exists()
        assert not any(n.severity == "error" for n in app._notifications)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ExportDialog)


async def test_the_language_switch_keeps_what_was_typed_and_said(make, history, tmp_path) -> None:
    typed = str(tmp_path / "nowhere" / "x.md")
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review())
        await _export(pilot, typed)
        await pilot.press("f2")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == typed
        assert f"没有这个文件夹：{tmp_path / 'nowhere'}" in _error(dialog)
