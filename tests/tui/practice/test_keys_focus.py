"""Changing the language keeps the keyboard focus and the footer (issue 15 item 1)."""

from __future__ import annotations

from textual import events
from textual.widgets import Button

from mockroom.tui.screens.start import StartScreen
from mockroom.tui.widgets.keys_footer import KeysFooter
from tests.helpers.tui_helpers import AppFactory, settle


def _footer_keys(app) -> list[str]:
    footer = app.screen.query_one(KeysFooter)
    return [str(k.description) for k in footer.query("FooterKey")]


async def test_f2_on_start_keeps_focus(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Button)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert app.focused is not None and app.focused.id == "go"
        assert "开始" in _footer_keys(app)


async def test_f2_right_after_the_name_dialog_keeps_the_footer(make: AppFactory, db_url: str) -> None:
    app = make(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for ch in "Ann":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.pause(0.3)
        assert isinstance(app.screen, StartScreen)
        print(_footer_keys(app), app.focused)
        assert "开始" in _footer_keys(app)
        assert app.focused is not None and app.focused.id == "go"


async def test_footer_comes_back_after_the_terminal_reported_focus_lost(
    make: AppFactory, named: str
) -> None:
    """A terminal with focus events (tmux `focus-events on`, detached) reports the app
    unfocused, and Footer skips drawing meanwhile. Once a key is pressed the keys show."""
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(events.AppBlur())
        await settle(pilot)
        app.lang = "zh"  # the page is redrawn while the app is unfocused
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert "开始" in _footer_keys(app)
