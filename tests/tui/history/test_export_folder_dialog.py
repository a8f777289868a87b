"""Exporting from the app: the file goes to the export folder and the notice says where."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

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
