"""The progress screen and the two-attempt comparison, against what the store holds."""

from __future__ import annotations

from textual.widgets import DataTable, Label, Static, TabbedContent

from mockroom.core.number_format import delta, mean, score
from mockroom.store.compare import compare
from mockroom.store.repo import Store
from mockroom.tui.review_render import point_label
from mockroom.tui.screens.compare import CompareScreen
from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.widgets.score_chart import ScoreChart
from tests.helpers.tui_review_helpers import (
    INTRO,
    OUTAGE,
    History,
    cells,
    plain,
    progress,
    settle,
    show,
)


def _local(history: History) -> tuple[Store, str]:
    store = Store.open(history.url)
    cand = store.get_candidate()
    assert cand is not None and cand.name == "Wang Fang"
    return store, cand.id


async def test_each_question_shows_count_best_latest_time_and_trend(make, history) -> None:
    store, cid = _local(history)
    expected = {q.question_id: q for q in store.question_progress(cid)}
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, progress())
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        table = screen.query_one("#pr-questions", DataTable)
        assert table.row_count == 2
        intro, outage = expected[INTRO], expected[OUTAGE]  # scores as the scorer gives them
        assert cells(table, INTRO)[1:5] == ["3", score(intro.best), score(intro.latest), "1:32"]
        assert len(cells(table, INTRO)[5]) == 3  # one bar per score
        assert cells(table, OUTAGE)[1:4] == ["3", score(outage.best), score(outage.latest)]
        # The chart follows the highlighted row.
        first = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        chart = screen.query_one("#pr-series", ScoreChart)
        assert list(chart.data) == [p.score for p in expected[first].series]
        await pilot.press("down")
        await settle(pilot)
        other = INTRO if first == OUTAGE else OUTAGE
        assert list(chart.data) == [p.score for p in expected[other].series]
        assert plain(screen.query_one("#pr-series-label", Label)).endswith("last 3 scores")


async def test_points_tab_lists_the_questions_points_worst_first(make, history) -> None:
    store, cid = _local(history)
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, progress())
        table = app.screen.query_one("#pr-questions", DataTable)
        qid = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one("#pr-tabs", TabbedContent).active == "tab-points"
        points = app.screen.query_one("#pr-points", DataTable)
        rates = store.point_rates(cid, question_id=qid)
        assert [str(k.value) for k in points.rows] == [r.key for r in rates]
        shown = [float(cells(points, r.key)[0].rstrip("%")) / 100 for r in rates]
        assert shown == sorted(shown)  # worst first
        worst = rates[0]
        assert cells(points, worst.key)[1] == f"{worst.hits}/{worst.answers}"
        assert cells(points, worst.key)[3] == point_label(
            history.bank, worst.rubric_id, worst.key, "en"
        )


async def test_overview_shows_weakest_points_trend_and_self_ratings(make, history) -> None:
    store, cid = _local(history)
    weakest = store.point_rates(cid, limit=6)
    trend = store.session_trend(cid)
    _, bands = store.self_ratings(cid)
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, progress())
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        text = plain(screen.query_one("#pr-weakest", Static))
        for r in weakest:
            assert point_label(history.bank, r.rubric_id, r.key, "en") in text
        sessions = plain(screen.query_one("#pr-trend", Static)).splitlines()
        assert len(trend) == 3 and len(sessions) == 3
        for row, s in zip(sessions, trend, strict=True):  # a bar and the mean, one decimal
            assert f"█ {mean(s.mean_score):>5}  2 questions · Technical support" in row.replace("░", "█")
        words = plain(screen.query_one("#pr-trend-words", Static))
        assert words == f"Rising: {mean(trend[0].mean_score)} → {mean(trend[-1].mean_score)}"
        ratings = plain(screen.query_one("#pr-ratings", Static)).splitlines()
        assert ratings[0].split() == ["rating", "×20", "mean", "score"]  # the legend
        for row, b in zip(ratings[1:], bands, strict=True):
            answers = "1 answer" if b.answers == 1 else f"{b.answers} answers"
            assert row.startswith(f"Rated {b.rating}/5 ") and row.endswith(f" {mean(b.mean_score)}  {answers}")
            assert f" {b.rating * 20:>3}  " in row  # the rating on the same 0-100 scale
        assert "match your scores (6 answers)" in plain(screen.query_one("#pr-ratings-words", Static))


async def test_track_filter_cycles_and_an_empty_track_says_so(make, history) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, progress())
        await pilot.press("t")  # all -> sales: Wang Fang never practised sales
        await settle(pilot)
        assert plain(app.screen.query_one("#pr-track", Label)) == "Track: Sales & marketing"
        assert plain(app.screen.query_one("#pr-empty", Label)) == "No answers yet."
        await pilot.press("t")  # -> support
        await settle(pilot)
        assert app.screen.query_one("#pr-questions", DataTable).row_count == 2


async def test_compare_shows_points_won_and_lost_and_the_time(make, history) -> None:
    store, cid = _local(history)
    attempts = store.attempts_for_question(cid, OUTAGE)
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, progress())
        table = app.screen.query_one("#pr-questions", DataTable)
        table.move_cursor(row=table.get_row_index(OUTAGE))
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.pair == (1, 2)  # the last two
        expected = compare(attempts[1], attempts[2])
        assert expected.newly_hit  # the later answer wins points
        points = plain(screen.query_one("#cmp-points", Static))
        for key in expected.newly_hit:
            assert f"+ {expected.label(key, 'en')}" in points
        summary = plain(screen.query_one("#cmp-summary", Static))
        before, after = attempts[1].auto_score, attempts[2].auto_score
        assert f"Score {score(before)} → {score(after)} ({delta(after - before)})" in summary
        assert "Answer time 2:40 → 3:20 (+40 s)" in summary
        await pilot.press("left_square_bracket")  # one pair earlier
        await settle(pilot)
        assert screen.pair == (0, 1)
        summary = plain(screen.query_one("#cmp-summary", Static))
        before, after = attempts[0].auto_score, attempts[1].auto_score
        assert f"Score {score(before)} → {score(after)} ({delta(after - before)})" in summary
        await pilot.press("escape")
        assert isinstance(app.screen, ProgressScreen)


async def test_compare_needs_two_answers(make, history) -> None:
    """Li Lei answered each question once: `c` explains instead of opening an empty page."""
    store = Store.open(history.url)
    li = next(s for s in store.list_sessions() if s.candidate_name == "Li Lei")
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, progress(li.candidate_id, li.candidate_name))
        assert app.screen.query_one("#pr-questions", DataTable).row_count == 2
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert any("twice" in n.message for n in app._notifications)


async def test_one_attempt_is_a_sentence_not_a_chart(make, history) -> None:
    """Li Lei answered each question once: no one-bar chart, no trend, a sentence with the score."""
    store = Store.open(history.url)
    li = next(s for s in store.list_sessions() if s.candidate_name == "Li Lei")
    series = {q.question_id: q for q in store.question_progress(li.candidate_id, None)}
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, progress(li.candidate_id, li.candidate_name))
        screen = app.screen
        table = screen.query_one("#pr-questions", DataTable)
        first = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        assert cells(table, first)[5] == ""  # no trend from one score
        assert not screen.query_one("#pr-series", ScoreChart).display
        words = plain(screen.query_one("#pr-series-words", Static))
        assert words == f"One attempt so far: {score(series[first].latest)}."
        await pilot.press("3")
        await settle(pilot)
        assert plain(screen.query_one("#pr-trend-words", Static)) == ""  # one session: no trend
