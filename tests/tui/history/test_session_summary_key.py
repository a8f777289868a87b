"""The coach writes the overall comment on a session from its transcript (key o)."""

from __future__ import annotations

from textual.widgets import Input, Static

from mockroom.store.repo import Store
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.screens.text_prompt import TextPrompt
from mockroom.tui.screens.transcript import TranscriptScreen
from tests.helpers.tui_review_helpers import plain, review, settle, show


async def test_o_writes_edits_and_removes_the_summary(make, history) -> None:
    sid = history.sessions["wang3"].id
    store = Store.open(history.url)
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, review(ReviewContext(coach="Coach Li")))
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen) and not screen.query("#tr-summary")

        await pilot.press("o")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"结构清楚先讲影响")
        await pilot.press("enter")
        await settle(pilot)
        note = store.transcript(sid).session.summary
        assert note is not None and (note.text, note.coach) == ("结构清楚先讲影响", "Coach Li")
        assert plain(screen.query_one("#tr-summary", Static)) == "总评（Coach Li）：结构清楚先讲影响"

        await pilot.press("o")  # the dialog opens on the text as it stands
        box = app.screen.query_one("#prompt-input", Input)
        assert box.value == "结构清楚先讲影响"
        box.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert store.transcript(sid).session.summary is None
        assert not screen.query("#tr-summary")
    store.close()
