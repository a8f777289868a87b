"""The mockroom practice app: the flow between screens, and every database call.

Screens draw and collect input; this class decides what comes next. All
store and bank work runs in thread workers that post a message back, and all
store calls go through one lock, so a late draft save can never land after
the attempt that replaced it. Screens that are never the first to show are
imported when first wanted, so they cost nothing before the first question.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from mockroom.config.settings import Settings, load_settings, save_settings
from mockroom.core.timing import Budget, QuestionClock, typing_cpm
from mockroom.tui.commands import MockroomCommands
from mockroom.tui.heap import BootHeap
from mockroom.tui.messages import (
    AttemptSaved,
    BankLoaded,
    BootFailed,
    CandidateSaved,
    DbFailed,
    DraftScored,
    Notice,
    SessionStarted,
    StoreOpened,
)
from mockroom.tui.practice import Ask, Practice, mock_budget_s, pick_questions
from mockroom.tui.screens.loading import LoadingScreen
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.rating_dialog import RatingDialog
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.models import FollowUp, Question
    from mockroom.core.result import ScoreResult
    from mockroom.core.scorer import Scorer
    from mockroom.core.timing import AttemptTimes
    from mockroom.store import AttemptRec, CandidateRec, DraftRec, SessionRec, Store

Unfinished = tuple["SessionRec", "DraftRec | None", "list[AttemptRec]"]


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
        self.settings = Settings()
        self.bank: Bank | None = None
        self.scorer: Scorer | None = None
        self.store: Store | None = None
        self.candidate: CandidateRec | None = None
        self.practice: Practice | None = None
        self.db_lock = threading.Lock()
        self.draft_owner: object | None = None
        """The question screen whose drafts may still be saved; None once it is submitted."""
        self._unfinished: Unfinished | None = None
        self.cursor_blink = True
        """Editors blink their cursor; screenshots turn it off so they are repeatable."""
        self._booted = False
        self._settings_problem: str | None = None
        self._heap = BootHeap()

    # -- start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return LoadingScreen()

    def on_load(self) -> None:
        """Settings first (a tiny file), so the first screen is already in the right language."""
        self._heap.pause()
        loaded = load_settings(self.settings_path)
        self.settings = loaded.settings
        if self._lang_override in ("zh", "en"):
            self.settings = dataclasses.replace(self.settings, lang=self._lang_override)
        self.set_reactive(MockroomApp.lang, self.settings.lang)
        self.title = t(self.lang, "app.title")
        self._settings_problem = loaded.problem

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(t(self.lang, "settings.problem", problem=self._settings_problem),
                        severity="warning", timeout=8)
        self._load_bank()
        self._open_store()

    def on_unmount(self) -> None:
        self._heap.release()

    @work(thread=True, group="boot", exit_on_error=False)
    def _load_bank(self) -> None:
        from mockroom.core.bank import load_bank
        from mockroom.core.scorer import Scorer

        try:
            bank = load_bank(self.bank_dirs, builtin=self.builtin_bank)
        except Exception as e:  # a bug in one file must not leave a blank screen
            self.post_message(BootFailed(t(self.lang, "bank.failed", error=e)))
            return
        scorer = Scorer(bank)
        if bank.questions:
            # The first score loads the scorer's lazy tables (pinyin); do it now, in the
            # background, rather than on the candidate's first keystrokes. Only a warm-up: if
            # scoring fails, it is reported where an answer is scored.
            with suppress(Exception):
                scorer.score(next(iter(bank.questions.values())), "预热 warm-up")
        self.post_message(BankLoaded(bank, scorer))

    @work(thread=True, group="boot", exit_on_error=False)
    def _open_store(self) -> None:
        from mockroom.store import StoreError
        from mockroom.store.repo import Store

        try:
            store = Store.open(self.db_url)
            with self.db_lock:
                candidate = store.get_candidate()
                unfinished: Unfinished | None = None
                if candidate is not None:
                    found = store.unfinished_session(candidate.id)
                    if found is not None:
                        session, draft = found
                        unfinished = (session, draft, store.attempts_for_session(session.id))
        except StoreError as e:
            self.post_message(BootFailed(t(self.lang, "db.failed", error=e)))
            return
        self.post_message(StoreOpened(store, candidate, unfinished))

    @on(BankLoaded)
    def _bank_loaded(self, msg: BankLoaded) -> None:
        self.bank, self.scorer = msg.bank, msg.scorer
        for p in msg.bank.problems[:3]:
            self.notify(t(self.lang, "start.skipped", path=f"{p.path}:{p.line}", reason=p.message),
                        severity="warning", timeout=10)
        self._maybe_ready()

    @on(StoreOpened)
    def _store_opened(self, msg: StoreOpened) -> None:
        self.store, self.candidate, self._unfinished = msg.store, msg.candidate, msg.unfinished
        self._maybe_ready()

    @on(BootFailed)
    def _boot_failed(self, msg: BootFailed) -> None:
        self._heap.settle()
        screen = self.screen
        if isinstance(screen, LoadingScreen):
            screen.fail(msg.error)
        self.notify(msg.error, severity="error", timeout=30)

    def _maybe_ready(self) -> None:
        if self._booted or self.bank is None or self.store is None:
            return
        self._booted = True
        self._heap.settle()
        if self.candidate is None:
            from mockroom.tui.screens.name_dialog import NameDialog

            self.push_screen(NameDialog(required=True), self._first_name)
        else:
            self._offer_resume()

    def _first_name(self, name: str | None) -> None:
        if name:
            self._save_name(name, then_start=True)

    def _offer_resume(self) -> None:
        if self._unfinished is None:
            self.push_screen(StartScreen())
            return
        from mockroom.tui.screens.resume_dialog import ResumeDialog

        session, draft, attempts = self._unfinished
        done = len({a.question_id for a in attempts if a.follow_up_of is None})
        text = draft.text if draft else None
        dialog = ResumeDialog(session.track, session.mode, done, len(session.question_ids), text)
        self.push_screen(StartScreen())
        self.push_screen(dialog, self._resume_chosen)

    # -- the candidate's name ---------------------------------------------------------------

    def action_change_name(self) -> None:
        if self.store is None:
            return
        from mockroom.tui.screens.name_dialog import NameDialog

        current = self.candidate.name if self.candidate else ""

        def chosen(name: str | None) -> None:
            if name:
                self._save_name(name, then_start=False)

        self.push_screen(NameDialog(current=current), chosen)

    @work(thread=True, group="db", exit_on_error=False)
    def _save_name(self, name: str, then_start: bool) -> None:
        from mockroom.store import StoreError

        assert self.store is not None
        try:
            with self.db_lock:
                cand = self.store.set_candidate_name(name)
        except StoreError as e:
            self.post_message(DbFailed(str(e)))
            return
        self.post_message(CandidateSaved(cand))
        if then_start:
            self.call_from_thread(self.push_screen, StartScreen())

    @on(CandidateSaved)
    def _candidate_saved(self, msg: CandidateSaved) -> None:
        self.candidate = msg.candidate
        self.notify(t(self.lang, "name.saved", name=msg.candidate.name))
        if isinstance(self.screen, StartScreen):
            self.screen.relabel()

    # -- resuming ---------------------------------------------------------------------------

    def _resume_chosen(self, resume: bool | None) -> None:
        assert self._unfinished is not None and self.bank is not None
        session, draft, attempts = self._unfinished
        self._unfinished = None
        if not resume:
            self._close_session(session.id, finished=False)
            return
        questions = [self.bank.questions[i] for i in session.question_ids if i in self.bank.questions]
        missing = len(session.question_ids) - len(questions)
        if missing:
            self.notify(t(self.lang, "resume.missing", n=missing), severity="warning")
        budget = None
        state = draft.clock if draft else {}
        if session.time_budget_s:
            budget = self._restore_budget(session.time_budget_s, state.get("budget"), attempts)
        self.practice = Practice(
            session.id,
            session.mode,
            session.track,
            questions,
            budget,
            answered={a.question_id for a in attempts if a.follow_up_of is None},
            results=list(attempts),
        )
        ask = Ask.from_dict(state.get("ask") or {}, self.bank.questions) if draft else None
        if draft is None or ask is None:
            self.next_step()
            return
        try:
            clock = QuestionClock.from_dict(
                state["clock"], self.monotonic, auto_submit=self.settings.auto_submit
            )
        except (KeyError, ValueError):
            clock = self._new_clock(ask)
        shown_at = _parse_time(state.get("shown_at"))
        self._show_question(ask, clock, text=draft.text, shown_at=shown_at)

    def _restore_budget(
        self, total_s: int, saved: Any, attempts: list[AttemptRec]
    ) -> Budget:
        if isinstance(saved, dict):
            try:
                return Budget.from_dict(saved, self.monotonic)
            except ValueError:
                pass
        used = sum(a.timing.prep_s + a.timing.answer_s for a in attempts)
        return Budget(total_s, self.monotonic, elapsed=used)

    # -- sessions ---------------------------------------------------------------------------

    def start_session(self, track: str, count: int, mode: str) -> None:
        if self.store is None or self.candidate is None or self.bank is None:
            return
        self._begin_session(track, count, mode, self.lang, self.settings.clock_on)

    @work(thread=True, group="db", exit_on_error=False)
    def _begin_session(self, track: str, count: int, mode: str, lang: str, clock_on: bool) -> None:
        from mockroom.store import StoreError

        assert self.store is not None and self.candidate is not None and self.bank is not None
        bank, store, cand = self.bank, self.store, self.candidate
        try:
            with self.db_lock:
                if mode == "due":
                    due = store.due_questions(cand.id, track=track)
                    questions = [bank.questions[i] for i in due if i in bank.questions][:count]
                else:
                    # From the running tallies: a long history is never read to count it.
                    answered = {
                        p.question_id: p.answers
                        for p in store.question_progress(cand.id, track=track, series=1)
                    }
                    questions = pick_questions(bank.in_track(track), count, answered)
                if not questions:
                    self.post_message(Notice("start.nothing_due" if mode == "due" else "start.no_tracks"))
                    return
                budget = mock_budget_s(questions) if mode == "mock" else None
                ids = [q.id for q in questions]
                session = store.start_session(cand.id, track, mode, lang, ids, budget, clock_on)
        except StoreError as e:
            self.post_message(DbFailed(str(e)))
            return
        self.post_message(SessionStarted(session, ids))

    @on(SessionStarted)
    def _session_started(self, msg: SessionStarted) -> None:
        assert self.bank is not None
        s = msg.session
        budget = Budget(s.time_budget_s, self.monotonic) if s.time_budget_s else None
        questions = [self.bank.questions[i] for i in msg.question_ids]
        self.practice = Practice(s.id, s.mode, s.track, questions, budget)
        self.next_step()

    def next_step(self) -> None:
        """The next question, or the summary when the session is over."""
        p = self.practice
        if p is None:
            self._show(StartScreen())
            return
        q = p.next_question()
        if p.over or q is None:
            from mockroom.tui.screens.summary import SummaryScreen

            self._close_session(p.session_id, finished=True)
            self._show(SummaryScreen(p))
            return
        ask = Ask(q)
        self._show_question(ask, self._new_clock(ask))

    def ask_retry(self, question: Question, previous: AttemptRec) -> None:
        ask = Ask(question, "retry", parent_id=previous.id)
        self._show_question(ask, self._new_clock(ask))

    def ask_follow_up(self, parent: Ask, attempt: AttemptRec, follow_up: FollowUp) -> None:
        ask = Ask(parent.question, "follow_up", follow_up, attempt.id)
        self._show_question(ask, self._new_clock(ask))

    def _new_clock(self, ask: Ask) -> QuestionClock:
        prep, answer = ask.limits
        return QuestionClock(prep, answer, self.monotonic, auto_submit=self.settings.auto_submit)

    def _show_question(
        self, ask: Ask, clock: QuestionClock, text: str = "", shown_at: datetime | None = None
    ) -> None:
        position = self.practice.position(ask.question) if self.practice else None
        self._show(QuestionScreen(ask, clock, text=text, position=position, shown_at=shown_at))

    def _show(self, screen: Screen[Any]) -> None:
        """Replace the current page (the loading screen stays at the bottom of the stack)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @work(thread=True, group="db", exit_on_error=False)
    def _close_session(self, session_id: str, finished: bool) -> None:
        from mockroom.store import StoreError

        assert self.store is not None
        try:
            with self.db_lock:
                if finished:
                    self.store.finish_session(session_id)
                else:
                    self.store.abandon_session(session_id)
        except StoreError as e:
            self.post_message(DbFailed(str(e)))

    def action_new_session(self) -> None:
        if self._answering() or not self._booted:
            return
        self.practice = None
        self._show(StartScreen())

    # -- answers ----------------------------------------------------------------------------

    def submit_answer(self, screen: QuestionScreen, text: str, times: AttemptTimes) -> None:
        self.draft_owner = None  # no draft save may land after this attempt
        self._record_attempt(screen, text, times, self.lang)

    @work(thread=True, group="db", exit_on_error=False)
    def _record_attempt(
        self, screen: QuestionScreen, text: str, times: AttemptTimes, lang: str
    ) -> None:
        from mockroom.store import AttemptTiming, StoreError

        assert self.store is not None and self.scorer is not None and self.bank is not None
        assert self.practice is not None
        ask = screen.ask
        q = ask.question
        try:
            result = self._score(ask, text)
        except Exception as e:  # a scorer bug must not leave the answer stuck at "saving"
            problem = t(lang, "q.score_failed", error=f"{type(e).__name__}: {e}")
            self.call_from_thread(screen.submit_failed, problem)
            return
        timing = AttemptTiming(
            shown_at=screen.shown_at,
            first_key_s=times.first_key_s,
            prep_s=times.prep_s,
            answer_s=times.answer_s,
            overtime_s=times.overtime_s,
            typing_cpm=typing_cpm(text, times.answer_s),
        )
        follow_up_of = ask.parent_id if ask.kind == "follow_up" else None
        criterion = ask.follow_up.criterion if ask.follow_up else None
        try:
            with self.db_lock:
                attempt = self.store.record_attempt(
                    self.practice.session_id, q.id, self.bank.version_of(q.id), lang, text,
                    result, timing, follow_up_of=follow_up_of, follow_up_criterion=criterion,
                )
        except StoreError as e:
            self.call_from_thread(screen.submit_failed, str(e))
            return
        self.post_message(AttemptSaved(attempt, ask))

    @on(AttemptSaved)
    def _attempt_saved(self, msg: AttemptSaved) -> None:
        """The answer is committed; ask for a self-rating (not for follow-ups), then the score."""
        assert self.practice is not None
        p, ask, attempt = self.practice, msg.ask, msg.attempt
        p.results.append(attempt)
        if ask.kind == "main":
            p.answered.add(ask.question.id)
        if ask.kind == "follow_up" or not self.settings.self_rating:
            self._show_feedback(attempt, ask)
            return

        def rated(rating: int | None) -> None:
            if rating is None:
                self._show_feedback(attempt, ask)
            else:
                self._save_self_rating(attempt, ask, rating)

        self.push_screen(RatingDialog(), rated)

    @work(thread=True, group="db", exit_on_error=False)
    def _save_self_rating(self, attempt: AttemptRec, ask: Ask, rating: int) -> None:
        from mockroom.store import StoreError

        assert self.store is not None
        try:
            with self.db_lock:
                self.store.set_self_rating(attempt.id, rating)
        except StoreError as e:
            # Only the rating is lost: the answer is stored, so its feedback still follows.
            self.post_message(DbFailed(str(e)))
        else:
            attempt = dataclasses.replace(attempt, self_rating=rating)
        self.call_from_thread(self._show_feedback, attempt, ask)

    def _show_feedback(self, attempt: AttemptRec, ask: Ask) -> None:
        from mockroom.tui.screens.feedback import FeedbackScreen

        assert self.practice is not None and self.scorer is not None
        p = self.practice
        p.results = [attempt if a.id == attempt.id else a for a in p.results]
        previous = None
        if ask.kind == "retry":
            previous = next((a for a in p.results if a.id == ask.parent_id), None)
        follow_up = (
            self.scorer.follow_up_for(ask.question, attempt.result) if ask.kind == "main" else None
        )
        self._show(FeedbackScreen(attempt, ask, previous=previous, follow_up=follow_up))

    # -- drafts -----------------------------------------------------------------------------

    def save_draft(self, owner: QuestionScreen, text: str, state: dict[str, Any]) -> Any:
        if self.practice is None or self.store is None:
            return None
        return self._write_draft(owner, self.practice.session_id, owner.ask.question.id, text, state)

    @work(thread=True, group="draft", exit_on_error=False)
    def _write_draft(
        self, owner: object, session_id: str, question_id: str, text: str, state: dict[str, Any]
    ) -> None:
        from mockroom.store import StoreError

        assert self.store is not None
        try:
            with self.db_lock:
                if self.draft_owner is owner:
                    self.store.save_draft(session_id, question_id, text, state)
        except StoreError as e:
            self.post_message(DbFailed(str(e)))

    # -- scoring the draft while it is typed (length counter, live meter) ------------------

    def score_draft(self, screen: QuestionScreen, text: str, version: int) -> None:
        self._draft_scorer(screen, text, version)

    @work(thread=True, group="draft-score", exit_on_error=False)
    def _draft_scorer(self, screen: QuestionScreen, text: str, version: int) -> None:
        result = None
        try:
            if self.scorer is not None:
                result = self._score(screen.ask, text)
        finally:
            # Always answer, even if scoring failed, so the screen keeps scheduling new ones.
            self.post_message(DraftScored(screen, result, version))

    def _score(self, ask: Ask, text: str) -> ScoreResult:
        assert self.scorer is not None
        if ask.kind == "follow_up" and ask.follow_up is not None:
            return self.scorer.score_follow_up(ask.question, ask.follow_up.criterion, text)
        return self.scorer.score(ask.question, text)

    @on(DraftScored)
    def _draft_scored(self, msg: DraftScored) -> None:
        msg.screen.show_draft_score(msg.result, msg.version)

    # -- settings and language --------------------------------------------------------------

    def watch_lang(self, lang: str) -> None:
        self.title = t(lang, "app.title")
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()
        self.change_setting("lang", lang)

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.notify(t(self.lang, "lang.switched"), timeout=2)

    def change_setting(self, name: str, value: Any) -> None:
        self.settings = dataclasses.replace(self.settings, **{name: value})
        if isinstance(self.screen, QuestionScreen):
            self.screen.settings_changed()
        self._write_settings(self.settings)

    @work(thread=True, group="settings", exclusive=True, exit_on_error=False)
    def _write_settings(self, settings: Settings) -> None:
        try:
            save_settings(settings, self.settings_path)
        except (OSError, ValueError) as e:
            self.post_message(Notice("settings.save_failed", {"error": e}))

    def _toggle(self, name: str, key: str) -> None:
        value = not getattr(self.settings, name)
        self.change_setting(name, value)
        state = t(self.lang, "on" if value else "off")
        self.notify(t(self.lang, key, state=state), timeout=2)
        if isinstance(self.screen, StartScreen):
            self.screen.relabel()

    def action_toggle_clock(self) -> None:
        self._toggle("clock_on", "setting.clock")

    def action_toggle_auto_submit(self) -> None:
        self._toggle("auto_submit", "setting.auto_submit")

    def action_toggle_live_meter(self) -> None:
        self._toggle("live_meter", "setting.live_meter")

    def action_toggle_self_rating(self) -> None:
        self._toggle("self_rating", "setting.self_rating")

    def action_progress(self) -> None:
        from mockroom.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_review(self) -> None:
        from mockroom.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("progress", "review"):
            # Pushed over the start or summary screens; never over a running question, nor
            # over another history page. (Asked for every footer: imports nothing.)
            history_page = getattr(self._page(), "HISTORY_PAGE", False)
            return self._booted and not self._answering() and not history_page
        if action == "new_session":
            return self._booted and not self._answering()
        if action == "change_name":
            return self.store is not None
        return True

    def _page(self) -> Screen[Any]:
        """The screen the candidate is on, looking past the command palette opened over it."""
        return next(s for s in reversed(self.screen_stack) if not isinstance(s, CommandPalette))

    def _answering(self) -> bool:
        """A question, or the self-rating of the answer just stored, is waiting for the candidate."""
        return isinstance(self._page(), QuestionScreen | RatingDialog)

    # -- notices and quitting ---------------------------------------------------------------

    @on(Notice)
    def _notice(self, msg: Notice) -> None:
        self.notify(t(self.lang, msg.key, **(msg.fields or {})), severity="warning")

    @on(DbFailed)
    def _db_failed(self, msg: DbFailed) -> None:
        self.notify(t(self.lang, "q.save_failed", error=msg.error), severity="error", timeout=10)

    async def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, QuestionScreen) and not screen.submitting:
            from mockroom.tui.screens.quit_dialog import QuitDialog

            self.push_screen(QuitDialog(), self._quit_chosen)
            return
        self.exit()

    async def _quit_chosen(self, quit_: bool | None) -> None:
        screen = self.screen
        if not quit_:
            return
        if isinstance(screen, QuestionScreen):
            worker = self.save_draft(screen, screen.editor.text, screen.draft_state())
            if worker is not None:
                await worker.wait()
        self.exit()


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
