"""Pick a track, how many questions, a mode, the language and the clock; then start."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Select, Switch

from mockroom.tui.localized import lang_of
from mockroom.tui.strings import t, track_name
from mockroom.tui.widgets.localized_footer import LocalizedFooter

if TYPE_CHECKING:
    from mockroom.tui.app import MockroomApp

COUNTS = (1, 3, 5, 10)
MODES = ("single", "mock", "due")
SHOWN_PROBLEMS = 2


class StartScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+n", "app.change_name", "Name"),
        Binding("f4", "app.progress", "Progress"),
        Binding("f5", "app.review", "Review"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.track: str | None = None
        self.count = 3
        self.mode = "single"

    @property
    def mapp(self) -> MockroomApp:
        return cast("MockroomApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.mapp
        lang = lang_of(self)
        tracks = app.bank.tracks() if app.bank else []
        name = app.candidate.name if app.candidate else "?"
        if self.track not in tracks:
            self.track = tracks[0] if tracks else None
        yield Header()
        with Vertical(id="start"):
            with Horizontal(id="start-top"):
                yield Label(t(lang, "start.heading"), classes="heading")
                yield Label(t(lang, "start.candidate", name=name), id="candidate")
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
            s = app.settings
            with Horizontal(id="start-switches"):
                yield Label(t(lang, "start.clock"))
                yield Switch(s.clock_on, id="clock_on")
                yield Label(t(lang, "start.auto_submit"))
                yield Switch(s.auto_submit, id="auto_submit")
                yield Label(t(lang, "start.live_meter"))
                yield Switch(s.live_meter, id="live_meter")
            yield Button(t(lang, "start.go"), variant="primary", id="go", disabled=not tracks)
        yield LocalizedFooter()

    def _problem_lines(self, lang: str) -> list[str]:
        bank = self.mapp.bank
        if not bank or not bank.problems:
            return []
        lines = [
            t(lang, "start.skipped", path=f"{p.path}:{p.line}:{p.column}", reason=p.message)
            for p in bank.problems[:SHOWN_PROBLEMS]
        ]
        extra = len(bank.problems) - SHOWN_PROBLEMS
        if extra > 0:
            lines.append(t(lang, "start.more_problems", n=extra))
        return lines

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def relabel(self) -> None:
        self.refresh(recompose=True)

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
        elif event.select.id == "lang" and event.value != self.mapp.lang:
            self.mapp.lang = str(event.value)

    @on(Switch.Changed)
    def _switch(self, event: Switch.Changed) -> None:
        if event.switch.id and getattr(self.mapp.settings, event.switch.id) != event.value:
            self.mapp.change_setting(event.switch.id, event.value)

    @on(Button.Pressed, "#go")
    def action_start(self) -> None:
        if self.track is None:
            self.notify(t(lang_of(self), "start.no_tracks"), severity="error")
            return
        self.mapp.start_session(self.track, self.count, self.mode)
