"""The coach's keyboard path in a transcript, as its heading describes it, and changing
another grader's review (issue 15 items 2 and 4)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Label, Static

from mockroom.core.cjk_wrap import NO_END, NO_START
from mockroom.store.repo import Store
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.screens.text_prompt import TextPrompt
from mockroom.tui.screens.transcript import TranscriptScreen
from mockroom.tui.widgets.answer_text import AnswerText
from tests.helpers.tui_review_helpers import History, plain, settle, show


async def _open(pilot, history: History, context: ReviewContext | None = None) -> TranscriptScreen:
    sid = history.sessions["wang3"].id
    await show(pilot, lambda app: TranscriptScreen(app.records(), sid, context))
    screen = pilot.app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


async def test_the_answer_has_the_keyboard_and_c_says_what_it_comments_on(make, history) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, history, ReviewContext(coach="Coach Li"))
        answer = screen.query_one("#tr-answer", AnswerText)
        assert app.focused is answer  # where the heading says to select
        label = screen.query_one("#tr-answer-label", Label)
        assert plain(label) == "Answer · c comments on the whole answer (shift+arrows select a passage)"

        await pilot.press(*["shift+right"] * 5)
        await settle(pilot)
        assert answer.selected_text == "面试官好，"  # TextArea draws its selection
        assert plain(label) == "Answer · c comments on “面试官好，”"
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, TextPrompt) and dialog.body == "On: “面试官好，”"
        await pilot.press(*"Warm opening", "enter")
        await settle(pilot)
        store = Store.open(history.url)
        item = store.transcript(history.sessions["wang3"].id).items[0]
        [comment] = item.comments
        assert comment.author == "Coach Li" and comment.body == "Warm opening"
        assert comment.span is not None
        assert item.attempt.answer[comment.span[0] : comment.span[1]] == "面试官好，"

        await pilot.press("tab")  # from the answer straight to the points: no hidden stop
        assert isinstance(app.focused, DataTable) and app.focused.id == "tr-points"
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one("#tr-answer", AnswerText)
        await pilot.press("tab", "tab")  # the comments, scrolled into view at 80x24
        await settle(pilot)
        comments = screen.query_one("#tr-comments", Static)
        assert app.focused is comments and "Coach Li on “面试官好，”: Warm opening" in plain(comments)
        assert screen.query_one("#tr-body").region.contains_region(comments.region)


async def test_no_selection_comments_on_the_whole_answer(make, history) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, history, ReviewContext(coach="Coach Li"))
        await pilot.press("right", "right", "c")  # moving without shift selects nothing
        dialog = app.screen
        assert isinstance(dialog, TextPrompt) and dialog.body == "On the whole answer"


async def test_the_chinese_heading_says_it_too(make, history) -> None:
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, history, ReviewContext(coach="Coach Li"))
        label = screen.query_one("#tr-answer-label", Label)
        assert plain(label) == "回答 · c 评论整段回答（shift+方向键可选中一段）"
        await pilot.press(*["shift+right"] * 4)
        await settle(pilot)
        assert plain(label) == "回答 · c 评论选中的“面试官好”"


async def test_the_answer_wraps_as_chinese_does_and_a_selection_survives_a_resize(
    make, history
) -> None:
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, history, ReviewContext(coach="Coach Li"))
        answer = screen.query_one("#tr-answer", AnswerText)
        stored = screen.item.attempt.answer if screen.item else ""
        await pilot.press("down", *["shift+right"] * 6)
        await settle(pilot)
        span = answer.chosen
        assert span is not None and answer.selected_text == stored[span[0] : span[1]]
        for width in (80, 61, 47, 100):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            lines = answer.text.split("\n")
            assert len(lines) > 1
            assert not [n for n in lines[1:] if n[:1] in NO_START], width
            assert not [n for n in lines if n[-1:] in NO_END], width
            assert max(answer.get_line(i).cell_len for i in range(len(lines))) < (
                answer.scrollable_content_region.width
            )
            assert answer.chosen == span, width  # the same passage, wherever it now wraps
            assert "".join(answer.selected_text.split()) == "".join(
                stored[span[0] : span[1]].split()
            )


async def test_changing_another_graders_review_asks_who_is_changing_it(make, history) -> None:
    """A coach's review came with the session: it shows as theirs, and changing it asks for
    the name of whoever changes it (the candidate, in their own database), once per grader."""
    store = Store.open(history.url)
    first = store.transcript(history.sessions["wang3"].id).items[0].attempt
    store.override_score(first.id, 80, "Coach Wu")
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, history, ReviewContext(coach="Wang Fang"))
        assert "Coach score 80 (Coach Wu)" in plain(screen.query_one("#tr-scores", Static))
        await pilot.press("s")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.body == "Coach Wu graded this. Your change will carry your name:"
        await pilot.press("enter")  # the name already known, confirmed
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt) and "0–100" in app.screen.body
        await pilot.press("backspace", "backspace", "4", "0", "enter")
        await settle(pilot)
        review_now = store.coach_review(first.id)
        assert review_now.coach_score == 40 and review_now.coach == "Wang Fang"
        assert "Coach score 40 (Wang Fang)" in plain(screen.query_one("#tr-scores", Static))
        await pilot.press("r")  # now this grader's own review: no question
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert store.coach_review(first.id).reviewed_at is not None


async def test_a_grader_is_asked_about_once(make, history) -> None:
    store = Store.open(history.url)
    items = store.transcript(history.sessions["wang3"].id).items
    for item in items:
        store.override_score(item.attempt.id, 70, "Coach Wu")
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, history)  # no name known yet: one question serves both
        assert "教练得分 70（Coach Wu）" in plain(screen.query_one("#tr-scores", Static))
        await pilot.press("r")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.body == "这里的评分是 Coach Wu 给的。你的修改会记上你的名字："
        await pilot.press(*"王芳", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("r")  # Coach Wu's too, but already answered for
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert [store.coach_review(i.attempt.id).coach for i in items] == ["王芳", "王芳"]


async def test_point_labels_take_the_width_the_screen_leaves(make, history) -> None:
    """Cut with "…" only when the other columns leave too little room, again on a resize."""
    sid = history.sessions["li1"].id
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, lambda app: TranscriptScreen(app.records(), sid))
        table = app.screen.query_one("#tr-points", DataTable)
        first = str(table.get_row_at(0)[3])
        widths: list[int] = []
        for width in (80, 100, 60, 80):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            label = str(table.get_row_at(0)[3])
            used = sum(c.get_render_width(table) for c in table.columns.values())
            assert used <= table.scrollable_content_region.width, width
            widths.append(len(label))
            assert label.endswith(" *")
            if width == 100:
                assert "…" not in label
        assert label == first and "…" in first  # 80 columns: cut, as first drawn
        assert widths[2] < widths[0] < widths[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_selected_passage_shows(snap_compare, make, history, lang: str) -> None:
    """The passage drawn selected, and the heading quoting what `c` will comment on; the
    coach score imported with the session shows whose it is."""
    store = Store.open(history.url)
    first = store.transcript(history.sessions["wang3"].id).items[0].attempt
    store.override_score(first.id, 80, "Coach Wu")

    async def run(pilot) -> None:
        await _open(pilot, history)
        await pilot.press("down", *["shift+right"] * 9)
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make(lang), terminal_size=(80, 24), run_before=run)


async def test_tabs_and_controls_keep_offsets_and_the_width(tmp_path) -> None:
    """One shown character for each stored one, so a selection is the stored passage."""
    from textual.app import App

    stored = "first\tline with tabs " + "a\t" * 30 + "an escape \x1b[2J here, " + "word " * 30

    class One(App[None]):
        def compose(self):
            yield AnswerText(stored, id="tr-answer")

    app = One()
    async with app.run_test(size=(40, 12)) as pilot:
        answer = app.query_one(AnswerText)
        await pilot.pause()
        widths = [answer.get_line(i).cell_len for i in range(answer.document.line_count)]
        assert max(widths) < answer.scrollable_content_region.width
        assert "\t" not in answer.text and "\x1b" not in answer.text
        answer.focus()
        await pilot.press(*["shift+right"] * 12)
        assert answer.chosen == (0, 12) and stored[:12] == "first\tline w"
