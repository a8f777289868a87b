"""Two answers to one question side by side."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from mockroom.store.compare import compare
from mockroom.store.records import AttemptRec, AttemptTiming, CoachReview
from tests.helpers.review_builders import OUTAGE, REFUND, REQUIRED, Answer, result_for

T = datetime(2026, 3, 1, tzinfo=UTC)


def attempt(a: Answer, ident: str) -> AttemptRec:
    result = result_for(a)
    return AttemptRec(
        id=ident, session_id="s", question_id=a.question_id, bank_version="v", prompt_lang="en",
        answer=a.text, result=result, timing=AttemptTiming(T, 1.0, 20.0, a.answer_s, 5.0),
        auto_score=result.score, follow_up_of=None, follow_up_criterion=None, self_rating=None,
        created_at=T,
    )


def test_newly_hit_lost_and_time() -> None:
    before = attempt(OUTAGE, "a1")
    after = attempt(
        replace(OUTAGE, score=80.0, answer_s=70.0,
                points={REQUIRED: "restore service", "inform": None, "postmortem": "what happened"}),
        "a2",
    )
    c = compare(before, after)
    assert c.newly_hit == ("postmortem",)
    assert c.lost == ("inform",)
    assert c.kept == (REQUIRED,)
    assert c.still_missed == ()
    assert c.score_delta == 7.5
    assert c.time_delta_s == -20.0
    assert (c.first.answer_s, c.second.answer_s) == (90.0, 70.0)
    assert c.label("postmortem", "en") == "Point postmortem"
    assert c.label("postmortem", "zh") == "要点 postmortem"


def test_coach_verdicts_and_score_win() -> None:
    before, after = attempt(OUTAGE, "a1"), attempt(OUTAGE, "a2")
    c = compare(before, after, None, CoachReview(coach_score=60.0, points={"postmortem": True}))
    assert c.newly_hit == ("postmortem",)
    assert c.score_delta == -12.5


def test_points_the_rubric_gained_or_lost() -> None:
    before = attempt(OUTAGE, "a1")
    after = attempt(replace(OUTAGE, points={REQUIRED: "restore service", "tone": None}), "a2")
    c = compare(before, after)
    assert c.only_first == ("inform", "postmortem")
    assert c.only_second == ("tone",)
    assert c.label("unknown", "en") == "unknown"


def test_different_questions_do_not_compare() -> None:
    with pytest.raises(ValueError, match="same question"):
        compare(attempt(OUTAGE, "a1"), attempt(REFUND, "a2"))
