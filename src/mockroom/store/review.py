"""Coach review on the Store: session lists, transcripts, comments, overrides, imports.

A mixin of class Store (repo.py), so the store stays one object with one API
while each concern keeps its own file. The auto score and the scorer's
verdict on each rubric point are never changed: the coach's score and
verdicts sit beside them, and whatever the coach did last carries a
`coached_at` time so an import can keep the newer review.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mockroom.core.verdict import best_attempt
from mockroom.store import convert, evidence, lineage, summary_lineage, tally
from mockroom.store.errors import NotFound, StoreError
from mockroom.store.names import checked_name
from mockroom.store.records import (
    REVIEW_STATES,
    CoachReview,
    CommentRec,
    SessionRec,
    SessionSummary,
    SessionSummaryNote,
    Transcript,
    TranscriptItem,
)
from mockroom.store.review_merge import (
    ImportConflict,
    Resolution,
    ReviewConflict,
    criteria_of,
    merge_review,
)
from mockroom.store.rows import get_row, new_id
from mockroom.store.summary_lineage import SummaryConflict
from mockroom.store.tables import AttemptRow, CandidateRow, CommentRow, CriterionRow, SessionRow

if TYPE_CHECKING:
    from mockroom.core.calibrate import GradedPair, PointVerdict

COMMENT_MAX = 20_000
MIN_PREFIX = 4


@dataclass(frozen=True)
class ImportOutcome:
    session_id: str
    new_session: bool
    attempts_added: int
    comments_added: int
    reviews_updated: int
    """Answers whose coach review the file continued, or whose conflict was resolved."""
    summary_updated: bool = False
    """The coach's overall comment was taken from the file (or its conflict resolved)."""

    @property
    def changed(self) -> bool:
        return bool(
            self.new_session or self.attempts_added or self.comments_added or self.reviews_updated
            or self.summary_updated
        )


class ReviewMixin:
    if TYPE_CHECKING:

        def _tx(self) -> AbstractContextManager[Session]: ...

        def _read(self) -> AbstractContextManager[Session]: ...

        def _now(self) -> datetime: ...

    # -- finding and listing ------------------------------------------------------------------

    def find_session(self, ident: str) -> SessionRec:
        """A session by its id or a unique prefix of it (at least four characters)."""
        ident = ident.strip().lower()
        with self._read() as s:
            row = s.get(SessionRow, ident)
            if row is not None:
                return convert.session(row)
            if len(ident) < MIN_PREFIX:
                raise NotFound(
                    f"no session with id {ident!r} (give at least {MIN_PREFIX} characters)"
                )
            rows = s.exec(
                select(SessionRow)
                .where(col(SessionRow.id).startswith(ident, autoescape=True))
                .limit(2)
            ).all()
        if not rows:
            raise NotFound(f"no session with id {ident!r}")
        if len(rows) > 1:
            raise StoreError(f"session id {ident!r} is ambiguous; give more characters")
        return convert.session(rows[0])

    def list_sessions(
        self,
        candidate: str | None = None,
        track: str | None = None,
        review_state: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[SessionSummary]:
        """Sessions newest first. `candidate` is a candidate id or part of a name (any case).

        Counts, review state and mean scores are over main answers (follow-ups
        belong to the answer they follow). The page of sessions is chosen first
        (the review state by EXISTS, so an index walk by date can stop at
        `limit`), then only its answers are counted.
        """
        if review_state is not None and review_state not in REVIEW_STATES:
            raise StoreError(
                f"unknown review state {review_state!r} (expected one of {', '.join(REVIEW_STATES)})"
            )
        if since is not None and since.tzinfo is None:
            raise StoreError("`since` must be a timezone-aware time")
        main = and_(
            col(AttemptRow.session_id) == col(SessionRow.id), col(AttemptRow.follow_up_of).is_(None)
        )
        page = (
            sa_select(col(SessionRow.id))
            .join(CandidateRow, col(CandidateRow.id) == col(SessionRow.candidate_id))
            .where(*_session_filters(candidate, track, since, review_state, main))
            .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id))
            .limit(limit)
            .correlate(None)
        )
        sessions = (
            sa_select(
                col(SessionRow.id),
                col(SessionRow.candidate_id),
                col(SessionRow.track),
                col(SessionRow.mode),
                col(SessionRow.state),
                col(SessionRow.started_at),
                col(SessionRow.ended_at),
                col(SessionRow.imported_at),
                col(CandidateRow.name),
            )
            .join(CandidateRow, col(CandidateRow.id) == col(SessionRow.candidate_id))
            .where(col(SessionRow.id).in_(page))
            .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id))
        )
        answers = (
            sa_select(
                col(AttemptRow.session_id),
                col(AttemptRow.question_id),
                col(AttemptRow.auto_score),
                col(AttemptRow.coach_score),
                col(AttemptRow.reviewed_at).is_not(None),
            )
            .where(col(AttemptRow.session_id).in_(page), col(AttemptRow.follow_up_of).is_(None))
            .order_by(col(AttemptRow.created_at), col(AttemptRow.id))
        )
        with self._read() as s:
            conn = s.connection()
            rows = conn.execute(sessions).all()
            by_session: dict[str, dict[str, list[_Main]]] = {}
            for sid, qid, auto, coach, done in conn.execute(answers).all():
                main_answer = _Main(float(auto), None if coach is None else float(coach), bool(done))
                by_session.setdefault(sid, {}).setdefault(qid, []).append(main_answer)
        return [
            _summary(row, list(by_session.get(row[0], {}).values())) for row in rows
        ]

    def transcript(self, session_id: str) -> Transcript:
        """A session with every answer, its evidence, the coach's review and the comments."""
        with self._read() as s:
            sess = get_row(s, SessionRow, session_id, "session")
            cand = s.get(CandidateRow, sess.candidate_id)
            assert cand is not None  # a foreign key with ON DELETE CASCADE
            rows = s.exec(
                select(AttemptRow)
                .where(AttemptRow.session_id == session_id)
                .order_by(col(AttemptRow.created_at), col(AttemptRow.id))
            ).all()
            ids = [r.id for r in rows]
            overridden = s.exec(
                select(CriterionRow).where(
                    col(CriterionRow.attempt_id).in_(ids), col(CriterionRow.coach_hit).is_not(None)
                )
            ).all()
            comments = s.exec(
                select(CommentRow)
                .where(col(CommentRow.attempt_id).in_(ids))
                .order_by(col(CommentRow.created_at), col(CommentRow.id))
            ).all()
            items = tuple(
                TranscriptItem(
                    attempt=rec,
                    review=convert.coach_review(r, [c for c in overridden if c.attempt_id == r.id]),
                    comments=tuple(convert.comment(c) for c in comments if c.attempt_id == r.id),
                )
                for r, rec in zip(rows, convert.attempts(s.connection(), rows), strict=True)
            )
            return Transcript(
                candidate=convert.candidate(cand), session=convert.session(sess), items=items
            )

    # -- the coach's work ---------------------------------------------------------------------

    def set_summary(self, session_id: str, text: str, coach: str) -> SessionRec:
        """Write the coach's overall comment on a session; empty text removes it."""
        coach = checked_name("coach", coach)
        body = text.strip()
        if len(body) > COMMENT_MAX:
            raise StoreError(f"the summary is longer than {COMMENT_MAX} characters")
        with self._tx() as s:
            sess = get_row(s, SessionRow, session_id, "session")
            summary_lineage.write(
                sess, SessionSummaryNote(body, coach, self._now()) if body else None
            )
            s.add(sess)
            s.flush()
            return convert.session(sess)

    def add_comment(
        self, attempt_id: str, author: str, body: str, span: tuple[int, int] | None = None
    ) -> CommentRec:
        """Comment on an answer, or on its passage answer[span[0]:span[1]]."""
        author = checked_name("author", author)
        text = body.strip()
        if not text:
            raise StoreError("the comment is empty")
        if len(text) > COMMENT_MAX:
            raise StoreError(f"the comment is longer than {COMMENT_MAX} characters")
        with self._tx() as s:
            attempt = get_row(s, AttemptRow, attempt_id, "answer")
            if span is not None:
                start, end = span
                if not 0 <= start < end <= len(attempt.answer):
                    raise StoreError(
                        f"passage {start}:{end} is outside the answer "
                        f"(0:{len(attempt.answer)}, start before end)"
                    )
            rec = CommentRec(
                id=new_id(),
                attempt_id=attempt_id,
                author=author,
                body=text,
                span=span,
                created_at=self._now(),
            )
            s.add(convert.comment_row(rec))
            return rec

    def override_criterion(
        self, attempt_id: str, key: str, hit: bool | None, coach: str
    ) -> CoachReview:
        """Set whether rubric point `key` was met (None gives the decision back to the scorer)."""
        coach = checked_name("coach", coach)
        with self._tx() as s:
            attempt = get_row(s, AttemptRow, attempt_id, "answer")
            row = s.get(CriterionRow, (attempt_id, key))
            if row is None:
                keys = ", ".join(c.key for c in criteria_of(s, attempt_id)) or "none"
                raise NotFound(f"answer {attempt_id} has no rubric point {key!r} (points: {keys})")
            was_met = tally.met(row)
            row.coach_hit = hit
            s.add(row)
            tally.verdict_changed(s, attempt, row, was_met)
            return self._touched(s, attempt, coach)

    def override_score(self, attempt_id: str, score: float | None, coach: str) -> CoachReview:
        """Give the coach's score, 0-100 (None removes it); the auto score stays as it was."""
        coach = checked_name("coach", coach)
        if score is not None and not 0 <= score <= 100:
            raise StoreError(f"a score is between 0 and 100, got {score:g}")
        with self._tx() as s:
            attempt = get_row(s, AttemptRow, attempt_id, "answer")
            attempt.coach_score = None if score is None else round(float(score), 1) + 0.0  # no -0
            tally.score_changed(s, attempt)
            return self._touched(s, attempt, coach)

    def mark_reviewed(self, attempt_id: str, coach: str, reviewed: bool = True) -> CoachReview:
        coach = checked_name("coach", coach)
        with self._tx() as s:
            attempt = get_row(s, AttemptRow, attempt_id, "answer")
            attempt.reviewed_at = self._now() if reviewed else None
            return self._touched(s, attempt, coach)

    def coach_review(self, attempt_id: str) -> CoachReview:
        with self._read() as s:
            attempt = get_row(s, AttemptRow, attempt_id, "answer")
            return convert.coach_review(attempt, criteria_of(s, attempt_id))

    def _touched(self, s: Session, attempt: AttemptRow, coach: str) -> CoachReview:
        """Sign the change with the coach and the time, and make it the review's next state."""
        attempt.coach, attempt.coached_at = coach, self._now()
        s.add(attempt)
        s.flush()
        criteria = criteria_of(s, attempt.id)
        parent = attempt.review_digest
        if parent is not None:
            attempt.review_ancestors = lineage.joined(attempt.review_ancestors or [], [parent])
        attempt.review_revision = (attempt.review_revision or 0) + 1
        attempt.review_digest = lineage.digest(
            parent, attempt.coach, attempt.coach_score, attempt.reviewed_at, attempt.coached_at,
            {c.key: c.coach_hit for c in criteria if c.coach_hit is not None},
        )
        s.add(attempt)
        return convert.coach_review(attempt, criteria)

    # -- calibration input --------------------------------------------------------------------

    def calibration_data(
        self, track: str | None = None, coach: str | None = None
    ) -> tuple[list[GradedPair], list[PointVerdict]]:
        """Scores of answers the coach graded, and rubric points of answers a coach touched.

        Every graded attempt is a pair, first answers and retries alike: each is a whole
        answer to the question that both the scorer and the coach judged. (Pairing only a
        question's best attempt would pick, among graded attempts, the one the coach rated
        highest, and so bias coach - auto upwards.) Follow-ups are left out of the scores:
        they answer one point, scored against it alone, on another scale. A coach's verdict
        on a point counts wherever it was given, follow-ups included."""
        from mockroom.core.calibrate import GradedPair, PointVerdict

        touched: list[ColumnElement[bool]] = [col(AttemptRow.coached_at).is_not(None)]
        if track:
            touched.append(col(SessionRow.track) == track)
        if coach:
            touched.append(col(AttemptRow.coach) == coach)
        pairs_q = (
            select(AttemptRow.question_id, AttemptRow.auto_score, AttemptRow.coach_score)
            .join(SessionRow, col(SessionRow.id) == col(AttemptRow.session_id))
            .where(
                *touched,
                col(AttemptRow.coach_score).is_not(None),
                col(AttemptRow.follow_up_of).is_(None),
            )
            .order_by(col(AttemptRow.question_id), col(AttemptRow.created_at), col(AttemptRow.id))
        )
        points_q = (
            select(
                AttemptRow.question_id, CriterionRow.key, CriterionRow.hit, CriterionRow.coach_hit
            )
            .join(AttemptRow, col(AttemptRow.id) == col(CriterionRow.attempt_id))
            .join(SessionRow, col(SessionRow.id) == col(AttemptRow.session_id))
            .where(*touched)
            .order_by(col(AttemptRow.question_id), col(CriterionRow.key))
        )
        with self._read() as s:
            pairs = [
                GradedPair(q, float(a), float(c))
                for q, a, c in s.exec(pairs_q).all()
                if c is not None
            ]
            points = [PointVerdict(q, k, bool(h), ch) for q, k, h, ch in s.exec(points_q).all()]
        return pairs, points

    # -- import -------------------------------------------------------------------------------

    def import_transcript(
        self, transcript: Transcript, resolution: Resolution | None = None
    ) -> ImportOutcome:
        """Bring a session from another database in, all or nothing.

        Importing the same session again adds only what is new: answers and
        comments by id, and a coach review when the file's continues ours
        (review_merge.py). Answers themselves are never rewritten. An id that
        exists here for something else, or a review changed on both sides with no
        `resolution` ("ours" or "theirs"), fails the import and changes nothing
        (ImportConflict lists the reviews).
        """
        t, now = transcript, self._now()
        with self._tx() as s:
            cand = s.get(CandidateRow, t.candidate.id)
            if cand is None:
                first = t.session.started_at
                s.add(
                    CandidateRow(
                        id=t.candidate.id,
                        name=t.candidate.name,
                        created_at=first,
                        last_used_at=first,
                        imported_at=now,
                    )
                )
            sess = s.get(SessionRow, t.session.id)
            new_session = sess is None
            if sess is None:
                sess = convert.session_row(t.session)
                sess.imported_at = now
                s.add(sess)
            elif sess.candidate_id != t.candidate.id:
                raise StoreError(
                    f"session {sess.id} belongs to another candidate in this database; not imported"
                )
            s.flush()
            added = comments = updated = 0
            conflicts: list[ReviewConflict] = []
            for item in t.items:
                added += self._import_attempt(s, sess, item)
                updated += merge_review(s, item, resolution, conflicts)
                comments += _import_comments(s, item)
            summary = summary_lineage.merge(sess, t.session, resolution)
            if conflicts or isinstance(summary, SummaryConflict):
                # rolls the whole import back
                raise ImportConflict(conflicts, summary if isinstance(summary, SummaryConflict)
                                     else None)
            s.add(sess)
            return ImportOutcome(sess.id, new_session, added, comments, updated, summary)

    def _import_attempt(self, s: Session, sess: SessionRow, item: TranscriptItem) -> int:
        a = item.attempt
        row = s.get(AttemptRow, a.id)
        if row is not None:
            if row.session_id != sess.id or row.question_id != a.question_id:
                raise StoreError(
                    f"answer {a.id} already exists here for another session or question; "
                    "not imported"
                )
            return 0
        packed = evidence.write(s.connection(), a.result, a.answer)
        row = convert.attempt_row(a, sess.candidate_id, packed)
        row.coach_score = row.reviewed_at = None  # set by _merge_review with the rest of it
        s.add(row)
        s.flush()
        criteria = convert.criterion_rows(a.id, a.result)
        s.add_all(criteria)
        s.flush()
        tally.count_answer(s, row, criteria)  # without the review, which _merge_review adds
        return 1


def _session_filters(
    candidate: str | None,
    track: str | None,
    since: datetime | None,
    review_state: str | None,
    main: ColumnElement[bool],
) -> list[ColumnElement[bool]]:
    """WHERE terms choosing list_sessions' sessions; `main` joins a session to its main answers."""
    where: list[ColumnElement[bool]] = []
    if candidate:
        where.append(
            or_(
                col(CandidateRow.id) == candidate,
                func.lower(col(CandidateRow.name)).contains(candidate.lower(), autoescape=True),
            )
        )
    if track:
        where.append(col(SessionRow.track) == track)
    if since is not None:
        where.append(col(SessionRow.started_at) >= since)
    if review_state is not None:
        reviewed = col(AttemptRow.reviewed_at).is_not(None)
        some_reviewed = sa_select(col(AttemptRow.session_id)).where(main, reviewed).exists()
        some_open = sa_select(col(AttemptRow.session_id)).where(main, ~reviewed).exists()
        if review_state == "unreviewed":
            where.append(~some_reviewed)
        elif review_state == "reviewed":
            where += [some_reviewed, ~some_open]
        else:  # partial
            where += [some_reviewed, some_open]
    return where


def _import_comments(s: Session, item: TranscriptItem) -> int:
    added = 0
    for c in item.comments:
        row = s.get(CommentRow, c.id)
        if row is None:
            s.add(convert.comment_row(c))
            added += 1
        elif row.attempt_id != c.attempt_id:
            raise StoreError(f"comment {c.id} already exists here on another answer; not imported")
    return added


@dataclass(frozen=True)
class _Main:
    """A main answer (first or retry) as the session list counts it."""

    auto: float
    coach: float | None
    reviewed: bool

    @property
    def score(self) -> float:
        return self.auto if self.coach is None else self.coach


def _summary(row: Any, questions: list[list[_Main]]) -> SessionSummary:
    """A line of the session list, counted as session_record.py counts a session (which
    reads whole transcripts; this, only the scores): per question, its best attempt; a
    question is reviewed when each of its attempts is."""
    sid, cid, track, mode, state, started, ended, imported, name = row
    results = [best_attempt(attempts, lambda a: a.score) for attempts in questions]
    graded = [r.coach for r in results if r.coach is not None]
    reviewed = sum(all(a.reviewed for a in attempts) for attempts in questions)
    touched = any(a.reviewed for attempts in questions for a in attempts)
    return SessionSummary(
        id=sid,
        candidate_id=cid,
        candidate_name=name,
        track=track,
        mode=mode,
        state=state,
        started_at=started,
        ended_at=ended,
        questions=len(questions),
        reviewed=reviewed,
        review_state=(
            "unreviewed" if not touched else "reviewed" if reviewed == len(questions) else "partial"
        ),
        mean_auto=_mean([r.auto for r in results]),
        mean_coach=_mean(graded),
        coached=len(graded),
        imported=imported is not None,
    )


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
