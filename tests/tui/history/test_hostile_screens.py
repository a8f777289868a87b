"""Hostile user text on the review, transcript and progress screens never reaches the terminal raw.

What is checked is what the screen draws: every segment of text the compositor would write,
with Textual's own control segments (cursor moves, styles) left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.store.repo import Store
from mockroom.tui.app import make_app
from tests.helpers.hostile_corpus import forbidden_in, hostile_session
from tests.helpers.tui_review_helpers import progress, review


def drawn(app) -> str:  # type: ignore[no-untyped-def]
    strips = app.screen._compositor.render_strips()
    return "\n".join(
        "".join(seg.text for seg in strip if not seg.control) for strip in strips
    )


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def hostile_url(tmp_path: Path) -> str:
    db_file = tmp_path / "hostile.db"
    url = f"sqlite:///{db_file}"
    with Store.open(url) as store:
        hostile_session(store, str(db_file))
    return url


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_review_transcript_and_progress_draw_hostile_text_inert(
    hostile_url: str, tmp_path: Path, lang: str
) -> None:
    app = make_app(db_url=hostile_url, lang=lang, settings_path=tmp_path / "settings.json")
    app.cursor_blink = False
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        app.push_screen(review()(app))
        await settle(pilot)
        listing = drawn(app)
        assert "Wang" in listing and forbidden_in(listing) == []
        await pilot.press("o")  # open the selected (only) session
        await settle(pilot)
        transcript = drawn(app)
        assert "restore service" in transcript and "look here" in transcript
        assert "␛" in transcript  # shown, not obeyed
        assert forbidden_in(transcript) == []
        app.push_screen(progress()(app))
        await settle(pilot)
        page = drawn(app)
        assert "Wang" in page and forbidden_in(page) == []
