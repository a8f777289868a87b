"""The final verdict: the coach's word over the scorer's, and the flags that follow from it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.result import Flag, ScoreResult
from mockroom.core.scorer import Scorer
from mockroom.core.verdict import final_verdict
from tests.helpers.store_builders import make_result

QUESTION = "support.executive-communication"
ANSWER = (
    "I would explain the business impact to the executive in plain words and say what we are "
    "doing to fix it, then let the engineers work on the fix while I keep them informed."
)
"""Meets the required business-language point, misses the required credible-commitments."""


@pytest.fixture(scope="module")
def scored() -> ScoreResult:
    bank = load_bank()
    return Scorer(bank).score(bank.questions[QUESTION], ANSWER)


def test_the_scored_answer_misses_one_required_point(scored: ScoreResult) -> None:
    required = {c.key: c.hit for c in scored.criteria if c.required}
    assert required == {"business-language": True, "credible-commitments": False}
    assert "missed-required" in [f.code for f in scored.flags]


def test_without_a_coach_the_verdict_is_the_scorers(scored: ScoreResult) -> None:
    v = final_verdict(scored, {}, None)
    assert v.score == v.auto_score == scored.score
    assert v.flags == scored.flags
    assert [p.met for p in v.points] == [c.hit for c in scored.criteria]
    assert [p.final for p in v.points] == [p.auto for p in v.points]


def test_a_coach_meeting_the_required_point_removes_the_flag(scored: ScoreResult) -> None:
    v = final_verdict(scored, {"credible-commitments": True}, 70.0)
    assert (v.score, v.auto_score) == (70.0, scored.score)
    assert "missed-required" not in [f.code for f in v.flags]
    assert "too-short" in [f.code for f in v.flags]  # about the text: stands as scored
    call = next(p for p in v.points if p.key == "credible-commitments")
    assert (call.auto, call.final, call.met, call.overridden) == ("missed", "hit", True, True)
    assert v.auto_flags == scored.flags  # the scorer's call stays visible


@pytest.mark.parametrize(
    ("coach", "missing_en", "penalty_kept"),
    [
        ({"business-language": False}, "Leads with the bottom line", False),
        ({"prepare": True}, "Credible commitments", True),
        ({"credible-commitments": False}, "Credible commitments", True),
    ],
)
def test_the_missed_required_flag_names_the_final_misses(
    scored: ScoreResult, coach: dict[str, bool], missing_en: str, penalty_kept: bool
) -> None:
    v = final_verdict(scored, coach, None)
    [flag] = [f for f in v.flags if f.code == "missed-required"]
    assert missing_en in flag.message_en
    [auto] = [f for f in scored.flags if f.code == "missed-required"]
    assert (flag.penalty == auto.penalty) is penalty_kept
    if not penalty_kept:
        assert flag.penalty == 0.0  # the coach's call has no cost of its own


def test_negated_and_off_topic_follow_the_coach() -> None:
    base = make_result(required_hit=False)
    crit = replace(base.criteria[0], negated=True)
    negated = replace(
        base,
        criteria=(crit, base.criteria[1]),
        flags=(*base.flags, Flag("negated", "否定", "negated", ref=crit.key),
               Flag("off-topic", "跑题", "off topic")),
    )
    assert [p.final for p in final_verdict(negated, {}, None).points][0] == "negated"
    v = final_verdict(negated, {crit.key: True}, None)
    assert [f.code for f in v.flags] == ["too-short"]
    assert v.points[0].final == "hit"
