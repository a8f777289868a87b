"""The mockroom practice app: the wiring between the screens, the practice flow and the store.

Screens get what they need when they are built and post messages up; the app hands the
practice pages' messages to `PracticeFlow` (practice_flow.py), and every store call goes
through `store_work.run_store`. The first screen comes before the database: settings, then
the bank's tracks (as its last load listed them, `core/bank/listing.py`, or the bank itself
when that listing is out of date), then the start screen is painted, and only then are the
bank loaded and the store opened in a worker while the candidate reads (boot.py; pressing
Start meanwhile waits with a spinner). The pages after the first screen are imported
through `later` (why: see there).

Screens' messages are handled by name (`on_question_screen_submitted` for
`QuestionScreen.Submitted`), so this module need not import those screens at start.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from mockroom.config.settings import Settings, export_folder, save_settings
from mockroom.config.settings import settings_path as settings_file
from mockroom.core.bank.listing import Listing, listing_of
from mockroom.tui import boot, later
from mockroom.tui.commands import MockroomCommands
from mockroom.tui.heap import BootHeap
from mockroom.tui.messages import BankLoaded, BootDone, BootFailed, StoreOpened
from mockroom.tui.screens.boot_error import BootErrorScreen
from mockroom.tui.screens.page import Page
from mockroom.tui.screens.start import DueSource, StartChoice, StartScreen
from mockroom.tui.screens.store_screen import Records
from mockroom.tui.store_work import StoreDone, StoreFailed, StoreLine, run_store
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.session import Practice
    from mockroom.store import CandidateRec
    from mockroom.tui.practice_flow import PracticeFlow
    from mockroom.tui.screens.feedback import FeedbackScreen
    from mockroom.tui.screens.question import QuestionScreen


class MockroomApp(App[None]):
    TITLE = "mockroom"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {MockroomCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", priority=True, show=False),  # in the palette and README
        Binding("f2", "toggle_lang", "中/En", priority=True),
        Binding("f3", "toggle_clock", "Clock", priority=True, show=False),
        # Shown in the footer by the start and summary screens, where there is room.
        Binding("f4", "progress", "Progress", show=False),
        Binding("f5", "review", "Review", show=False),
    ]

    lang: reactive[str] = reactive("en", init=False)
    """The interface language; every page follows it (screens/page.py)."""
    settings: reactive[Settings] = reactive(Settings, init=False)
    """The candidate's settings; the start and question screens follow them."""

    def __init__(
        self,
        *,
        db_url: str | None = None,
        bank_dirs: list[Path] | None = None,
        builtin_bank: bool = True,
        lang: str | None = None,
        settings_path: Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.db_url = db_url
        self.bank_dirs = list(bank_dirs or [])
        self.builtin_bank = builtin_bank
        self.settings_path = settings_path
        self.monotonic = monotonic
        self._lang_override = lang
        self._settings_problem: str | None = None
        self.bank: Bank | None = None
        """The question bank; None until it has loaded (before or after the first screen)."""
        self.listing: Listing | None = None
        """The tracks and bank problems the start screen shows."""
        self.line: StoreLine | None = None
        """The open store; None until it has opened, after the first screen."""
        self.flow: PracticeFlow | None = None
        """The practice sessions, once the store is open."""
        self.candidate: CandidateRec | None = None
        self._pending_start: StartScreen.Start | None = None
        """Start was pressed before the store had opened: it runs when it has."""
        self.cursor_blink = True
        """Editors blink their cursor; screenshots turn it off so they are repeatable."""
        self._heap = BootHeap()
        self._boot_error: str | None = None
        """Why the bank could not be loaded at all."""

    @property
    def practice(self) -> Practice | None:
        """The session under way, if any."""
        return self.flow.practice if self.flow else None

    # -- start-up: settings, the bank, the first screen, then the store -------------------

    def get_default_screen(self) -> Screen[Any]:
        """The start screen, drawn from the settings and the bank's tracks; or why the bank
        failed."""
        if self.listing is None:
            return BootErrorScreen(self._boot_error or "")
        return self._start_screen()

    def on_load(self) -> None:
        """Settings (a tiny file) and the bank's tracks, before anything is drawn: the first
        screen is the start screen, in the right language. The bank itself loads after it is
        painted, with the store, unless its last listing is out of date."""
        self._heap.pause()
        loaded = boot.first_settings(self.settings_path, self._lang_override)
        self.set_reactive(MockroomApp.settings, loaded.settings)
        self.set_reactive(MockroomApp.lang, loaded.settings.lang)
        self.title = t(self.lang, "app.title")
        self._settings_problem = loaded.problem
        self.listing = listing_of(self.bank_dirs, self.builtin_bank)
        if self.listing is None:
            loaded_bank = boot.load_bank(self.bank_dirs, self.builtin_bank, self.lang)
            if isinstance(loaded_bank, str):
                self._boot_error = loaded_bank
            else:
                self.bank, self.listing = loaded_bank, boot.listing(loaded_bank)

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(t(self.lang, "settings.problem", problem=self._settings_problem),
                        severity="warning", timeout=8)
        if self.listing is None:
            self._heap.settle()
            return
        self._notify_problems(self.listing)

    @on(StartScreen.Painted)
    def _start_painted(self) -> None:
        """The first screen is painted: the boot work begins (the app's own after-refresh
        callback could run before the start screen had finished mounting, and the bank and
        the store, loaded in a thread, then slowed its first paint)."""
        self._open_store()

    def _notify_problems(self, listing: Listing) -> None:
        for p in listing.problems[:3]:
            self.notify(t(self.lang, "start.skipped", path=f"{p.path}:{p.line}", reason=p.message),
                        severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self._heap.release()
        if self.flow is not None:
            self.flow.release()

    @work(thread=True, group="boot")
    def _open_store(self) -> None:
        bank: Bank | str | None = self.bank
        if bank is None:
            bank = boot.load_bank(self.bank_dirs, self.builtin_bank, self.lang)
        if isinstance(bank, str):
            self.post_message(BootFailed(bank))
            return
        if self.bank is None:
            self.post_message(BankLoaded(bank))
        # Imported here, in the worker: `mockroom.store` costs ~9 ms before the first paint.
        from mockroom.store.errors import StoreError

        try:
            flow, returning = boot.open_practice(self, bank, self.db_url, self.monotonic)
        except StoreError as e:
            self.post_message(BootFailed(t(self.lang, "db.failed", error=e)))
            return
        self.post_message(StoreOpened(flow, returning))
        candidate = returning.candidate
        boot.warm_up(flow, candidate.id if candidate else None,
                     StartChoice.of(self.settings, bank.tracks()))
        self.post_message(BootDone())

    @on(BootDone)
    def _boot_done(self) -> None:
        self._heap.settle()  # what the boot made lives as long as the app (tui/heap.py)

    @on(BankLoaded)
    def _bank_loaded(self, msg: BankLoaded) -> None:
        """The bank after the first screen: if it lists other tracks or problems than its
        last load did (another version parsed it), the start screen follows it."""
        self.bank = msg.bank
        listing = boot.listing(msg.bank)
        if listing != self.listing:
            self.listing = listing
            self._notify_problems(listing)
            self.update_start_screens()

    @on(StoreOpened)
    def _store_opened(self, msg: StoreOpened) -> None:
        flow = self.flow = msg.flow
        self.line, self.candidate = flow.line, msg.returning.candidate
        self.set_interval(flow.service.HEARTBEAT_S, flow.heartbeat)
        self.update_start_screens()
        unfinished = msg.returning.unfinished
        if self.candidate is None:
            self.push_screen(later.name_dialog()(required=True), self._first_name)
        elif unfinished is not None:
            self._pending_start = None
            flow.offer_resume(unfinished)
        else:
            self._run_pending_start()

    @on(BootFailed)
    def _boot_failed(self, msg: BootFailed) -> None:
        self._heap.settle()
        self.back_to_start()
        self.push_screen(BootErrorScreen(msg.error))  # says why, over the start screen
        self.notify(msg.error, severity="error", timeout=30)

    def _start_screen(self) -> StartScreen:
        assert self.listing is not None
        return StartScreen(self.listing, self._candidate_name(), ready=self.line is not None)

    def _candidate_name(self) -> str | None:
        return self.candidate.name if self.candidate else None

    def update_start_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                if self.listing is not None:
                    screen.listing = self.listing
                screen.candidate_name = self._candidate_name()
                screen.ready = self.line is not None
                if self.line is not None and self.candidate is not None:
                    screen.due_source = DueSource(self.line, self.candidate.id)
        self.refresh_bindings()  # f4, f5 and ^n work once the store is open

    # -- the candidate's name ---------------------------------------------------------------

    def _first_name(self, name: str | None) -> None:
        if name:
            self._save_name(name)

    def action_change_name(self) -> None:
        current = self.candidate.name if self.candidate else ""
        self.push_screen(later.name_dialog()(current=current), self._first_name)

    def _save_name(self, name: str) -> None:
        assert self.line is not None
        run_store(self, self.line, lambda store: store.set_candidate_name(name), self._name_saved,
                  group="db", fail_key="q.save_failed")

    def _name_saved(self, candidate: CandidateRec) -> None:
        self.candidate = candidate
        self.notify(t(self.lang, "name.saved", name=candidate.name))
        self.update_start_screens()
        self._run_pending_start()

    # -- pages: sessions go through the practice flow ---------------------------------------

    @on(StartScreen.Start)
    def _start_pressed(self, msg: StartScreen.Start) -> None:
        self._pending_start = msg
        self._run_pending_start()

    def _run_pending_start(self) -> None:
        msg = self._pending_start
        if msg is not None and self.line is not None and self.candidate is not None:
            self._pending_start = None
            self.start_session(msg.track, msg.count, msg.mode)

    def start_session(self, track: str, count: int, mode: str) -> None:
        if self.flow is not None and self.candidate is not None:
            self.flow.start(self.candidate.id, track, count, mode)

    def on_question_screen_draft_changed(self, msg: QuestionScreen.DraftChanged) -> None:
        if self.flow is not None:
            self.flow.save_draft(msg)

    def on_question_screen_submitted(self, msg: QuestionScreen.Submitted) -> None:
        assert self.flow is not None
        self.flow.submitted(msg)

    def on_feedback_screen_next(self) -> None:
        assert self.flow is not None
        self.flow.next()

    def on_feedback_screen_retry(self, msg: FeedbackScreen.Retry) -> None:
        assert self.flow is not None
        self.flow.retry(msg)

    def on_feedback_screen_ask_follow_up(self, msg: FeedbackScreen.AskFollowUp) -> None:
        assert self.flow is not None
        self.flow.follow_up(msg)

    def show(self, screen: Screen[Any]) -> None:
        """Replace the current page (the start screen stays at the bottom of the stack)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def back_to_start(self) -> None:
        """The start screen, as the candidate left it."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_new_session(self) -> None:
        if self._answering() or self.bank is None:
            return
        if self.flow is not None:
            self.flow.practice = None
        self.back_to_start()

    # -- settings and language --------------------------------------------------------------

    def watch_lang(self, lang: str) -> None:
        self.title = t(lang, "app.title")
        self.change_setting("lang", lang)

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.notify(t(self.lang, "lang.switched"), timeout=2)

    @on(StartScreen.LanguageChosen)
    def _language_chosen(self, msg: StartScreen.LanguageChosen) -> None:
        self.lang = msg.lang

    @on(StartScreen.SettingChanged)
    def _setting_changed(self, msg: StartScreen.SettingChanged) -> None:
        self.change_setting(msg.name, msg.value)

    def change_setting(self, name: str, value: Any) -> None:
        self.settings = dataclasses.replace(self.settings, **{name: value})
        self._write_settings(self.settings)

    @work(thread=True, group="settings", exclusive=True, exit_on_error=False)
    def _write_settings(self, settings: Settings) -> None:
        try:
            save_settings(settings, self.settings_path)
        except (OSError, ValueError) as e:
            self.call_from_thread(self.notify, t(self.lang, "settings.save_failed", error=e),
                                  severity="warning")

    def _toggle(self, name: str, key: str) -> None:
        value = not getattr(self.settings, name)
        self.change_setting(name, value)
        state = t(self.lang, "on" if value else "off")
        self.notify(t(self.lang, key, state=state), timeout=2)

    def action_toggle_clock(self) -> None:
        self._toggle("clock_on", "setting.clock")

    def action_toggle_auto_submit(self) -> None:
        self._toggle("auto_submit", "setting.auto_submit")

    def action_toggle_live_meter(self) -> None:
        self._toggle("live_meter", "setting.live_meter")

    def action_toggle_self_rating(self) -> None:
        self._toggle("self_rating", "setting.self_rating")

    # -- the history pages ------------------------------------------------------------------

    def records(self) -> Records:
        """What the progress and review pages read: the open store and the bank."""
        assert self.line is not None
        return Records(self.line, self.bank)

    def action_progress(self) -> None:
        cand = self.candidate
        self.push_screen(later.progress_screen()(self.records(), cand.id if cand else None,
                                                  cand.name if cand else None))

    def action_review(self) -> None:
        self.push_screen(later.review_screen()(self.records()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ready = self.line is not None and self.bank is not None
        if action in ("progress", "review"):
            # Pushed over the start or summary screens; never over a running question, nor
            # over another history page.
            page = self._page()
            history_page = isinstance(page, Page) and page.HISTORY_PAGE
            return ready and not self._answering() and not history_page
        if action == "new_session":
            return self.bank is not None and not self._answering()
        if action == "change_name":
            return self.line is not None
        return True

    def _page(self) -> Screen[Any]:
        """The screen the candidate is on, looking past the command palette opened over it."""
        return next(s for s in reversed(self.screen_stack) if not isinstance(s, CommandPalette))

    def _answering(self) -> bool:
        """A question, or the self-rating of the answer just stored, is waiting for the candidate."""
        page = self._page()
        return isinstance(page, Page) and page.ANSWERING

    # -- store work's one error path, and quitting ------------------------------------------

    @on(StoreDone)
    def _store_done(self, msg: StoreDone) -> None:
        msg.callback(msg.value)

    @on(StoreFailed)
    def _store_failed(self, msg: StoreFailed) -> None:
        if msg.key is not None:
            self.notify(t(self.lang, msg.key, error=msg.error), severity="error", timeout=10)
        if msg.then is not None:
            msg.then(msg.error)

    def action_help(self) -> None:
        """What the screen below is for, its keys, and where this run keeps its data."""
        about = self._page()
        if isinstance(about, later.help_dialog()):
            about.dismiss(None)  # f1 again closes it
            return
        self.push_screen(later.help_dialog()(
            about,
            database=self.line.store.url if self.line else None,
            settings=self.settings_path or settings_file(),
            exports=export_folder(self.settings),
        ))

    async def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, later.quit_dialog()):
            screen.dismiss(True)  # ctrl+q again means "yes": quit the way y does, draft kept
            return
        if isinstance(screen, later.question_screen()) and not screen.submitting:
            self.push_screen(later.quit_dialog()(), self._quit_chosen)
            return
        self.exit()

    async def _quit_chosen(self, quit_: bool | None) -> None:
        if not quit_:
            return
        screen = self.screen
        if isinstance(screen, later.question_screen()) and self.flow is not None:
            worker = self.flow.save_draft(screen.draft())
            if worker is not None:
                await worker.wait()
        self.exit()


def make_app(
    *,
    db_url: str | None = None,
    bank_dirs: list[Path] | None = None,
    lang: str | None = None,
    settings_path: Path | None = None,
    builtin_bank: bool = True,
    monotonic: Callable[[], float] = time.monotonic,
) -> MockroomApp:
    """The one way to build the app, for the CLI and the tests.

    `lang` overrides the saved interface language; `builtin_bank=False` loads only
    `bank_dirs` (tests); `monotonic` is the clock source (tests pass a fake one).
    Nothing is opened until the app runs.
    """
    return MockroomApp(
        db_url=db_url,
        bank_dirs=bank_dirs,
        builtin_bank=builtin_bank,
        lang=lang,
        settings_path=settings_path,
        monotonic=monotonic,
    )
