"""Pick a track, how many questions, a mode, the language and the clock; then start.

Shown before the database has opened: Start pressed meanwhile shows a spinner, and the app
starts the session as soon as the store is ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Header, Label, LoadingIndicator, Select, Switch

from mockroom.config.settings import Settings
from mockroom.tui.screens.page import Page
from mockroom.tui.strings import t, track_name
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from mockroom.core.yamlsafe import Problem

COUNTS = (1, 3, 5, 10)
MODES = ("single", "mock", "due")
SWITCHES = ("clock_on", "auto_submit", "live_meter")
SHOWN_PROBLEMS = 2


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

    candidate_name: reactive[str | None] = reactive(None, init=False)
    ready: reactive[bool] = reactive(False, init=False)
    """The store is open: Start goes straight on."""
    waiting: reactive[bool] = reactive(False, init=False)
    """Start was pressed before the store was open."""

    def __init__(
        self, tracks: Sequence[str], problems: Sequence[Problem], candidate_name: str | None, *,
        ready: bool,
    ) -> None:
        super().__init__()
        self.tracks = list(tracks)
        self.problems = list(problems)
        self.set_reactive(StartScreen.candidate_name, candidate_name)
        self.set_reactive(StartScreen.ready, ready)
        self.track: str | None = self.tracks[0] if self.tracks else None
        self.count = 3
        self.mode = "single"
        self.settings = Settings()
        self.watch(self.app, "settings", self._follow_settings, init=True)

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
                yield Select(
                    [(track_name(lang, tr), tr) for tr in tracks], value=self.track or Select.NULL,
                    allow_blank=not tracks, id="track",
                )
                yield Label(t(lang, "start.count"))
                yield Select([(str(n), n) for n in COUNTS], value=self.count, allow_blank=False,
                             id="count")
                yield Label(t(lang, "start.mode"))
                yield Select([(t(lang, f"mode.{m}"), m) for m in MODES], value=self.mode,
                             allow_blank=False, id="mode")
                yield Label("Language / 语言")
                yield Select([("中文", "zh"), ("English", "en")], value=lang, allow_blank=False,
                             id="lang")
            with Horizontal(id="start-switches"):
                for name in SWITCHES:
                    yield Label(t(lang, f"start.{name.removesuffix('_on')}"))
                    yield Switch(getattr(s, name), id=name)
            yield Button(t(lang, "start.go"), variant="primary", id="go", disabled=not tracks)
            with Horizontal(id="start-wait"):
                yield LoadingIndicator()
                yield Label(t(lang, "start.waiting"))
        yield KeysFooter()

    def _candidate_text(self) -> str:
        return t(self.lang, "start.candidate", name=self.candidate_name or "…")

    def _problem_lines(self, lang: str) -> list[str]:
        lines = [
            t(lang, "start.skipped", path=f"{p.path}:{p.line}:{p.column}", reason=p.message)
            for p in self.problems[:SHOWN_PROBLEMS]
        ]
        extra = len(self.problems) - SHOWN_PROBLEMS
        if extra > 0:
            lines.append(t(lang, "start.more_problems", n=extra))
        return lines

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()
        self.watch_waiting()

    # -- what the app tells it ----------------------------------------------------------------

    def _follow_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self.is_mounted:
            for name in SWITCHES:
                self.query_one(f"#{name}", Switch).value = getattr(settings, name)

    def watch_candidate_name(self) -> None:
        self.query_one("#candidate", Label).update(self._candidate_text())

    def watch_ready(self, ready: bool) -> None:
        if ready:
            self.waiting = False

    def watch_waiting(self) -> None:
        self.query_one("#start-wait").display = self.waiting

    # -- what the candidate does --------------------------------------------------------------

    @on(Select.Changed)
    def _choice(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        if event.select.id == "track":
            self.track = str(event.value)
        elif event.select.id == "count":
            self.count = int(cast(int, event.value))
        elif event.select.id == "mode":
            self.mode = str(event.value)
        elif event.select.id == "lang" and event.value != self.lang:
            self.post_message(self.LanguageChosen(str(event.value)))

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
        if not self.ready:
            self.waiting = True
        self.post_message(self.Start(self.track, self.count, self.mode))
