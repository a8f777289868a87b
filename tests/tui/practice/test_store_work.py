"""Store work's one error path (tui/store_work.py): a StoreError is a notice in the interface
language and the page stays; any other exception is a bug that stops the app with status 1."""

from __future__ import annotations

import pytest

from mockroom.store.errors import StoreError
from mockroom.store.repo import Store
from mockroom.tui.screens.progress import ProgressScreen
from tests.helpers.tui_helpers import AppFactory, settle


async def test_a_store_error_is_a_notice_and_the_page_stays(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: Store, *args: object, **kwargs: object) -> object:
        raise StoreError("the database is locked")

    monkeypatch.setattr(Store, "question_progress", refused)
    app = make(named, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen) and app.is_running
        assert any(n.message == "读取失败：the database is locked" for n in app._notifications)
    assert not app.return_code  # None or 0: no error


async def test_any_other_error_in_store_work_stops_the_app_with_status_1(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(self: Store, *args: object, **kwargs: object) -> object:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(Store, "question_progress", bug)
    app = make(named)
    with pytest.raises(Exception, match="infinity"):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
    assert app.return_code == 1
