"""class Store: everything mockroom keeps, behind one small API of records.

Every method is one transaction, committed before it returns: an answer is
on disk before its feedback is shown. Methods raise StoreError (NotFound for
unknown ids) with a message for people, never a driver traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from mockroom.config.paths import default_db_url
from mockroom.core.result import ScoreResult
from mockroom.store import convert, db, evidence, tally
from mockroom.store.due import DueMixin
from mockroom.store.errors import StoreError
from mockroom.store.names import checked_name
from mockroom.store.progress import ProgressMixin
from mockroom.store.records import (
    LANGS,
    MODES,
    AttemptRec,
    AttemptTiming,
    CandidateRec,
    DraftRec,
    SessionRec,
)
from mockroom.store.review import ReviewMixin
from mockroom.store.rows import get_row, new_id
from mockroom.store.session_lock import Claimant, SessionLockMixin
from mockroom.store.tables import (
    AttemptRow,
    CandidateRow,
    DraftRow,
    ReviewCardRow,
    SessionLockRow,
    SessionRow,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(ReviewMixin, ProgressMixin, SessionLockMixin, DueMixin):
    """Sessions, drafts and attempts here; coach review in review.py, progress in progress.py,
    which app has a session open in session_lock.py."""

    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        """Use Store.open(); this takes an engine that is already migrated."""
        self._engine: Engine | None = engine
        self._clock = clock

    @classmethod
    def open(cls, url: str | None = None, *, clock: Clock | None = None) -> Store:
        """Open (creating and migrating if needed) the database at `url`.

        None means config.paths.default_db_url(). `clock` gives the current UTC
        time to stamp records with; tests pass a fixed one.
        """
        engine = db.connect(url or default_db_url())
        try:
            db.migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, clock or utc_now)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return db.describe(self._live().url)

    @property
    def read_only(self) -> bool:
        """An SQLite file this user may only read: reading works, any change is refused."""
        return db.is_read_only(self._live())

    @property
    def in_memory(self) -> bool:
        """An SQLite database in memory (sqlite://): everything is gone when the store closes."""
        return db.in_memory(self._live().url)

    # -- the local candidate ------------------------------------------------------------------

    def get_candidate(self) -> CandidateRec | None:
        """The local candidate: the one used most recently, None before the first run."""
        with self._read() as s:
            row = _latest_candidate(s)
            return convert.candidate(row) if row else None

    def set_candidate_name(self, name: str) -> CandidateRec:
        """Create the local candidate, or rename the current one."""
        clean = checked_name("candidate", name)
        now = self._now()
        with self._tx() as s:
            row = _latest_candidate(s)
            if row is None:
                row = CandidateRow(id=new_id(), name=clean, created_at=now, last_used_at=now)
            else:
                row.name, row.last_used_at = clean, now
            s.add(row)
            return convert.candidate(row)

    # -- sessions -----------------------------------------------------------------------------

    def start_session(
        self,
        candidate_id: str,
        track: str,
        mode: str,
        lang: str,
        question_ids: list[str],
        time_budget_s: int | None,
        clock_on: bool,
        claimant: Claimant | None = None,
    ) -> SessionRec:
        """Open a new session; with `claimant`, claimed for that app in the same transaction,
        so a session is never left started but unclaimed (session_lock.py)."""
        _check_choice("mode", mode, MODES)
        _check_choice("language", lang, LANGS)
        if not question_ids:
            raise StoreError("a session needs at least one question")
        if time_budget_s is not None and time_budget_s <= 0:
            raise StoreError(f"time budget must be positive seconds, got {time_budget_s}")
        now = self._now()
        with self._tx() as s:
            cand = get_row(s, CandidateRow, candidate_id, "candidate")
            cand.last_used_at = now
            row = SessionRow(
                id=new_id(),
                candidate_id=candidate_id,
                track=track,
                mode=mode,
                lang=lang,
                question_ids=list(question_ids),
                time_budget_s=time_budget_s,
                clock_on=clock_on,
                started_at=now,
                state="open",
            )
            s.add_all([cand, row])
            if claimant is not None:
                s.flush()  # the session row first: the claim refers to it
                self._claim_new(s, row.id, claimant, now)
            return convert.session(row)

    def finish_session(self, session_id: str) -> None:
        self._close_session(session_id, "finished")

    def abandon_session(self, session_id: str) -> None:
        self._close_session(session_id, "abandoned")

    def unfinished_session(self, candidate_id: str) -> tuple[SessionRec, DraftRec | None] | None:
        """The candidate's most recent open session and its draft, to offer a resume."""
        with self._read() as s:
            row = s.exec(
                select(SessionRow)
                .where(SessionRow.candidate_id == candidate_id, SessionRow.state == "open")
                .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id))
                .limit(1)
            ).first()
            if row is None:
                return None
            draft = s.get(DraftRow, row.id)
            return convert.session(row), convert.draft(draft) if draft else None

    def get_session(self, session_id: str) -> SessionRec:
        with self._read() as s:
            return convert.session(get_row(s, SessionRow, session_id, "session"))

    # -- drafts -------------------------------------------------------------------------------

    def save_draft(
        self,
        session_id: str,
        question_id: str,
        text: str,
        clock: dict[str, Any],
        holder: str | None = None,
    ) -> None:
        """Keep the answer being typed (one draft per session, replacing the last one).

        With `holder` (session_lock.py), SessionTaken when another app holds the session.
        """
        values = {
            "session_id": session_id,
            "question_id": question_id,
            "text": text,
            "clock": dict(clock),
            "saved_at": self._now(),
        }
        with self._tx() as s:
            _open_session(s, session_id)
            self._check_holder(s, session_id, holder)
            db.upsert(
                s.connection(),
                DraftRow,
                [values],
                ["session_id"],
                lambda new: {k: new[k] for k in values if k != "session_id"},
            )

    def load_draft(self, session_id: str) -> DraftRec | None:
        with self._read() as s:
            row = s.get(DraftRow, session_id)
            return convert.draft(row) if row else None

    def clear_draft(self, session_id: str) -> None:
        with self._tx() as s:
            s.exec(delete(DraftRow).where(col(DraftRow.session_id) == session_id))

    # -- attempts -----------------------------------------------------------------------------

    def record_attempt(
        self,
        session_id: str,
        question_id: str,
        bank_version: str,
        prompt_lang: str,
        answer: str,
        result: ScoreResult,
        timing: AttemptTiming,
        follow_up_of: str | None = None,
        follow_up_criterion: str | None = None,
        self_rating: int | None = None,
        holder: str | None = None,
    ) -> AttemptRec:
        """Store a scored answer, clear the session's draft, and reschedule the question.

        Only main answers move the question's review card; a follow-up
        answers one rubric point of an answer that was already counted.
        """
        _check_choice("prompt language", prompt_lang, LANGS)
        if result.question_id != question_id:
            raise StoreError(
                f"the score is for question {result.question_id!r}, not {question_id!r}"
            )
        if (follow_up_of is None) != (follow_up_criterion is None):
            raise StoreError("a follow-up needs both the attempt it follows and its rubric point")
        _aware(timing.shown_at)
        now = self._now()
        with self._tx() as s:
            sess = _open_session(s, session_id)
            self._check_holder(s, session_id, holder)
            if question_id not in sess.question_ids:
                raise StoreError(f"question {question_id!r} is not part of session {session_id}")
            if follow_up_of is not None:
                parent = get_row(s, AttemptRow, follow_up_of, "attempt")
                if parent.session_id != session_id or parent.question_id != question_id:
                    raise StoreError(
                        f"attempt {follow_up_of} is not an answer to {question_id!r} in this session"
                    )
            rec = AttemptRec(
                id=new_id(),
                session_id=session_id,
                question_id=question_id,
                bank_version=bank_version,
                prompt_lang=prompt_lang,
                answer=answer,
                result=result,
                timing=timing,
                auto_score=result.score,
                follow_up_of=follow_up_of,
                follow_up_criterion=follow_up_criterion,
                self_rating=self_rating,
                created_at=now,
            )
            packed = evidence.write(s.connection(), result, answer)
            row = convert.attempt_row(rec, sess.candidate_id, packed)
            s.add(row)
            s.flush()  # the attempt row before the rows that refer to it
            criteria = convert.criterion_rows(rec.id, result)
            s.add_all(criteria)
            tally.count_answer(s, row, criteria)
            s.exec(delete(DraftRow).where(col(DraftRow.session_id) == session_id))
            if follow_up_of is None:
                _reschedule(s, sess.candidate_id, question_id, result, now)
            return rec

    def set_self_rating(self, attempt_id: str, rating: int | None) -> None:
        """Keep the candidate's own rating of an answer, 1 (poor) to 5 (strong); None clears it.

        Asked after the attempt is committed, so a crash before the candidate
        chooses loses only the rating, never the answer.
        """
        if rating is not None and (
            isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
        ):
            raise StoreError(f"a self-rating is a whole number from 1 to 5, got {rating!r}")
        with self._tx() as s:
            row = get_row(s, AttemptRow, attempt_id, "attempt")
            row.self_rating = rating
            s.add(row)

    def attempts_for_session(self, session_id: str) -> list[AttemptRec]:
        with self._read() as s:
            rows = s.exec(
                select(AttemptRow)
                .where(AttemptRow.session_id == session_id)
                .order_by(col(AttemptRow.created_at), col(AttemptRow.id))
            ).all()
            return convert.attempts(s.connection(), rows)

    def attempts_for_question(self, candidate_id: str, question_id: str) -> list[AttemptRec]:
        with self._read() as s:
            rows = s.exec(
                select(AttemptRow)
                .where(
                    AttemptRow.candidate_id == candidate_id, AttemptRow.question_id == question_id
                )
                .order_by(col(AttemptRow.created_at), col(AttemptRow.id))
            ).all()
            return convert.attempts(s.connection(), rows)

    def get_attempt(self, attempt_id: str) -> AttemptRec:
        with self._read() as s:
            [rec] = convert.attempts(s.connection(), [get_row(s, AttemptRow, attempt_id, "attempt")])
            return rec

    # -- spaced repetition --------------------------------------------------------------------

    def due_questions(
        self, candidate_id: str, now: datetime | None = None, track: str | None = None
    ) -> list[str]:
        """Ids of the questions due for practice at `now`, most overdue first."""
        moment = self._now() if now is None else _aware(now)
        query = select(ReviewCardRow.question_id).where(
            ReviewCardRow.candidate_id == candidate_id, col(ReviewCardRow.due) <= moment
        )
        if track is not None:
            query = query.where(ReviewCardRow.track == track)
        with self._read() as s:
            return list(
                s.exec(query.order_by(col(ReviewCardRow.due), col(ReviewCardRow.question_id))).all()
            )

    # -- plumbing -----------------------------------------------------------------------------

    def _close_session(self, session_id: str, state: str) -> None:
        """Close an open session and drop its draft; closing it again changes nothing."""
        now = self._now()
        with self._tx() as s:
            row = get_row(s, SessionRow, session_id, "session")
            if row.state == "open":
                row.state, row.ended_at = state, now
                s.add(row)
            s.exec(delete(DraftRow).where(col(DraftRow.session_id) == session_id))
            s.exec(delete(SessionLockRow).where(col(SessionLockRow.session_id) == session_id))

    def _now(self) -> datetime:
        return _aware(self._clock())

    def _live(self) -> Engine:
        if self._engine is None:
            raise StoreError("the store is closed")
        return self._engine

    def _tx(self) -> AbstractContextManager[Session]:
        """One transaction, committed when the block ends without an error."""
        return self._session(self._live())

    def _read(self) -> AbstractContextManager[Session]:
        """A transaction that only reads: on SQLite it never waits for another writer."""
        return self._session(self._live().execution_options(**{db.READ_ONLY: True}))

    @contextmanager
    def _session(self, engine: Engine) -> Iterator[Session]:
        try:
            with Session(engine, expire_on_commit=False) as s, s.begin():
                yield s
        except SQLAlchemyError as e:
            raise StoreError(f"database error on {db.describe(engine.url)}: {db.reason(e)}") from e
        except UnicodeEncodeError as e:  # a lone surrogate, e.g. from an argument not in UTF-8
            raise StoreError(
                f"text with U+{ord(e.object[e.start]):04X} is not valid UTF-8; the database "
                "cannot take it"
            ) from e


def _reschedule(
    s: Session, candidate_id: str, question_id: str, result: ScoreResult, now: datetime
) -> None:
    from mockroom.core import schedule  # and FSRS: loaded with the first answer, not at open

    row = s.get(ReviewCardRow, (candidate_id, question_id), with_for_update=True)
    card = schedule.review(row.card if row else None, result, now)
    rating = int(schedule.rating_for(result))
    if row is None:
        row = ReviewCardRow(
            candidate_id=candidate_id,
            question_id=question_id,
            track=question_id.split(".", 1)[0],
            card=card,
            due=schedule.due_at(card),
            last_rating=rating,
            reviews=1,
            updated_at=now,
        )
    else:
        row.card, row.due, row.last_rating = card, schedule.due_at(card), rating
        row.reviews, row.updated_at = row.reviews + 1, now
    s.add(row)


def _latest_candidate(s: Session) -> CandidateRow | None:
    # Candidates who came in with an imported session are the coach's, never the local one.
    return s.exec(
        select(CandidateRow)
        .where(col(CandidateRow.imported_at).is_(None))
        .order_by(
            col(CandidateRow.last_used_at).desc(), col(CandidateRow.created_at).desc()
        )
    ).first()


def _open_session(s: Session, session_id: str) -> SessionRow:
    row = get_row(s, SessionRow, session_id, "session")
    if row.state != "open":
        raise StoreError(f"session {session_id} is already {row.state}")
    return row


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise StoreError(f"unknown {what} {value!r} (expected one of {', '.join(choices)})")


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise StoreError(f"a naive time {moment.isoformat()} reached the store; give UTC times")
    return moment.astimezone(UTC)
