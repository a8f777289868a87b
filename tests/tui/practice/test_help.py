"""f1: the help for the screen you are on, its keys, and where your data is (screens/help_dialog.py)."""

from __future__ import annotations

import importlib
import pkgutil

import mockroom.tui.screens as screens_package
from mockroom.core.cjk_wrap import NO_START
from mockroom.tui.help_text import SCREENS
from mockroom.tui.screens.help_dialog import HelpDialog
from mockroom.tui.screens.page import Dialog, Page
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.screens.store_screen import HistoryPage, StoreScreen
from tests.helpers.tui_helpers import AppFactory, practising, question_screen, settle, shown


async def test_f1_explains_the_start_screen_its_keys_and_where_data_is(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        help_ = app.screen
        assert isinstance(help_, HelpDialog)
        assert "Pick a track" in shown(help_.query_one("#help-screen"))
        keys = shown(help_.query_one("#help-keys"))
        assert "^s" in keys and "Start" in keys and "f4" in keys and "Progress" in keys
        assert "Focus Next" not in keys  # Textual's own keys are not the page's
        assert named.rsplit("/", 1)[-1] in shown(help_.query_one("#help-data"))
        await pilot.press("f1")  # again: closed
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)


async def test_help_on_a_question_in_chinese_follows_the_question(
    make: AppFactory, named: str
) -> None:
    app = make(named, lang="zh")
    async with practising(app, size=(80, 24)) as pilot:
        question_screen(app)
        await pilot.press("f1")
        await settle(pilot)
        help_ = app.screen
        assert isinstance(help_, HelpDialog)
        text = shown(help_.query_one("#help-screen"))
        assert "草稿" in text
        assert not any(line.strip()[:1] in NO_START for line in text.splitlines() if line.strip())
        assert "提交" in shown(help_.query_one("#help-keys"))  # ctrl+s, described in Chinese
        await pilot.press("escape")
        await settle(pilot)
        question_screen(app)  # back to the answer, nothing lost


def test_every_page_a_person_reaches_has_its_help() -> None:
    for info in pkgutil.iter_modules(screens_package.__path__):
        importlib.import_module(f"{screens_package.__name__}.{info.name}")
    bases = {Page, StoreScreen, HistoryPage}
    pages = {cls.__name__ for cls in _subclasses(Page) if not issubclass(cls, Dialog)} - {
        b.__name__ for b in bases
    }
    pages.discard("BootErrorScreen")  # says what failed and how to fix it; nothing else to do
    assert pages - set(SCREENS) == set()


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found
