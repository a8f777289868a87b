"""A session as people count it: questions, each with its attempts and follow-ups.

The store keeps answers as a flat list (a retry is a second main answer to the same
question, a follow-up names the answer it follows). Everything that reports on a session
(the summary, the transcript, `mockroom review`, the review list, progress, `calibrate`
and the exports) counts from the model built here, so they agree:

- a session has questions, in the order first answered; a question has attempts (its
  first answer, then retries) and follow-ups (each asked on one rubric point);
- a question's result is its BEST attempt by final score (retries exist to improve);
  ties go to the earlier attempt (core/verdict.best_attempt);
- the final verdict on an answer is the coach's over the scorer's, per point and for the
  score (core/verdict.py), with the scorer's call kept beside it;
- a rubric point counts as met for the question when its result met it, or a follow-up
  on that point met it (so the follow-up clears it from the weakest points).

Use `load(store, session_id, bank)` for a stored session, `of_transcript(transcript, bank)`
when the transcript is at hand, and `questions_of(items, bank)` for answers not (yet)
reviewed, as the end-of-session summary has them. The bank only supplies wording: without
it (or for a question it no longer has) a prompt falls back to the question id, and a
follow-up's to the label of its rubric point, never to an internal key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from mockroom.core.verdict import PointCall, Verdict, best_attempt, final_verdict
from mockroom.store.records import (
    AttemptRec,
    CandidateRec,
    CoachReview,
    CommentRec,
    SessionRec,
    Transcript,
    TranscriptItem,
)

if TYPE_CHECKING:
    from mockroom.core.bank import Bank

AnswerKind = Literal["first", "retry", "follow_up"]


class Transcripts(Protocol):
    """Where a session's transcript comes from: the Store (no import of it here, so the
    store's own modules may use this one)."""

    def transcript(self, session_id: str) -> Transcript: ...


@dataclass(frozen=True)
class Wording:
    """A text in both languages (a prompt as the candidate was asked it)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class AnswerRecord:
    """One stored answer of a question: its first answer, a retry, or a follow-up."""

    item: TranscriptItem
    kind: AnswerKind
    label: str
    """How people and `mockroom review --attempt` name it: "2" (the first answer to question
    2), "2r1" (its first retry), "2a" (its first follow-up)."""
    prompt: Wording
    """What the candidate was asked: the question's prompt, or the follow-up's own."""
    verdict: Verdict
    """Final score, points and flags (coach over auto), the scorer's call beside them."""

    @property
    def attempt(self) -> AttemptRec:
        return self.item.attempt

    @property
    def review(self) -> CoachReview:
        return self.item.review

    @property
    def comments(self) -> tuple[CommentRec, ...]:
        return self.item.comments

    @property
    def id(self) -> str:
        return self.item.attempt.id

    @property
    def auto_score(self) -> float:
        return self.verdict.auto_score

    @property
    def coach_score(self) -> float | None:
        return self.verdict.coach_score

    @property
    def score(self) -> float:
        """The final score: the coach's when given, else the auto score."""
        return self.verdict.score

    @property
    def time_s(self) -> float:
        """Seconds spent on it: prep and answer (overtime included)."""
        t = self.item.attempt.timing
        return t.prep_s + t.answer_s


@dataclass(frozen=True)
class PointResult:
    """A rubric point of a question, as its result stands."""

    call: PointCall
    """The point in the question's result (its best attempt)."""
    cleared_by: AnswerRecord | None
    """The follow-up that met it when the result did not."""

    @property
    def key(self) -> str:
        return self.call.key

    @property
    def met(self) -> bool:
        return self.call.met or self.cleared_by is not None


@dataclass(frozen=True)
class QuestionRecord:
    number: int
    """1, 2, … in the order the questions were first answered."""
    question_id: str
    prompt: Wording
    attempts: tuple[AnswerRecord, ...]
    """The first answer, then the retries, oldest first (never empty)."""
    follow_ups: tuple[AnswerRecord, ...]

    @property
    def best(self) -> AnswerRecord:
        """The attempt that is the question's result: the highest final score, earliest on ties."""
        return best_attempt(self.attempts, lambda a: a.score)

    @property
    def score(self) -> float:
        return self.best.score

    @property
    def auto_score(self) -> float:
        """The auto score of the attempt that counts."""
        return self.best.auto_score

    @property
    def coach_score(self) -> float | None:
        """The coach's score of the attempt that counts (None: not graded)."""
        return self.best.coach_score

    @property
    def reviewed(self) -> bool:
        """Every attempt is marked reviewed (follow-ups belong to the answer they follow)."""
        return all(a.review.reviewed_at is not None for a in self.attempts)

    @property
    def answers(self) -> tuple[AnswerRecord, ...]:
        """Attempts and follow-ups in the order they were given."""
        return tuple(sorted((*self.attempts, *self.follow_ups), key=_order))

    @property
    def points(self) -> tuple[PointResult, ...]:
        """The result's rubric points, a point missed there but met in a follow-up cleared."""
        out = []
        for call in self.best.verdict.points:
            cleared = None
            if not call.met:
                cleared = next(
                    (f for f in self.follow_ups
                     if f.attempt.follow_up_criterion == call.key and f.verdict.met(call.key)),
                    None,
                )
            out.append(PointResult(call, cleared))
        return tuple(out)

    @property
    def time_s(self) -> float:
        """Seconds spent on the question: every attempt and follow-up."""
        return sum(a.time_s for a in (*self.attempts, *self.follow_ups))


@dataclass(frozen=True)
class WeakPoint:
    call: PointCall
    """The point as the last question that missed it has it (label, tip, weight)."""
    missed: int
    """Questions whose result missed it (follow-ups counted)."""
    seen: int
    """Questions that have the point."""


@dataclass(frozen=True)
class SessionRecord:
    candidate: CandidateRec
    session: SessionRec
    questions: tuple[QuestionRecord, ...]

    @property
    def answers(self) -> tuple[AnswerRecord, ...]:
        """Every answer in the order given (the transcript's order)."""
        return answers_of(self.questions)

    @property
    def mean_score(self) -> float | None:
        return mean_score(self.questions)

    def weakest(self, top: int = 3) -> list[WeakPoint]:
        return weakest(self.questions, top)

    def find(self, ident: str) -> AnswerRecord | None:
        """An answer by its label ("2", "2r1", "2a") or its id (or 4+ first characters)."""
        ident = ident.strip().lower()
        answers = self.answers
        for a in answers:
            if ident in (a.label, a.id):
                return a
        found = [a for a in answers if len(ident) >= 4 and a.id.startswith(ident)]
        return found[0] if len(found) == 1 else None


# -- building it ------------------------------------------------------------------------------


def load(store: Transcripts, session_id: str, bank: Bank | None = None) -> SessionRecord:
    """The record of a stored session (NotFound when there is none)."""
    return of_transcript(store.transcript(session_id), bank)


def of_transcript(transcript: Transcript, bank: Bank | None = None) -> SessionRecord:
    return SessionRecord(
        transcript.candidate, transcript.session, questions_of(transcript.items, bank)
    )


def unreviewed(attempts: Iterable[AttemptRec]) -> tuple[TranscriptItem, ...]:
    """Answers as items with no coach review (a session being practised)."""
    return tuple(TranscriptItem(a, CoachReview(), ()) for a in attempts)


def questions_of(
    items: Sequence[TranscriptItem], bank: Bank | None = None
) -> tuple[QuestionRecord, ...]:
    """Group a session's answers (in the order given) into its questions."""
    ordered = sorted(items, key=lambda i: (i.attempt.created_at, i.attempt.id))
    by_id = {i.attempt.id: i for i in ordered}
    order: list[str] = []
    attempts: dict[str, list[TranscriptItem]] = {}
    follow_ups: dict[str, list[TranscriptItem]] = {}
    for item in ordered:
        a = item.attempt
        parent = by_id.get(a.follow_up_of) if a.follow_up_of else None
        qid = parent.attempt.question_id if parent else a.question_id
        if qid not in attempts:
            order.append(qid)
            attempts[qid], follow_ups[qid] = [], []
        (follow_ups if a.follow_up_of else attempts)[qid].append(item)
    out = []
    for n, qid in enumerate((q for q in order if attempts[q]), 1):
        prompt = _prompt(bank, qid)
        tried = tuple(
            _answer(item, "first" if k == 0 else "retry", str(n) if k == 0 else f"{n}r{k}", prompt)
            for k, item in enumerate(attempts[qid])
        )
        asked = tuple(
            _answer(item, "follow_up", f"{n}{_letter(k)}", _follow_up_prompt(bank, item))
            for k, item in enumerate(follow_ups[qid])
        )
        out.append(QuestionRecord(n, qid, prompt, tried, asked))
    return tuple(out)


# -- what is counted from it ------------------------------------------------------------------


def answers_of(questions: Iterable[QuestionRecord]) -> tuple[AnswerRecord, ...]:
    return tuple(sorted((a for q in questions for a in q.answers), key=_order))


def mean_score(questions: Sequence[QuestionRecord]) -> float | None:
    """Mean of the questions' results (each its best attempt's final score), one decimal."""
    return _mean([q.score for q in questions])


def mean_auto(questions: Sequence[QuestionRecord]) -> float | None:
    return _mean([q.auto_score for q in questions])


def mean_coach(questions: Sequence[QuestionRecord]) -> tuple[float | None, int]:
    """(mean coach score, how many questions it is over): only graded results count."""
    graded = [q.coach_score for q in questions if q.coach_score is not None]
    return _mean(graded), len(graded)


def weakest(questions: Iterable[QuestionRecord], top: int = 3) -> list[WeakPoint]:
    """Points the questions' results missed most often (by share, then weight), follow-ups
    that met a point clearing it."""
    seen: dict[str, int] = {}
    missed: dict[str, int] = {}
    calls: dict[str, PointCall] = {}
    for q in questions:
        for p in q.points:
            seen[p.key] = seen.get(p.key, 0) + 1
            missed[p.key] = missed.get(p.key, 0) + (0 if p.met else 1)
            calls[p.key] = p.call
    ranked = sorted(
        (k for k in seen if missed[k]),
        key=lambda k: (-missed[k] / seen[k], -calls[k].criterion.weight, -missed[k], k),
    )
    return [WeakPoint(calls[k], missed[k], seen[k]) for k in ranked[:top]]


# -- helpers ----------------------------------------------------------------------------------


def _answer(item: TranscriptItem, kind: AnswerKind, label: str, prompt: Wording) -> AnswerRecord:
    r = item.review
    return AnswerRecord(item, kind, label, prompt,
                        final_verdict(item.attempt.result, r.points, r.coach_score))


def _prompt(bank: Bank | None, question_id: str) -> Wording:
    q = bank.questions.get(question_id) if bank else None
    if q is not None:
        return Wording(q.prompt.zh, q.prompt.en)
    return Wording(question_id, question_id)


def _follow_up_prompt(bank: Bank | None, item: TranscriptItem) -> Wording:
    a = item.attempt
    q = bank.questions.get(a.question_id) if bank else None
    asked = next((f for f in q.follow_ups if f.criterion == a.follow_up_criterion), None) if q else None
    if asked is not None:
        return Wording(asked.prompt.zh, asked.prompt.en)
    point = next((c for c in a.result.criteria if c.key == a.follow_up_criterion), None)
    if point is not None:
        return Wording(f"追问要点：{point.label_zh}", f"About the point: {point.label_en}")
    return Wording("追问", "Follow-up")


def _letter(k: int) -> str:
    return chr(ord("a") + k % 26) * (k // 26 + 1)


def _order(a: AnswerRecord) -> tuple[object, str]:
    return (a.attempt.created_at, a.id)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
