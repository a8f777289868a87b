"""Builders shared by the storage tests: a hand-driven clock and hand-made score results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.store.records import AttemptTiming

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A hand-driven clock: each call returns the current time, then moves one second on."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_result(
    question_id: str = "support.outage",
    score: float = 72.5,
    required_hit: bool = True,
) -> ScoreResult:
    """A realistic ScoreResult: a required point, an optional one with a fuzzy match, a flag."""
    answer = "先恢复服务，再同步客户"
    return ScoreResult(
        question_id=question_id,
        score=score,
        criteria=(
            CriterionResult(
                key="restore-first",
                rubric_id=question_id,
                label_zh="先恢复",
                label_en="Restore first",
                tip_zh="先说恢复服务",
                tip_en="Say you restore service first",
                weight=2.0,
                required=True,
                hit=required_hit,
                negated=False,
                credit=1.0 if required_hit else 0.0,
                matches=(Match("恢复服务", 1, 5, answer[1:5], 1.0, "exact"),)
                if required_hit
                else (),
            ),
            CriterionResult(
                key="shared.star:result",
                rubric_id="shared.star",
                label_zh="结果",
                label_en="Result",
                tip_zh="说出结果",
                tip_en="State the result",
                weight=1.0,
                required=False,
                hit=True,
                negated=False,
                credit=0.8,
                matches=(Match("同步客户", 7, 11, answer[7:11], 0.86, "fuzzy", negated=False),),
            ),
        ),
        flags=(
            Flag(
                code="too-short",
                message_zh="回答太短",
                message_en="The answer is short",
                penalty=5.0,
                ref=None,
                spans=((0, 3), (5, 6)),
            ),
        ),
        answer_lang="zh",
        length=len(answer),
        length_range=(150, 800),
        details={"coverage": 0.9, "length_factor": 0.8},
    )


def make_timing(shown_at: datetime = T0) -> AttemptTiming:
    return AttemptTiming(
        shown_at=shown_at,
        first_key_s=4.5,
        prep_s=30.0,
        answer_s=95.25,
        overtime_s=0.0,
        typing_cpm=61.0,
    )
