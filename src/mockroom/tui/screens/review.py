"""The coach's list of sessions: filter by candidate, date, track and review state; open one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select

from mockroom.core.inert import inert
from mockroom.core.number_format import mean
from mockroom.transfer.session_file import default_name
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.review_render import coach_text, day, parse_since
from mockroom.tui.screens.export_dialog import export_session
from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.screens.store_screen import HistoryPage, Records
from mockroom.tui.screens.transcript import TranscriptScreen
from mockroom.tui.strings import t, track_name

if TYPE_CHECKING:
    from mockroom.store.records import SessionSummary
    from mockroom.store.repo import Store

STATES = ("unreviewed", "partial", "reviewed")
LIMIT = 500
"""Sessions listed at most (newest first); filters narrow it down."""


@dataclass(frozen=True)
class Filters:
    candidate: str = ""
    since: datetime | None = None
    track: str | None = None
    state: str | None = None


class ReviewScreen(HistoryPage):
    AUTO_FOCUS = "#rv-sessions"
    BINDINGS = [
        Binding("o", "open", "Open"),
        Binding("slash", "filter", "Filter"),
        Binding("b", "blind", "Blind"),
        Binding("x", "export", "Export"),
        Binding("g", "progress", "Progress"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, records: Records, context: ReviewContext | None = None) -> None:
        super().__init__(records)
        self.context = context or ReviewContext()
        self.filters = Filters()
        self.since_text = ""
        self.sessions: list[SessionSummary] | None = None

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.sessions is not None:  # back from a transcript: review states may have changed
            self.reload()

    def reload(self) -> None:
        f = self.filters

        def fetch(store: Store) -> list[SessionSummary]:
            return store.list_sessions(f.candidate or None, f.track, f.state, f.since, LIMIT)

        self.load(fetch, self._loaded, group="review-list")

    def _loaded(self, sessions: list[SessionSummary]) -> None:
        self.sessions = sessions
        if self.is_mounted:
            self._fill()

    # -- drawing ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang, f = self.lang, self.filters
        bank = self.bank
        tracks = bank.tracks() if bank else []
        if f.track and f.track not in tracks:
            tracks.append(f.track)
        yield Header()
        with Horizontal(id="rv-top", classes="top-bar"):
            yield Label(t(lang, "rv.title"), classes="heading")
            yield Label(self._count_text(), id="rv-count")
            yield Label(self._blind_text(), id="rv-blind")
        with Horizontal(id="rv-filters"):
            yield Input(f.candidate, placeholder=t(lang, "rv.candidate"), id="rv-candidate")
            yield Input(self.since_text, placeholder=t(lang, "rv.since"), id="rv-since")
            yield Select(
                [(track_name(lang, tr), tr) for tr in tracks], value=f.track or Select.NULL,
                prompt=t(lang, "rv.track"), id="rv-track",
            )
            yield Select(
                [(t(lang, f"state.{s}"), s) for s in STATES], value=f.state or Select.NULL,
                prompt=t(lang, "rv.state"), id="rv-state",
            )
        table: DataTable[str | Text] = DataTable(id="rv-sessions", cursor_type="row")
        for key in ("date", "candidate", "track", "questions", "auto", "coach", "review"):
            table.add_column(t(lang, f"rv.col.{key}"), key=key)
        self._add_rows(table)
        yield table
        yield Label(self._none_text(), id="rv-none", classes="muted")
        yield self.footer()

    def _fill(self) -> None:
        """Show newly loaded sessions, keeping the selected one selected."""
        table = self.query_one("#rv-sessions", DataTable)
        selected = self._selected_id()
        table.clear()
        self._add_rows(table)
        if selected is not None and selected in {s.id for s in self.sessions or []}:
            table.move_cursor(row=table.get_row_index(selected))
        self.query_one("#rv-count", Label).update(self._count_text())
        self.query_one("#rv-none", Label).update(self._none_text())

    def _add_rows(self, table: DataTable[str | Text]) -> None:
        lang, hide = self.lang, self.context.blind
        for s in self.sessions or []:
            auto = t(lang, "hidden") if hide and s.mean_auto is not None else mean(s.mean_auto)
            table.add_row(
                day(s.started_at),
                inert(s.candidate_name),
                track_name(lang, s.track),
                Text(str(s.questions), justify="right"),
                Text(auto, justify="right"),
                Text(coach_text(s), justify="right"),
                f"{t(lang, f'state.{s.review_state}')} {s.reviewed}/{s.questions}",
                key=s.id,
            )

    def _count_text(self) -> str:
        return "" if self.sessions is None else t(self.lang, "rv.count", n=len(self.sessions))

    def _none_text(self) -> str:
        return t(self.lang, "rv.none") if self.sessions == [] else ""

    def _blind_text(self) -> str:
        return t(self.lang, "rv.blind_on") if self.context.blind else ""

    def _selected(self) -> SessionSummary | None:
        sid = self._selected_id()
        return next((s for s in self.sessions or [] if s.id == sid), None)

    def _selected_id(self) -> str | None:
        table = self.query_one("#rv-sessions", DataTable)
        if not table.row_count:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    # -- filters ----------------------------------------------------------------------------

    @on(Input.Changed, "#rv-candidate")
    def _candidate(self, event: Input.Changed) -> None:
        self._filter(candidate=event.value.strip())

    @on(Input.Changed, "#rv-since")
    def _since(self, event: Input.Changed) -> None:
        self.since_text = event.value
        ok, since = parse_since(event.value)
        event.input.set_class(not ok, "-invalid")
        if ok:
            self._filter(since=since)
        else:
            event.input.tooltip = t(self.lang, "rv.bad_since")

    @on(Select.Changed, "#rv-track")
    def _track(self, event: Select.Changed) -> None:
        self._filter(track=None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#rv-state")
    def _state(self, event: Select.Changed) -> None:
        self._filter(state=None if event.value is Select.NULL else str(event.value))

    def _filter(self, **changes: object) -> None:
        filters = Filters(**{**self.filters.__dict__, **changes})  # type: ignore[arg-type]
        if filters != self.filters:
            self.filters = filters
            self.reload()

    @on(Input.Submitted)
    def _filtered(self) -> None:
        self.query_one("#rv-sessions", DataTable).focus()

    # -- actions ----------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#rv-sessions")
    def action_open(self) -> None:
        sid = self._selected_id()
        if sid is not None:
            self.app.push_screen(TranscriptScreen(self.records, sid, self.context))

    def action_filter(self) -> None:
        self.query_one("#rv-candidate", Input).focus()

    def action_blind(self) -> None:
        self.context.blind = not self.context.blind
        self.query_one("#rv-blind", Label).update(self._blind_text())
        self.notify(t(self.lang, "rv.blind_on" if self.context.blind else "rv.blind_off"),
                    timeout=3)
        if self.sessions is not None:
            self._fill()

    def action_export(self) -> None:
        s = self._selected()
        if s is not None:
            export_session(self, s.id, default_name(s.candidate_name, s.started_at, s.id, "md"))

    def action_progress(self) -> None:
        s = self._selected()
        if s is not None:
            self.app.push_screen(ProgressScreen(self.records, s.candidate_id, s.candidate_name))

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#rv-sessions", DataTable).focus()
            return
        self.dismiss()
