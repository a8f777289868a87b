"""The mockroom practice app: the wiring between the screens, the practice service and the store.

Screens get what they need when they are built and post messages up; the app answers them
with the practice service (`mockroom.practice`), and every store call goes through
`store_work.run_store`. The first screen comes before the database: settings, then the
bank, then the start screen is painted, and only then is the store imported and opened in
a worker while the candidate reads (pressing Start meanwhile waits with a spinner). The
pages after the first screen are imported through `later` (why: see there).

Screens' messages are handled by name (`on_question_screen_submitted` for
`QuestionScreen.Submitted`), so this module need not import those screens at start.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker

from mockroom.config.settings import Settings, load_settings, save_settings
from mockroom.store.errors import StoreError
from mockroom.tui import later
from mockroom.tui.commands import MockroomCommands
from mockroom.tui.heap import BootHeap
from mockroom.tui.messages import BootDone, BootFailed, StoreOpened
from mockroom.tui.screens.boot_error import BootErrorScreen
from mockroom.tui.screens.name_dialog import NameDialog
from mockroom.tui.screens.page import Page
from mockroom.tui.screens.resume_dialog import ResumeDialog
from mockroom.tui.screens.start import DueSource, StartScreen
from mockroom.tui.screens.store_screen import Records
from mockroom.tui.screens.taken_dialog import TakenDialog
from mockroom.tui.store_work import StoreDone, StoreFailed, StoreLine, open_store, run_store
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.ask import Ask
    from mockroom.practice.last_time import LastTime
    from mockroom.practice.service import PracticeService, ScoreFailed, Turn, Unfinished
    from mockroom.practice.session import Practice
    from mockroom.store import AttemptRec, CandidateRec
    from mockroom.store.repo import Store
    from mockroom.store.session_lock import SessionHolder
    from mockroom.tui.screens.feedback import FeedbackScreen
    from mockroom.tui.screens.question import QuestionScreen

T = TypeVar("T")


class MockroomApp(App[None]):
    TITLE = "mockroom"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {MockroomCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
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
        self.service: PracticeService | None = None
        self.line: StoreLine | None = None
        """The open store; None until it has opened, after the first screen."""
        self.candidate: CandidateRec | None = None
        self.practice: Practice | None = None
        self._pending_start: StartScreen.Start | None = None
        """Start was pressed before the store had opened: it runs when it has."""
        self.cursor_blink = True
        """Editors blink their cursor; screenshots turn it off so they are repeatable."""
        self._heap = BootHeap()
        self._boot_error: str | None = None
        """Why the bank could not be loaded at all."""

    # -- start-up: settings, the bank, the first screen, then the store -------------------

    def get_default_screen(self) -> Screen[Any]:
        """The start screen, drawn from the settings and the bank; or why the bank failed."""
        if self.bank is None:
            return BootErrorScreen(self._boot_error or "")
        return self._start_screen()

    def on_load(self) -> None:
        """Settings (a tiny file) and the bank, before anything is drawn: the first screen is
        the start screen, in the right language (the store opens after it is painted)."""
        self._heap.pause()
        loaded = load_settings(self.settings_path)
        settings = loaded.settings
        if self._lang_override in ("zh", "en"):
            settings = dataclasses.replace(settings, lang=self._lang_override)
        self.set_reactive(MockroomApp.settings, settings)
        self.set_reactive(MockroomApp.lang, settings.lang)
        self.title = t(self.lang, "app.title")
        self._settings_problem = loaded.problem
        try:
            self.bank = later.load_bank(self.bank_dirs, builtin=self.builtin_bank)
        except Exception as e:  # a bug in one file must not leave a blank screen
            self._boot_error = t(self.lang, "bank.failed", error=e)

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(t(self.lang, "settings.problem", problem=self._settings_problem),
                        severity="warning", timeout=8)
        if self.bank is None:
            self._heap.settle()
            return
        for p in self.bank.problems[:3]:
            self.notify(t(self.lang, "start.skipped", path=f"{p.path}:{p.line}", reason=p.message),
                        severity="warning", timeout=10)
        self.call_after_refresh(self._open_store)  # the start screen is painted first

    def _heartbeat(self) -> None:
        """Keep this app's claim on its session alive; when another window has taken it over,
        stop writing to it and say so (store/session_lock.py)."""
        p, service = self.practice, self.service
        if p is None or service is None or self.line is None:
            return
        sid = p.session_id

        def renewed(ours: bool) -> None:
            if not ours and self.practice is p:
                self.practice = None
                self.notify(t(self.lang, "taken.lost"), severity="warning", timeout=15)
                self._back_to_start()

        self._db(lambda store: service.heartbeat(store, sid), renewed, group="heartbeat")

    def on_unmount(self) -> None:
        self._heap.release()
        p, service, line = self.practice, self.service, self.line
        if p is not None and service is not None and line is not None:
            sid = p.session_id  # give up the claim, so the next start resumes without asking
            with suppress(StoreError):
                line.call(lambda store: service.release(store, sid))

    @work(thread=True, group="boot")
    def _open_store(self) -> None:
        assert self.bank is not None
        service = later.practice_service(self.bank, self.monotonic)
        try:
            line = open_store(self.db_url)
            returning = line.call(service.returning)
        except StoreError as e:
            self.post_message(BootFailed(t(self.lang, "db.failed", error=e)))
            return
        self.post_message(StoreOpened(line, returning, service))
        later.preload()
        # The first score loads the scorer's lazy tables (pinyin): do it now, in the
        # background, rather than on the first keystrokes. Only a warm-up: if scoring fails,
        # it is reported where an answer is scored.
        questions = self.bank.questions
        if questions:
            with suppress(Exception):
                service.scorer.score(next(iter(questions.values())), "预热 warm-up")
        self.post_message(BootDone())

    @on(BootDone)
    def _boot_done(self) -> None:
        self._heap.settle()  # what the boot made lives as long as the app (tui/heap.py)

    @on(StoreOpened)
    def _store_opened(self, msg: StoreOpened) -> None:
        self.line, self.candidate, self.service = msg.line, msg.returning.candidate, msg.service
        self.set_interval(msg.service.HEARTBEAT_S, self._heartbeat)
        self._update_start_screens()
        unfinished = msg.returning.unfinished
        if self.candidate is None:
            self.push_screen(NameDialog(required=True), self._first_name)
        elif unfinished is not None:
            self._pending_start = None
            s = unfinished.session
            text = unfinished.draft.text if unfinished.draft else None
            dialog = ResumeDialog(s.track, s.mode, unfinished.done, len(s.question_ids), text)
            self.push_screen(dialog, lambda resume: self._resume_chosen(unfinished, resume))
        else:
            self._run_pending_start()

    @on(BootFailed)
    def _boot_failed(self, msg: BootFailed) -> None:
        self._heap.settle()
        self._back_to_start()
        self.push_screen(BootErrorScreen(msg.error))  # says why, over the start screen
        self.notify(msg.error, severity="error", timeout=30)

    def _start_screen(self) -> StartScreen:
        assert self.bank is not None
        return StartScreen(self.bank.tracks(), self.bank.problems, self._candidate_name(),
                           ready=self.line is not None)

    def _candidate_name(self) -> str | None:
        return self.candidate.name if self.candidate else None

    def _update_start_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
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
        self.push_screen(NameDialog(current=current), self._first_name)

    def _save_name(self, name: str) -> None:
        self._db(lambda store: store.set_candidate_name(name), self._name_saved)

    def _name_saved(self, candidate: CandidateRec) -> None:
        self.candidate = candidate
        self.notify(t(self.lang, "name.saved", name=candidate.name))
        self._update_start_screens()
        self._run_pending_start()

    # -- sessions ---------------------------------------------------------------------------

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
        service, line, cand = self.service, self.line, self.candidate
        if service is None or line is None or cand is None:
            return
        lang, clock_on = self.lang, self.settings.clock_on

        def started(practice: Practice | None) -> None:
            self._update_start_screens()
            if practice is None:
                key = "start.nothing_due" if mode == "due" else "start.no_tracks"
                self.notify(t(self.lang, key), severity="warning")
                return
            self.practice = practice
            self._next()
            self._read_last_times(practice)

        self._db(lambda store: service.start(store, cand.id, track, count, mode, lang, clock_on),
                 started)

    def _read_last_times(self, p: Practice) -> None:
        """What the session's questions missed last time, read once the first is on screen."""
        service, cand = self.service, self.candidate
        assert service is not None and cand is not None

        def read(found: dict[str, LastTime]) -> None:
            p.last_time = found
            screen = self.screen
            if isinstance(screen, later.question_screen()) and screen.ask.kind == "main":
                screen.last_time = found.get(screen.ask.question.id)

        self._db(lambda store: service.last_times(store, cand.id, p), read, notice=False)

    def _resume_chosen(self, unfinished: Unfinished, resume: bool | None) -> None:
        service = self.service
        assert service is not None and self.line is not None
        sid = unfinished.session.id
        if not resume:
            self._db(lambda store: service.close(store, sid, False))
            return

        def claimed(holder: SessionHolder | None) -> None:
            if holder is None:
                self._resume(unfinished)
            else:
                self.push_screen(TakenDialog(holder), lambda take: self._taken_chosen(unfinished, take))

        self._db(lambda store: service.claim(store, sid), claimed)

    def _taken_chosen(self, unfinished: Unfinished, take_over: bool | None) -> None:
        """Take the session over from the other window, or only read its transcript."""
        service, sid = self.service, unfinished.session.id
        assert service is not None
        if take_over:
            self._db(lambda store: service.claim(store, sid, take_over=True),
                     lambda _: self._resume(unfinished))
        else:
            self.push_screen(later.transcript_screen()(self.records(), sid))

    def _resume(self, unfinished: Unfinished) -> None:
        service = self.service
        assert service is not None
        practice, turn, missing = service.resume(unfinished, self.settings.auto_submit)
        if missing:
            self.notify(t(self.lang, "resume.missing", n=missing), severity="warning")
        self.practice = practice
        if turn is None:
            self._next()
        else:
            self._ask(turn)
        self._read_last_times(practice)

    def _next(self) -> None:
        """The next question, or the summary when the session is over."""
        p, service = self.practice, self.service
        if p is None or service is None:
            self._back_to_start()
            return
        ask = p.next_ask()
        if ask is None:
            sid = p.session_id
            self.practice = None  # closed: no heartbeat may find its claim gone and say "taken"
            self._db(lambda store: service.close(store, sid, True))
            self._show(later.summary_screen()(p, self.bank))
            return
        self._ask(service.turn(ask, self.settings.auto_submit))

    def _ask(self, turn: Turn) -> None:
        assert self.practice is not None and self.service is not None
        p = self.practice
        p.begin(turn.ask, turn.clock)
        last = p.last_time.get(turn.ask.question.id) if turn.ask.kind == "main" else None
        self._show(later.question_screen()(
            turn, position=p.position(turn.ask.question), budget=p.budget,
            feedback=p.feedback_each, last_time=last,
            score=self.service.score, monotonic=self.monotonic, cursor_blink=self.cursor_blink,
        ))

    def _db(
        self, fn: Callable[[Store], T], done: Callable[[T], None] | None = None, *,
        group: str = "db", failed: Callable[[str], None] | None = None, notice: bool = True,
    ) -> Worker[None]:
        """The practice flow's store work (store_work.run_store); a StoreError says "could not
        save" unless `notice` is off, then `failed(error)` runs."""
        assert self.line is not None
        return run_store(self, self.line, fn, done, group=group, failed=failed,
                         fail_key="q.save_failed" if notice else None)

    def _show(self, screen: Screen[Any]) -> None:
        """Replace the current page (the start screen stays at the bottom of the stack)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _back_to_start(self) -> None:
        """The start screen, as the candidate left it."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_new_session(self) -> None:
        if self._answering() or self.bank is None:
            return
        self.practice = None
        self._back_to_start()

    # -- answers ----------------------------------------------------------------------------

    def on_question_screen_draft_changed(self, msg: QuestionScreen.DraftChanged) -> None:
        self._save_draft(msg)

    def _save_draft(self, msg: QuestionScreen.DraftChanged) -> Worker[None] | None:
        p, line, service = self.practice, self.line, self.service
        if p is None or line is None or service is None:
            return None
        return self._db(
            lambda store: service.save_draft(store, p, msg.ask, msg.text, msg.state), group="draft"
        )

    def on_question_screen_submitted(self, msg: QuestionScreen.Submitted) -> None:
        p, service, line = self.practice, self.service, self.line
        assert p is not None and service is not None and line is not None
        p.answering = None  # no draft save may land after this attempt
        screen, ask, lang = msg.screen, msg.ask, self.lang

        def record(store: Any) -> AttemptRec | ScoreFailed:
            try:
                return service.record(store, p, ask, msg.text, msg.times, msg.shown_at, lang)
            except service.ScoreFailed as e:
                return e

        def recorded(result: AttemptRec | ScoreFailed) -> None:
            if isinstance(result, Exception):  # ScoreFailed
                failed(t(lang, "q.score_failed", error=result))
            else:
                self._answered(result, ask)

        def failed(problem: str) -> None:
            p.answering = ask
            screen.submit_failed(problem)

        self._db(record, recorded, failed=failed, notice=False)  # the screen says why

    def _answered(self, attempt: AttemptRec, ask: Ask) -> None:
        """The answer is committed; ask for a self-rating (not for follow-ups), then the score."""
        assert self.practice is not None and self.line is not None and self.service is not None
        self.practice.add(attempt, ask)
        if ask.kind == "follow_up" or not self.settings.self_rating:
            self._feedback(attempt, ask)
            return
        service = self.service

        def rated(rating: int | None) -> None:
            if rating is None:
                self._feedback(attempt, ask)
                return
            # Only the rating can be lost: the answer is stored, so its feedback still follows.
            self._db(lambda store: service.rate(store, attempt, rating),
                     lambda rated: self._feedback(rated, ask),
                     failed=lambda _: self._feedback(attempt, ask))

        self.push_screen(later.rating_dialog()(scores_at_end=not self.practice.feedback_each), rated)

    def _feedback(self, attempt: AttemptRec, ask: Ask) -> None:
        """The score of the answer; in an interview, straight on to the next question."""
        assert self.practice is not None and self.service is not None
        p = self.practice
        p.replace(attempt)
        if not p.feedback_each:
            if not p.over:
                self.notify(t(self.lang, "interview.saved"), timeout=2)
            self._next()
            return
        self._show(later.feedback_screen()(
            attempt, ask, previous=p.previous_of(ask),
            follow_up=self.service.follow_up_for(ask, attempt), budget=p.budget,
        ))

    def on_feedback_screen_next(self) -> None:
        self._next()

    def on_feedback_screen_retry(self, msg: FeedbackScreen.Retry) -> None:
        assert self.service is not None
        ask = self.service.retry(msg.attempt, msg.ask)
        self._ask(self.service.turn(ask, self.settings.auto_submit))

    def on_feedback_screen_ask_follow_up(self, msg: FeedbackScreen.AskFollowUp) -> None:
        assert self.service is not None
        ask = self.service.follow_up(msg.attempt, msg.ask, msg.follow_up)
        self._ask(self.service.turn(ask, self.settings.auto_submit))

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

    async def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, later.question_screen()) and not screen.submitting:
            self.push_screen(later.quit_dialog()(), self._quit_chosen)
            return
        self.exit()

    async def _quit_chosen(self, quit_: bool | None) -> None:
        if not quit_:
            return
        screen = self.screen
        if isinstance(screen, later.question_screen()):
            worker = self._save_draft(screen.draft())
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
