"""The candidate's progress: per question, per rubric point, and across sessions.

Three tabs: each question's attempts over time (best, latest, mean answer
time, a trend); the selected question's rubric points, worst first; and an
overview with the weakest points overall, the last sessions' mean scores and the
self-ratings beside the scores, all on the 0-100 scale (tui/progress_render.py).
`c` compares two attempts of the question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Label, Static, TabbedContent, TabPane

from mockroom.core.number_format import mean, score
from mockroom.core.timing import format_clock
from mockroom.tui.progress_render import (
    TREND_FROM,
    few_scores,
    rating_rows,
    rating_verdict,
    session_rows,
    trend_words,
)
from mockroom.tui.review_render import point_label, question_title, spark
from mockroom.tui.screens.compare import CompareScreen
from mockroom.tui.screens.store_screen import HistoryPage, Records
from mockroom.tui.strings import t, track_name
from mockroom.tui.widgets.score_chart import ScoreChart

if TYPE_CHECKING:
    from mockroom.store.progress import (
        PointRate,
        QuestionProgress,
        RatingBand,
        SelfRatingPoint,
        SessionTrend,
    )
    from mockroom.store.repo import Store

TABS = ("questions", "points", "overview")
SERIES = 20
"""Recent scores kept per question (the trend column and the chart)."""
SESSIONS = 10
WEAKEST = 6
RATINGS = 30
PROMPT_CELLS = 60
TAB_KEYS = Binding.Group("Tabs", compact=True)


@dataclass(frozen=True)
class ProgressData:
    questions: list[QuestionProgress]
    weakest: list[PointRate]
    trend: list[SessionTrend]
    ratings: list[SelfRatingPoint]
    bands: list[RatingBand]


class ProgressScreen(HistoryPage):
    BINDINGS = [
        Binding("1", "tab('questions')", "Questions", group=TAB_KEYS),
        Binding("2", "tab('points')", "Points", group=TAB_KEYS),
        Binding("3", "tab('overview')", "Overview", group=TAB_KEYS),
        Binding("c", "compare", "Compare"),
        Binding("t", "track", "Track"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, records: Records, candidate_id: str | None, candidate_name: str | None
    ) -> None:
        """`candidate_id` None: nobody has practised here yet."""
        super().__init__(records)
        self.candidate_id = candidate_id
        self.candidate_name = candidate_name
        self.track: str | None = None
        self.data: ProgressData | None = None
        self.question_id: str | None = None
        self.points: list[PointRate] = []
        self.tab = "questions"

    # -- loading ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.candidate_id is None:
            self.notify(t(self.lang, "no_candidate"), severity="warning")
            return
        cid, track = self.candidate_id, self.track

        def fetch(store: Store) -> ProgressData:
            ratings, bands = store.self_ratings(cid, last=RATINGS)
            return ProgressData(
                questions=store.question_progress(cid, track, series=SERIES),
                weakest=store.point_rates(cid, track=track, limit=WEAKEST),
                trend=store.session_trend(cid, last=SESSIONS),
                ratings=ratings,
                bands=bands,
            )

        self.load(fetch, self._loaded, group="progress")

    def _loaded(self, data: ProgressData) -> None:
        self.data = data
        known = {q.question_id for q in data.questions}
        if self.question_id not in known:
            self.question_id = data.questions[0].question_id if data.questions else None
        self.points = []
        self.call_later(self._redraw)
        self._load_points()

    async def _redraw(self) -> None:
        await self.recompose()
        self._focus_tab()

    def _focus_tab(self) -> None:
        """Keys act on the open tab: its table, or the overview's scroll (arrows read on)."""
        target = "#pr-overview" if self.tab == "overview" else f"#tab-{self.tab} DataTable"
        for widget in self.query(target):
            widget.focus()

    def _load_points(self) -> None:
        cid, qid = self.candidate_id, self.question_id
        if cid is None or qid is None:
            return
        self.load(
            lambda store: store.point_rates(cid, question_id=qid), self._points_loaded,
            group="progress-points",
        )

    def _points_loaded(self, rates: list[PointRate]) -> None:
        self.points = rates
        self._show_question()

    # -- drawing ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="pr-top", classes="top-bar"):
            yield Label(t(lang, "pr.title", name=self.candidate_name or "?"), classes="heading")
            track = track_name(lang, self.track) if self.track else t(lang, "all")
            yield Label(t(lang, "pr.track", track=track), id="pr-track")
        data = self.data
        if data is None:
            yield Label(t(lang, "page.loading"), classes="muted")
        elif not data.questions:
            yield Label(t(lang, "none_yet"), id="pr-empty", classes="muted")
        else:
            with TabbedContent(initial=f"tab-{self.tab}", id="pr-tabs"):
                with TabPane(t(lang, "pr.tab.questions"), id="tab-questions"):
                    yield self._questions_table(data.questions)
                    yield Label("", id="pr-series-label", classes="section")
                    yield ScoreChart(id="pr-series")
                    yield Static("", id="pr-series-words", classes="muted")
                with TabPane(t(lang, "pr.tab.points"), id="tab-points"):
                    yield Label("", id="pr-points-label", classes="section-top")
                    yield self._points_table()
                with TabPane(t(lang, "pr.tab.overview"), id="tab-overview"):
                    yield from self._overview(data)
        yield self.footer()

    def _questions_table(self, rows: list[QuestionProgress]) -> DataTable[str | Text]:
        lang = self.lang
        table: DataTable[str | Text] = DataTable(id="pr-questions", cursor_type="row")
        table.add_column(t(lang, "pr.col.question"), key="q")
        for key in ("n", "best", "latest", "time"):
            table.add_column(t(lang, f"pr.col.{key}"), key=key)
        table.add_column(t(lang, "pr.col.trend"), key="trend")
        bank = self.bank
        for q in rows:
            table.add_row(
                question_title(bank, q.question_id, lang, 28),
                Text(str(q.answers), justify="right"),
                Text(score(q.best), justify="right"),
                Text(score(q.latest), justify="right"),
                Text(format_clock(q.mean_answer_s), justify="right"),
                _trend_cell([p.score for p in q.series][-10:]),
                key=q.question_id,
            )
        return table

    def _points_table(self) -> DataTable[str | Text]:
        lang = self.lang
        table: DataTable[str | Text] = DataTable(id="pr-points", cursor_type="row")
        table.add_column(t(lang, "pr.col.rate"), key="rate")
        table.add_column(t(lang, "pr.col.hit"), key="hit")
        table.add_column("", key="bar")
        table.add_column(t(lang, "pr.col.point"), key="point")
        return table

    def _overview(self, data: ProgressData) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="pr-overview"):
            yield Label(t(lang, "pr.weakest"), classes="section-top")
            yield Static(self._rates_text(data.weakest), id="pr-weakest")
            yield Label(t(lang, "pr.trend", n=len(data.trend)), classes="section")
            yield Static(session_rows(data.trend, lang), id="pr-trend")
            means = [s.mean_score for s in data.trend]
            yield Static(trend_words(means, lang, mean), id="pr-trend-words", classes="muted")
            yield Label(t(lang, "pr.ratings"), classes="section")
            if not data.ratings:
                yield Static(t(lang, "pr.ratings_none"), id="pr-ratings", classes="muted")
                return
            if len(data.ratings) > 1:  # one rating is only a sentence
                yield Static(rating_rows(data.bands, lang), id="pr-ratings")
            yield Static(rating_verdict(data.ratings, lang), id="pr-ratings-words")

    def _rates_text(self, rates: list[PointRate]) -> Text:
        lang, bank = self.lang, self.bank
        text = Text()
        for i, r in enumerate(rates):
            if i:
                text.append("\n")
            text.append(f"{r.hits}/{r.answers} ", style="bold")
            text.append(f"{r.rate:>4.0%} {_bar(r.rate)} ")
            text.append(point_label(bank, r.rubric_id, r.key, lang))
        return text

    def _show_question(self) -> None:
        """The chart and the points of the selected question."""
        if self.data is None or self.question_id is None or not self.is_mounted:
            return
        lang, bank = self.lang, self.bank
        q = next((q for q in self.data.questions if q.question_id == self.question_id), None)
        if q is None:
            return
        title = question_title(bank, q.question_id, lang, PROMPT_CELLS)
        for label in self.query("#pr-series-label").results(Label):
            label.update(t(lang, "pr.scores", question=title, n=len(q.series)))
        scores = [p.score for p in q.series]
        for chart in self.query("#pr-series").results(ScoreChart):
            chart.data = tuple(scores)
            chart.display = len(scores) >= TREND_FROM
        for words in self.query("#pr-series-words").results(Static):
            words.update(trend_words(scores, lang) if len(scores) >= TREND_FROM
                         else few_scores(scores, lang))
        for label in self.query("#pr-points-label").results(Label):
            label.update(f"{title}\n{t(lang, 'pr.points_of')}")
        for table in self.query("#pr-points").results(DataTable):
            table.clear()
            for r in self.points:
                table.add_row(
                    Text(f"{r.rate:.0%}", justify="right"),
                    Text(f"{r.hits}/{r.answers}", justify="right"),
                    _bar(r.rate),
                    point_label(bank, r.rubric_id, r.key, lang),
                    key=r.key,
                )

    @on(DataTable.RowHighlighted, "#pr-questions")
    def _question_picked(self, event: DataTable.RowHighlighted) -> None:
        qid = event.row_key.value
        if qid is None or qid == self.question_id and self.points:
            self._show_question()
            return
        self.question_id = qid
        self._show_question()
        self._load_points()

    @on(DataTable.RowSelected, "#pr-questions")
    def _question_chosen(self) -> None:
        self.action_tab("points")

    def relabel(self) -> None:
        self.call_later(self._redraw)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.tab = (event.pane.id or "tab-questions").removeprefix("tab-")

    # -- actions ----------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.tab = tab
        for tabs in self.query("#pr-tabs").results(TabbedContent):
            tabs.active = f"tab-{tab}"
        self._focus_tab()

    def action_track(self) -> None:
        """Cycle the track filter: all, then each track of the bank."""
        bank = self.bank
        tracks: list[str | None] = [None, *(bank.tracks() if bank else [])]
        i = tracks.index(self.track) if self.track in tracks else 0
        self.track = tracks[(i + 1) % len(tracks)]
        self.reload()

    def action_compare(self) -> None:
        q = self._selected()
        if q is None or self.candidate_id is None:
            return
        if q.answers < 2:
            self.notify(t(self.lang, "pr.compare_needs_two"), severity="warning")
            return
        self.app.push_screen(CompareScreen(self.records, self.candidate_id, q.question_id))

    def action_back(self) -> None:
        self.dismiss()

    def _selected(self) -> QuestionProgress | None:
        if self.data is None:
            return None
        return next((q for q in self.data.questions if q.question_id == self.question_id), None)


def _trend_cell(scores: list[float]) -> str:
    """The questions table's trend: a spark from three scores up, else nothing to read."""
    return spark(scores) if len(scores) >= TREND_FROM else ""


def _bar(rate: float, cells: int = 10) -> str:
    filled = round(rate * cells)
    return "█" * filled + "░" * (cells - filled)
