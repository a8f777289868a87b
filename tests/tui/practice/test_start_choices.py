"""The start screen's rows of choices, driven with keys: the footer shows their keys and still
fits 80 columns, the language row redraws the screen in the other language, and tracks too
many for a row are offered in a Select."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Select

from mockroom.core.bank.listing import Listing
from mockroom.tui.widgets.choice_row import ChoiceRow
from mockroom.tui.widgets.keys_footer import KeysFooter
from tests.helpers.tui_helpers import AppFactory, at_start, choose, footer_keys, settle


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_row_with_the_keyboard_shows_its_keys_and_the_footer_fits(
    make: AppFactory, named: str, lang: str
) -> None:
    app = make(named, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_start(pilot)
        await choose(pilot, "count", 5)
        await settle(pilot)
        choose_label = "Choose" if lang == "en" else "选择"
        assert ("←", choose_label) in footer_keys(app)
        footer = app.screen.query_one(KeysFooter)
        [palette] = footer.query("FooterKey.-command-palette")
        keys = [k for k in footer.query("FooterKey") if k is not palette]
        hidden = [str(k.render()) for k in keys if k.region.right > palette.region.x]
        assert not hidden, f"cut off or under the palette key at 80 columns: {hidden}"


async def test_the_choices_are_saved_and_the_language_row_redraws_the_screen(
    make: AppFactory, named: str, tmp_path: Path
) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        start = await at_start(pilot)
        await choose(pilot, "count", 10)
        await choose(pilot, "lang", "zh")
        await settle(pilot)
        assert app.lang == "zh"
        assert app.screen is start and start.count == 10
        assert app.focused is not None and app.focused.id == "lang"  # kept through the redraw
        assert start.query_one("#count", ChoiceRow).value == 10
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert (saved["lang"], saved["last_count"]) == ("zh", 10)


async def test_tracks_too_many_for_a_row_are_offered_in_a_select(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        start = await at_start(pilot)
        assert isinstance(start.query_one("#track"), ChoiceRow)
        tracks = [f"track-number-{n}" for n in range(6)]
        start.listing = Listing(tracks, [])
        await settle(pilot)
        track = start.query_one("#track", Select)
        assert track.value == tracks[0]
        track.value = tracks[3]
        await settle(pilot)
        assert start.track == tracks[3]
        assert app.settings.last_track == tracks[3]
