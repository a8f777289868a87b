"""A practice session as the candidate goes through it, page by page.

`PracticeFlow` is made when the store has opened. The app hands it the practice pages'
messages; it decides what the candidate sees next: the session started or resumed (taking
it over from another window, or only reading it), each question, the answer stored, the
self-rating, the feedback with its follow-up or retry, and the summary. The steps
themselves are `PracticeService`'s; every store call goes through `store_work.run_store`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import Worker

from mockroom.store.errors import StoreError
from mockroom.tui import later
from mockroom.tui.screens.resume_dialog import ResumeDialog
from mockroom.tui.screens.taken_dialog import TakenDialog
from mockroom.tui.store_work import StoreLine, run_store
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.ask import Ask
    from mockroom.practice.last_time import LastTime
    from mockroom.practice.service import PracticeService, ScoreFailed, Turn, Unfinished
    from mockroom.practice.session import Practice
    from mockroom.store import AttemptRec
    from mockroom.store.repo import Store
    from mockroom.store.session_lock import SessionHolder
    from mockroom.tui.app import MockroomApp
    from mockroom.tui.screens.feedback import FeedbackScreen
    from mockroom.tui.screens.question import QuestionScreen

T = TypeVar("T")


class PracticeFlow:
    def __init__(self, app: MockroomApp, service: PracticeService, line: StoreLine,
                 bank: Bank, monotonic: Callable[[], float]) -> None:
        self.app = app
        self.service = service
        self.line = line
        self.bank = bank
        self.monotonic = monotonic
        self.practice: Practice | None = None
        """The session under way; None on the start screen."""

    # -- starting, resuming, letting go -----------------------------------------------------

    def start(self, candidate_id: str, track: str, count: int, mode: str) -> None:
        app, service = self.app, self.service
        lang, clock_on = app.lang, app.settings.clock_on

        def started(practice: Practice | None) -> None:
            app.update_start_screens()
            if practice is None:
                key = "start.nothing_due" if mode == "due" else "start.no_tracks"
                app.notify(t(app.lang, key), severity="warning")
                return
            self.practice = practice
            self.next()
            self._read_last_times(practice, candidate_id)

        self.db(lambda store: service.start(store, candidate_id, track, count, mode, lang,
                                            clock_on), started)

    def _read_last_times(self, p: Practice, candidate_id: str) -> None:
        """What the session's questions missed last time, read once the first is on screen."""
        service, app = self.service, self.app

        def read(found: dict[str, LastTime]) -> None:
            p.last_time = found
            screen = app.screen
            if isinstance(screen, later.question_screen()) and screen.ask.kind == "main":
                screen.last_time = found.get(screen.ask.question.id)

        self.db(lambda store: service.last_times(store, candidate_id, p), read, notice=False)

    def offer_resume(self, unfinished: Unfinished) -> None:
        """Ask whether to resume the session a closed terminal left open."""
        s = unfinished.session
        text = unfinished.draft.text if unfinished.draft else None
        dialog = ResumeDialog(s.track, s.mode, unfinished.done, len(s.question_ids), text)
        self.app.push_screen(dialog, lambda resume: self._resume_chosen(unfinished, resume))

    def _resume_chosen(self, unfinished: Unfinished, resume: bool | None) -> None:
        """Resume the session (claiming it), or close it."""
        service, sid = self.service, unfinished.session.id
        if not resume:
            self.db(lambda store: service.close(store, sid, False))
            return

        def claimed(holder: SessionHolder | None) -> None:
            if holder is None:
                self._resume(unfinished)
            else:
                self.app.push_screen(TakenDialog(holder),
                                     lambda take: self._taken_chosen(unfinished, take))

        self.db(lambda store: service.claim(store, sid), claimed)

    def _taken_chosen(self, unfinished: Unfinished, take_over: bool | None) -> None:
        """Take the session over from the other window, or only read its transcript."""
        service, sid = self.service, unfinished.session.id
        if take_over:
            self.db(lambda store: service.claim(store, sid, take_over=True),
                    lambda _: self._resume(unfinished))
        else:
            self.app.push_screen(later.transcript_screen()(self.app.records(), sid))

    def _resume(self, unfinished: Unfinished) -> None:
        practice, turn, missing = self.service.resume(unfinished, self.app.settings.auto_submit)
        if missing:
            self.app.notify(t(self.app.lang, "resume.missing", n=missing), severity="warning")
        self.practice = practice
        if turn is None:
            self.next()
        else:
            self.ask(turn)
        self._read_last_times(practice, unfinished.session.candidate_id)

    def heartbeat(self) -> None:
        """Keep this app's claim on its session alive; when another window has taken it over,
        stop writing to it and say so (store/session_lock.py)."""
        p, service = self.practice, self.service
        if p is None:
            return
        sid = p.session_id

        def renewed(ours: bool) -> None:
            if not ours and self.practice is p:
                self.practice = None
                self.app.notify(t(self.app.lang, "taken.lost"), severity="warning", timeout=15)
                self.app.back_to_start()

        self.db(lambda store: service.heartbeat(store, sid), renewed, group="heartbeat")

    def release(self) -> None:
        """The app is closing: give up the claim, so the next start resumes without asking."""
        p, service = self.practice, self.service
        if p is not None:
            sid = p.session_id
            with suppress(StoreError):
                self.line.call(lambda store: service.release(store, sid))

    # -- questions and answers --------------------------------------------------------------

    def next(self) -> None:
        """The next question, or the summary when the session is over."""
        p, service = self.practice, self.service
        if p is None:
            self.app.back_to_start()
            return
        ask = p.next_ask()
        if ask is None:
            sid = p.session_id
            self.practice = None  # closed: no heartbeat may find its claim gone and say "taken"
            self.db(lambda store: service.close(store, sid, True))
            self.app.show(later.summary_screen()(p, self.bank))
            return
        self.ask(service.turn(ask, self.app.settings.auto_submit))

    def ask(self, turn: Turn) -> None:
        assert self.practice is not None
        p = self.practice
        p.begin(turn.ask, turn.clock)
        last = p.last_time.get(turn.ask.question.id) if turn.ask.kind == "main" else None
        self.app.show(later.question_screen()(
            turn, position=p.position(turn.ask.question), budget=p.budget,
            feedback=p.feedback_each, last_time=last, score=self.service.score, monotonic=self.monotonic,
            cursor_blink=self.app.cursor_blink,
        ))

    def save_draft(self, msg: QuestionScreen.DraftChanged) -> Worker[None] | None:
        p, service = self.practice, self.service
        if p is None:
            return None
        return self.db(
            lambda store: service.save_draft(store, p, msg.ask, msg.text, msg.state), group="draft"
        )

    def submitted(self, msg: QuestionScreen.Submitted) -> None:
        p, service = self.practice, self.service
        assert p is not None
        p.answering = None  # no draft save may land after this attempt
        screen, ask, lang = msg.screen, msg.ask, self.app.lang

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

        self.db(record, recorded, failed=failed, notice=False)  # the screen says why

    def _answered(self, attempt: AttemptRec, ask: Ask) -> None:
        """The answer is committed; ask for a self-rating (not for follow-ups), then the score."""
        assert self.practice is not None
        self.practice.add(attempt, ask)
        if ask.kind == "follow_up" or not self.app.settings.self_rating:
            self._feedback(attempt, ask)
            return
        service = self.service

        def rated(rating: int | None) -> None:
            if rating is None:
                self._feedback(attempt, ask)
                return
            # Only the rating can be lost: the answer is stored, so its feedback still follows.
            self.db(lambda store: service.rate(store, attempt, rating),
                    lambda rated: self._feedback(rated, ask),
                    failed=lambda _: self._feedback(attempt, ask))

        scores_at_end = not self.practice.feedback_each
        self.app.push_screen(later.rating_dialog()(scores_at_end=scores_at_end), rated)

    def _feedback(self, attempt: AttemptRec, ask: Ask) -> None:
        """The score of the answer; in an interview, straight on to the next question."""
        assert self.practice is not None
        p = self.practice
        p.replace(attempt)
        if not p.feedback_each:
            if not p.over:
                self.app.notify(t(self.app.lang, "interview.saved"), timeout=2)
            self.next()
            return
        self.app.show(later.feedback_screen()(
            attempt, ask, previous=p.previous_of(ask),
            follow_up=self.service.follow_up_for(ask, attempt), budget=p.budget,
        ))

    def retry(self, msg: FeedbackScreen.Retry) -> None:
        ask = self.service.retry(msg.attempt, msg.ask)
        self.ask(self.service.turn(ask, self.app.settings.auto_submit))

    def follow_up(self, msg: FeedbackScreen.AskFollowUp) -> None:
        ask = self.service.follow_up(msg.attempt, msg.ask, msg.follow_up)
        self.ask(self.service.turn(ask, self.app.settings.auto_submit))

    def db(
        self, fn: Callable[[Store], T], done: Callable[[T], None] | None = None, *,
        group: str = "db", failed: Callable[[str], None] | None = None, notice: bool = True,
    ) -> Worker[None]:
        """The flow's store work (store_work.run_store); a StoreError says "could not save"
        unless `notice` is off, then `failed(error)` runs."""
        return run_store(self.app, self.line, fn, done, group=group, failed=failed,
                         fail_key="q.save_failed" if notice else None)
