"""Every key a history page's footer shows is on screen at 80 columns, in both languages
(a key cut off at the right edge is a key the person never learns)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mockroom.tui.widgets.keys_footer import KeysFooter
from tests.helpers.tui_review_helpers import (
    History,
    Page,
    progress,
    review,
    settle,
    show,
    transcript,
)

PAGES: dict[str, Callable[[History], Page]] = {
    "review": lambda h: review(),
    "transcript": lambda h: transcript(h.sessions["wang3"].id),
    "progress": lambda h: progress(),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", sorted(PAGES))
async def test_footer_keys_fit_at_80_columns(make, history: History, page: str, lang: str) -> None:
    app = make(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, PAGES[page](history))
        await settle(pilot)
        keys = list(app.screen.query_one(KeysFooter).query("FooterKey"))
        assert keys, "the footer shows no keys"
        cut = [str(k.render()) for k in keys if k.region.right > 80 or not k.region.width]
        assert not cut, f"cut off at 80 columns: {cut}"
