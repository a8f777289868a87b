"""Sessions with real-looking answers whose evidence lines up with the text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mockroom.core.result import CriterionResult, Match, ScoreResult
from mockroom.store import SessionRec, Store
from mockroom.store.records import AttemptRec, AttemptTiming

REQUIRED = "restore-first"


@dataclass(frozen=True)
class Answer:
    question_id: str
    text: str
    score: float
    points: Mapping[str, str | None]
    """Rubric point key -> the phrase of the answer that shows it (None: missed)."""
    answer_s: float = 90.0
    self_rating: int | None = None


def result_for(a: Answer) -> ScoreResult:
    criteria = []
    for key, phrase in a.points.items():
        matches: tuple[Match, ...] = ()
        if phrase is not None:
            start = a.text.index(phrase)
            matches = (Match(phrase, start, start + len(phrase), phrase, 1.0, "exact"),)
        criteria.append(
            CriterionResult(
                key=key,
                rubric_id=a.question_id,
                label_zh=f"要点 {key}",
                label_en=f"Point {key}",
                tip_zh="补上",
                tip_en="Cover it",
                weight=1.0,
                required=key == REQUIRED,
                hit=phrase is not None,
                negated=False,
                credit=1.0 if phrase is not None else 0.0,
                matches=matches,
            )
        )
    return ScoreResult(
        question_id=a.question_id,
        score=a.score,
        criteria=tuple(criteria),
        flags=(),
        answer_lang="en",
        length=len(a.text.split()),
        length_range=(60, 220),
        details={"coverage": 0.5},
    )


def practise(
    store: Store, answers: Sequence[Answer], track: str = "support", name: str = "Wang Fang"
) -> tuple[SessionRec, list[AttemptRec]]:
    """One finished session of the local candidate with these answers, in order."""
    cand = store.get_candidate() or store.set_candidate_name(name)
    qids = list(dict.fromkeys(a.question_id for a in answers))
    sess = store.start_session(cand.id, track, "mock", "en", qids, None, True)
    recs = []
    for a in answers:
        shown = store._now()
        recs.append(
            store.record_attempt(
                sess.id,
                a.question_id,
                "v1abc",
                "en",
                a.text,
                result_for(a),
                AttemptTiming(shown, 3.0, 20.0, a.answer_s, 0.0, 55.0),
                self_rating=a.self_rating,
            )
        )
    store.finish_session(sess.id)
    return sess, recs


OUTAGE = Answer(
    "support.outage",
    "First I restore service, then I tell the customer what happened.",
    72.5,
    {REQUIRED: "restore service", "inform": "tell the customer", "postmortem": None},
)
REFUND = Answer(
    "support.refund",
    "I check the order and refund within policy.",
    55.0,
    {"policy": "within policy", "empathy": None},
)


def practised_db(
    folder: Path, answers: Sequence[Answer] = (OUTAGE,), clock: Callable[[], datetime] | None = None
) -> tuple[str, str]:
    """A SQLite database in `folder` with one finished session of these answers: its URL and
    the session's id (what the command-line tests pass as --db and the session)."""
    url = f"sqlite:///{folder / 'm.db'}"
    with Store.open(url, clock=clock) as store:
        sess, _ = practise(store, answers)
    return url, sess.id


@dataclass(frozen=True)
class Retry:
    """A retry of the question answered just before (a second main answer to it)."""

    answer: Answer


@dataclass(frozen=True)
class FollowUpOn:
    """A follow-up on one rubric point of the first answer to `answer.question_id`."""

    answer: Answer
    point: str


def practise_with(
    store: Store, steps: Sequence[Answer | Retry | FollowUpOn], lang: str = "en",
    name: str = "Wang Fang",
) -> tuple[SessionRec, list[AttemptRec]]:
    """One finished mock interview of answers, retries and follow-ups, in order."""
    cand = store.get_candidate() or store.set_candidate_name(name)
    qids = list(dict.fromkeys(
        (s if isinstance(s, Answer) else s.answer).question_id for s in steps
    ))
    sess = store.start_session(cand.id, "support", "mock", lang, qids, None, True)
    first: dict[str, AttemptRec] = {}
    recs = []
    for step in steps:
        a = step if isinstance(step, Answer) else step.answer
        parent = first[a.question_id].id if isinstance(step, FollowUpOn) else None
        rec = store.record_attempt(
            sess.id, a.question_id, "v1abc", lang, a.text, result_for(a),
            AttemptTiming(store._now(), 3.0, 20.0, a.answer_s, 0.0, 55.0),
            follow_up_of=parent,
            follow_up_criterion=step.point if isinstance(step, FollowUpOn) else None,
        )
        first.setdefault(a.question_id, rec)
        recs.append(rec)
    store.finish_session(sess.id)
    return sess, recs


TEAM = Answer(
    "support.team",
    "I split the queue by product and pair new agents with seniors.",
    80.0,
    {"split": "split the queue", "pairing": "pair new agents"},
)
OUTAGE_POSTMORTEM = Answer(
    "support.outage",
    "Afterwards we hold a postmortem and share it.",
    40.0,
    {"postmortem": "hold a postmortem"},
)
REFUND_RETRY = Answer(
    "support.refund",
    "I listen first, say I understand, then refund within policy.",
    75.0,
    {"policy": "within policy", "empathy": "say I understand"},
)
RETRY_SESSION: tuple[Answer | Retry | FollowUpOn, ...] = (
    OUTAGE,
    FollowUpOn(OUTAGE_POSTMORTEM, "postmortem"),
    REFUND,
    Retry(REFUND_RETRY),
    TEAM,
)
"""Three questions: the first with a follow-up that meets its missed point, the second
answered again better (55 -> 75). Results 72.5, 75, 80: mean 75.8."""
