"""The coach's review: the session list, a transcript, and every grading action, as stored."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable, Input, Label, Select, Static, TextArea

from mockroom.core.number_format import score
from mockroom.store.repo import Store
from mockroom.transfer.import_json import parse
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.screens.export_dialog import ExportDialog
from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.screens.review import ReviewScreen
from mockroom.tui.screens.text_prompt import TextPrompt
from mockroom.tui.screens.transcript import TranscriptScreen
from mockroom.tui.widgets.answer_text import AnswerText
from tests.helpers.tui_review_helpers import INTRO, cells, plain, review, settle, show, transcript


def _rows(app) -> list[str]:
    table = app.screen.query_one("#rv-sessions", DataTable)
    return [str(k.value) for k in table.rows]


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def _answer_dialog(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, TextPrompt), pilot.app.screen
    await _type(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def _open_latest(pilot, context: ReviewContext | None = None) -> TranscriptScreen:
    await show(pilot, review(context))
    await pilot.press("o")  # the newest session is selected first
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


async def test_sessions_are_listed_newest_first_with_their_review_state(make, history) -> None:
    s = history.sessions
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, review())
        assert _rows(app) == [s["wang3"].id, s["li1"].id, s["wang2"].id, s["wang1"].id]
        table = app.screen.query_one("#rv-sessions", DataTable)
        row = cells(table, s["li1"].id)
        assert row[:4] == ["2025-03-07 09:00", "Li Lei", "Sales & marketing", "2"]
        assert row[6] == "unreviewed 0/2"
        assert plain(app.screen.query_one("#rv-count", Label)) == "4 sessions"


async def test_filters_by_candidate_date_track_and_state(make, history) -> None:
    s = history.sessions
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, review())
        await pilot.press("slash")
        await _type(pilot, "li")
        await settle(pilot)
        assert _rows(app) == [s["li1"].id]
        app.screen.query_one("#rv-candidate", Input).value = ""
        since = app.screen.query_one("#rv-since", Input)
        since.value = "2025-03-06"
        await settle(pilot)
        assert _rows(app) == [s["wang3"].id, s["li1"].id, s["wang2"].id]
        since.value = "2025-13-40"  # not a date: marked, the list stays as it was
        await settle(pilot)
        assert since.has_class("-invalid")
        assert len(_rows(app)) == 3
        since.value = ""
        app.screen.query_one("#rv-track", Select).value = "support"
        await settle(pilot)
        assert _rows(app) == [s["wang3"].id, s["wang2"].id, s["wang1"].id]
        app.screen.query_one("#rv-state", Select).value = "reviewed"
        await settle(pilot)
        assert _rows(app) == []
        assert plain(app.screen.query_one("#rv-none", Label)) == "No sessions match."


async def test_transcript_shows_each_answer_with_timing_scores_and_evidence(make, history) -> None:
    store = Store.open(history.url)
    t = store.transcript(history.sessions["wang3"].id)
    first = t.items[0].attempt
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_latest(pilot)
        assert "Question 1 of 2 · " in plain(screen.query_one("#tr-head", Label))
        assert screen.query_one("#tr-answer", AnswerText).answer == first.answer
        assert "Answered in 1:35" in plain(screen.query_one("#tr-timing", Static))
        scores = plain(screen.query_one("#tr-scores", Static))
        assert f"Auto score {score(first.auto_score)}" in scores and "no coach score" in scores
        points = screen.query_one("#tr-points", DataTable)
        hit = next(c for c in first.result.criteria if c.hit and c.best)
        row = cells(points, hit.key)
        assert row[0] == "✓" and row[1] == "—" and row[2] == "✓"  # auto, coach, final
        assert row[4].strip("“”…") in hit.best.text if hit.best else False
        await pilot.press("n")
        await settle(pilot)
        assert "Question 2 of 2 · " in plain(screen.query_one("#tr-head", Label))
        assert screen.query_one("#tr-answer", AnswerText).answer == t.items[1].attempt.answer


async def test_grading_actions_are_stored(make, history) -> None:
    sid = history.sessions["wang3"].id
    store = Store.open(history.url)
    first = store.transcript(sid).items[0].attempt
    key = first.result.criteria[0].key
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_latest(pilot)
        await pilot.press("t")  # no coach known yet: asked once
        await _answer_dialog(pilot, "Coach Li")
        assert store.coach_review(first.id).points == {key: True}
        assert cells(screen.query_one("#tr-points", DataTable), key)[1] == "✓"
        await pilot.press("t")
        await settle(pilot)
        assert store.coach_review(first.id).points == {key: False}
        await pilot.press("t")  # back to the scorer's verdict
        await settle(pilot)
        assert store.coach_review(first.id).points == {}

        await pilot.press("s")
        await _answer_dialog(pilot, "88")
        review = store.coach_review(first.id)
        assert review.coach_score == 88 and review.coach == "Coach Li"
        scores = plain(screen.query_one("#tr-scores", Static))
        assert f"Auto score {score(first.auto_score)}" in scores and "Coach score 88" in scores

        await pilot.press("r")
        await settle(pilot)
        assert store.coach_review(first.id).reviewed_at is not None
        assert "reviewed (Coach Li)" in plain(screen.query_one("#tr-scores", Static))

        # A comment on a passage selected with the keyboard...
        screen.query_one("#tr-answer", TextArea).focus()
        await pilot.press(*["shift+right"] * 5)
        await pilot.press("c")
        assert "面试官好，" in str(app.screen.query(Label).nodes[1].content)
        await _answer_dialog(pilot, "Good opening")
        # ...and one on the whole answer.
        screen.query_one("#tr-answer", TextArea).selection = ((0, 0), (0, 0))  # type: ignore[assignment]
        await pilot.press("c")
        await _answer_dialog(pilot, "Add numbers")
        comments = store.transcript(sid).items[0].comments
        assert [(c.author, c.body, c.span) for c in comments] == [
            ("Coach Li", "Good opening", (0, 5)),
            ("Coach Li", "Add numbers", None),
        ]
        shown = plain(screen.query_one("#tr-comments", Static))
        assert "Coach Li on “面试官好，”: Good opening" in shown
        assert "Coach Li: Add numbers" in shown

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        row = cells(app.screen.query_one("#rv-sessions", DataTable), sid)
        assert row[5] == "88.0 · 1/2" and row[6] == "partial 1/2"  # a mean: one decimal


async def test_bad_score_and_empty_comment_are_refused(make, history) -> None:
    sid = history.sessions["wang3"].id
    store = Store.open(history.url)
    first = store.transcript(sid).items[0].attempt
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_latest(pilot, ReviewContext(coach="Coach Li"))
        await pilot.press("s")
        for bad in ("150", "abc"):
            box = app.screen.query_one("#prompt-input", Input)
            box.value = ""
            await _type(pilot, bad)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            assert "0 to 100" in plain(app.screen.query_one("#prompt-error", Label))
        await pilot.press("escape")
        await pilot.press("c")
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        assert plain(app.screen.query_one("#prompt-error", Label)) == "The comment is empty."
        await pilot.press("escape")
        await settle(pilot)
        review = store.coach_review(first.id)
        assert review.coach_score is None and review.coached_at is None
        assert store.transcript(sid).items[0].comments == ()


async def test_blind_mode_hides_the_auto_score_until_the_coach_grades(make, history) -> None:
    sid = history.sessions["wang3"].id
    store = Store.open(history.url)
    first = store.transcript(sid).items[0].attempt
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, review())
        await pilot.press("b")
        await settle(pilot)
        assert cells(app.screen.query_one("#rv-sessions", DataTable), sid)[4] == "hidden"
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        scores = plain(screen.query_one("#tr-scores", Static))
        assert "Auto score hidden" in scores and f"Auto score {score(first.auto_score)}" not in scores
        points = screen.query_one("#tr-points", DataTable)
        assert {cells(points, c.key)[0] for c in first.result.criteria} == {"·"}
        assert {cells(points, c.key)[2] for c in first.result.criteria} == {"·"}  # final: hidden
        assert {cells(points, c.key)[4] for c in first.result.criteria} == {""}  # no evidence
        await pilot.press("s")
        await _answer_dialog(pilot, "Coach Li")
        await _answer_dialog(pilot, "75")
        assert store.coach_review(first.id).coach_score == 75
        scores = plain(screen.query_one("#tr-scores", Static))
        assert f"Auto score {score(first.auto_score)}" in scores and "Coach score 75" in scores
        await pilot.press("n")  # the next answer is not graded yet: still hidden
        await settle(pilot)
        assert "Auto score hidden" in plain(screen.query_one("#tr-scores", Static))


async def test_export_writes_the_chosen_format(make, history, tmp_path: Path) -> None:
    sid = history.sessions["wang3"].id
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_latest(pilot)
        for fmt in ("json", "html", "md"):
            await pilot.press("x")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            assert dialog.query_one("#export-path", Input).value.endswith(".md")
            dialog.query_one("#export-format", Select).value = fmt
            await pilot.pause()
            path = dialog.query_one("#export-path", Input)
            assert path.value.endswith(f".{fmt}")
            path.value = str(tmp_path / f"out.{fmt}")
            path.focus()
            await pilot.press("enter")
            await settle(pilot)
        assert parse((tmp_path / "out.json").read_bytes()).session.id == sid
        assert json.loads((tmp_path / "out.json").read_text())["candidate"]["name"] == "Wang Fang"
        assert "<h1>Mock interview record: Wang Fang</h1>" in (tmp_path / "out.html").read_text()
        assert "Wang Fang" in (tmp_path / "out.md").read_text()

        await pilot.press("x")  # a folder that does not exist: said in the dialog, no traceback
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "nope" / "out.md")
        await pilot.press("enter")
        await settle(pilot)
        assert not (tmp_path / "nope").exists()
        assert isinstance(app.screen, ExportDialog)
        assert "No such folder" in str(app.screen.query_one("#export-error", Label).render())


async def test_list_exports_and_opens_the_candidates_progress(make, history, tmp_path) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, review())
        await pilot.press("down")  # Li Lei's session
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "li.md")
        await pilot.press("enter")
        await settle(pilot)
        assert "Li Lei" in (tmp_path / "li.md").read_text()
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.candidate_name == "Li Lei"
        assert screen.query_one("#pr-questions", DataTable).row_count == 2


async def test_language_switch_keeps_the_list_and_translates_it(make, history) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, review())
        await pilot.press("f2")
        await settle(pilot)
        assert plain(app.screen.query_one("#rv-count", Label)) == "4 场练习"
        table = app.screen.query_one("#rv-sessions", DataTable)
        assert cells(table, history.sessions["li1"].id)[6] == "未审阅 0/2"


async def test_a_session_without_answers_says_so(make, history) -> None:
    with Store.open(history.url) as store:
        cand = store.get_candidate()
        assert cand is not None
        empty = store.start_session(cand.id, "support", "single", "en", [INTRO], None, True)
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, transcript(empty.id))
        assert plain(app.screen.query_one("#tr-empty", Label)) == "This session has no answers."
        await pilot.press("c", "t", "s", "r", "n")  # nothing to grade: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)


async def test_an_unknown_session_is_a_notice_not_a_crash(make, history) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, transcript("no-such-session"))
        assert any("no session with id" in n.message for n in app._notifications)
