"""Pick a track, how many questions, a mode, the language and the clock; then start.

Shown before the database has opened, with the tracks the bank's last load listed: Start
pressed meanwhile shows a spinner, and the app starts the session as soon as the store is
ready. What is due for review per track fills in
once the store is open (read off the UI thread, again each minute and on coming back here).
The last track, count and mode are kept as settings, so the next start offers them again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Header, Label, LoadingIndicator, Select, Static, Switch

from mockroom.config.settings import Settings
from mockroom.core.bank.listing import Listing
from mockroom.practice.modes import DEFAULT_MODE, START_MODES
from mockroom.tui.due_text import due_lines, until
from mockroom.tui.screens.page import Page
from mockroom.tui.store_work import StoreDone, run_store
from mockroom.tui.strings import t, track_name
from mockroom.tui.widgets.choice_row import ChoiceRow
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from mockroom.store.due import TrackDue
    from mockroom.tui.store_work import StoreLine

COUNTS = (1, 3, 5, 10)
DEFAULT_COUNT = 3
SWITCHES = ("clock_on", "auto_submit", "live_meter")
SHOWN_PROBLEMS = 2
ROW_CELLS = 80 - 2 - 15 - 2
"""The cells a row of choices has at 80 columns: less the screen's padding, the labels' column
("Language / 语言") and the gap. The tracks are offered in a row when their names fit it."""
DUE_EVERY_S = 60.0
"""How often the due counts are read again while the start screen is shown."""


@dataclass(frozen=True)
class StartChoice:
    """What the start screen offers first: the last choices, where they still fit."""

    track: str | None
    """None: the bank has no track."""
    count: int
    mode: str

    @classmethod
    def of(cls, settings: Settings, tracks: list[str]) -> StartChoice:
        return cls(
            kept_track(settings.last_track, tracks),
            settings.last_count if settings.last_count in COUNTS else DEFAULT_COUNT,
            settings.last_mode if settings.last_mode in START_MODES else DEFAULT_MODE,
        )


def kept_track(track: str | None, tracks: list[str]) -> str | None:
    """`track` if it is still offered, else the first track (None: there is none)."""
    return track if track in tracks else (tracks[0] if tracks else None)


@dataclass(frozen=True)
class DueSource:
    """Where the start screen reads the review schedule: the open store, for this candidate."""

    line: StoreLine
    candidate_id: str


class StartScreen(Page[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+n", "app.change_name", "Name"),
        Binding("f4", "app.progress", "Progress"),
        Binding("f5", "app.review", "Review"),
    ]

    @dataclass
    class Start(Message):
        track: str
        count: int
        mode: str

    @dataclass
    class SettingChanged(Message):
        name: str
        value: Any

    @dataclass
    class LanguageChosen(Message):
        lang: str

    class Painted(Message):
        """The screen is up and painted for the first time: the app's boot work may start."""

    listing: reactive[Listing] = reactive(lambda: Listing([], []), init=False)
    """The tracks to offer and the bank's problems to show."""
    candidate_name: reactive[str | None] = reactive(None, init=False)
    ready: reactive[bool] = reactive(False, init=False)
    """The store is open: Start goes straight on."""
    waiting: reactive[bool] = reactive(False, init=False)
    """Start was pressed before the store was open."""
    due_source: reactive[DueSource | None] = reactive(None, init=False)
    """Set by the app once the store is open and the candidate known."""
    due: reactive[dict[str, TrackDue] | None] = reactive(None, init=False)
    """Per track, what is due (None until read)."""

    def __init__(self, listing: Listing, candidate_name: str | None, *, ready: bool) -> None:
        super().__init__()
        self.set_reactive(StartScreen.listing, listing)
        self.set_reactive(StartScreen.candidate_name, candidate_name)
        self.set_reactive(StartScreen.ready, ready)
        self.settings = Settings()
        self.watch(self.app, "settings", self._follow_settings, init=True)
        first = StartChoice.of(self.settings, self.tracks)
        self.track, self.count, self.mode = first.track, first.count, first.mode

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """While a choice row has the keyboard its ←→ take the place of ^n Name in the footer
        (at 80 columns the English one has no room for both); ^n still works, and the palette
        lists it."""
        keys = super().active_bindings
        name = keys.get("ctrl+n")
        if name is not None and isinstance(self.focused, ChoiceRow):
            keys["ctrl+n"] = name._replace(binding=replace(name.binding, show=False))
        return keys

    @property
    def tracks(self) -> list[str]:
        return self.listing.tracks

    def compose(self) -> ComposeResult:
        lang, tracks, s = self.lang, self.tracks, self.settings
        yield Header()
        with Vertical(id="start"):
            with Horizontal(id="start-top"):
                yield Label(t(lang, "start.heading"), classes="heading")
                yield Label(self._candidate_text(), id="candidate")
            for line in self._problem_lines(lang):
                yield Label(line, classes="problem")
            if not tracks:
                yield Label(t(lang, "start.no_tracks"), classes="error")
            with Grid(id="start-form"):
                yield Label(t(lang, "start.track"))
                yield self._track_choice(lang)
                yield Label(t(lang, "start.count"))
                yield ChoiceRow([(str(n), n) for n in COUNTS], self.count, id="count")
                yield Label(t(lang, "start.mode"))
                yield ChoiceRow([(t(lang, f"mode.{m}"), m) for m in START_MODES], self.mode,
                                id="mode")
                yield Label("Language / 语言")
                yield ChoiceRow([("中文", "zh"), ("English", "en")], lang, id="lang")
            yield Label(t(lang, f"start.hint.{self.mode}"), id="mode-hint", classes="muted")
            with Horizontal(id="start-switches"):
                for name in SWITCHES:
                    yield Label(t(lang, f"start.{name.removesuffix('_on')}"))
                    yield Switch(getattr(s, name), id=name)
            with Horizontal(id="start-go"):
                yield Button(t(lang, "start.go"), variant="primary", id="go", disabled=not tracks)
                with Vertical(id="due"):
                    yield Label(t(lang, "due.title"), classes="section")
                    yield Static(self._due_text(), id="due-lines")
            with Horizontal(id="start-wait") as wait:
                wait.display = self.waiting  # kept when the screen is drawn again
                yield LoadingIndicator()
                yield Label(t(lang, "start.waiting"))
        yield KeysFooter()

    def _track_choice(self, lang: str) -> Widget:
        """The tracks in a row when their names fit one at 80 columns; else (a bank of one's
        own may list many, or none) in a Select."""
        options = [(track_name(lang, tr), tr) for tr in self.tracks]
        if self.track is not None and ChoiceRow.width_of(o for o, _ in options) <= ROW_CELLS:
            return ChoiceRow(options, self.track, id="track")
        return Select(options, value=self.track or Select.NULL, allow_blank=not self.tracks,
                      id="track")

    def _candidate_text(self) -> str:
        return t(self.lang, "start.candidate", name=self.candidate_name or "…")

    def _problem_lines(self, lang: str) -> list[str]:
        lines = [
            t(lang, "start.skipped", path=f"{p.path}:{p.line}:{p.column}", reason=p.message)
            for p in self.listing.problems[:SHOWN_PROBLEMS]
        ]
        extra = len(self.listing.problems) - SHOWN_PROBLEMS
        if extra > 0:
            lines.append(t(lang, "start.more_problems", n=extra))
        return lines

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()
        self.call_after_refresh(self.post_message, self.Painted())
        self.set_interval(DUE_EVERY_S, self._read_due)

    def on_screen_resume(self) -> None:
        self._read_due()  # back from a session: what was answered has moved

    # -- the review schedule --------------------------------------------------------------------

    def watch_due_source(self) -> None:
        self._read_due()

    def _read_due(self) -> None:
        source = self.due_source
        if source is None or not self.is_current:
            return
        cid = source.candidate_id
        run_store(self, source.line, lambda store: store.due_by_track(cid), self._due_read,
                  group="start-due", exclusive=True)

    @on(StoreDone)
    def _store_done(self, msg: StoreDone) -> None:
        msg.stop()
        msg.callback(msg.value)

    def _due_now(self, track: str) -> bool:
        """Something of `track` is due; if not, the candidate is told when it will be."""
        due = (self.due or {}).get(track)
        if due is not None and due.due_now:
            return True
        if due is not None and due.next_due is not None:
            when = until(self.lang, due.next_due, datetime.now(UTC))
            self.notify(t(self.lang, "start.nothing_due_next", when=when), severity="warning")
        else:
            self.notify(t(self.lang, "start.nothing_due"), severity="warning")
        return False

    def _due_read(self, due: dict[str, TrackDue]) -> None:
        self.due = due

    def watch_due(self) -> None:
        for lines in self.query("#due-lines").results(Static):
            lines.update(self._due_text())

    def _due_text(self) -> str:
        if self.due is None:
            return t(self.lang, "page.loading")
        return "\n".join(due_lines(self.lang, self.tracks, self.due, datetime.now(UTC)))

    # -- what the app tells it ----------------------------------------------------------------
    # Each watcher updates its widget if it is there: while the screen is drawn again (a new
    # language, or the bank listing other tracks) it is not, and `compose` reads the value.

    def _follow_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self.is_mounted:
            for name in SWITCHES:
                for switch in self.query(f"#{name}").results(Switch):
                    switch.value = getattr(settings, name)

    def watch_listing(self) -> None:
        """The bank, loaded after this screen was drawn, lists other tracks or problems."""
        self.track = kept_track(self.track, self.tracks)
        self.redraw_keeping_focus()

    def watch_candidate_name(self) -> None:
        for label in self.query("#candidate").results(Label):
            label.update(self._candidate_text())

    def watch_ready(self, ready: bool) -> None:
        if ready:
            self.waiting = False

    def watch_waiting(self) -> None:
        for wait in self.query("#start-wait"):
            wait.display = self.waiting

    # -- what the candidate does --------------------------------------------------------------

    @on(Select.Changed)
    def _track_selected(self, event: Select.Changed) -> None:
        """The track, when the tracks are offered in a Select."""
        if event.value is not Select.NULL:
            self._chosen(event.select.id, event.value)

    @on(ChoiceRow.Changed)
    def _choice(self, event: ChoiceRow.Changed) -> None:
        self._chosen(event.choice_row.id, event.value)

    def _chosen(self, choice: str | None, value: Any) -> None:
        if choice == "track":
            self.track = str(value)
            self._remember("last_track", self.track)
        elif choice == "count":
            self.count = int(value)
            self._remember("last_count", self.count)
        elif choice == "mode":
            self.mode = str(value)
            self.query_one("#mode-hint", Label).update(t(self.lang, f"start.hint.{self.mode}"))
            self._remember("last_mode", self.mode)
        elif choice == "lang" and value != self.lang:
            self.post_message(self.LanguageChosen(str(value)))

    def _remember(self, name: str, value: Any) -> None:
        if getattr(self.settings, name) != value:
            self.post_message(self.SettingChanged(name, value))

    @on(Switch.Changed)
    def _switch(self, event: Switch.Changed) -> None:
        name = event.switch.id
        if name in SWITCHES and getattr(self.settings, name) != event.value:
            self.post_message(self.SettingChanged(name, event.value))

    @on(Button.Pressed, "#go")
    def action_start(self) -> None:
        if self.track is None:
            self.notify(t(self.lang, "start.no_tracks"), severity="error")
            return
        if self.mode == "due" and self.due is not None and not self._due_now(self.track):
            return
        if not self.ready:
            self.waiting = True
        self.post_message(self.Start(self.track, self.count, self.mode))
