"""Calibration figures against values worked out by hand."""

from __future__ import annotations

from math import sqrt

import pytest

from mockroom.core.calibrate import (
    ALL,
    GradedPair,
    PointVerdict,
    agreement,
    overridden_points,
    ranks,
    spearman,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([30, 10, 20], [3, 1, 2]),
        ([10, 20, 20, 30], [1, 2.5, 2.5, 4]),
        ([5, 5, 5], [2, 2, 2]),
        ([], []),
    ],
)
def test_ranks_share_ties(values: list[float], expected: list[float]) -> None:
    assert ranks(values) == expected


def test_spearman_by_hand() -> None:
    # ranks auto 1 2 3 4, coach 1 3 2 4: d^2 = 0 + 1 + 1 + 0 = 2; 1 - 6*2 / (4*15) = 0.8
    assert spearman([50, 60, 70, 80], [55, 75, 65, 90]) == pytest.approx(0.8)
    # with a tie: ranks 1 2.5 2.5 4 against 1 2 3 4 -> 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10)
    assert spearman([10, 20, 20, 30], [1, 2, 3, 4]) == pytest.approx(3 / sqrt(10))
    assert spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)


@pytest.mark.parametrize(("xs", "ys"), [([], []), ([1], [2]), ([1, 2, 3], [7, 7, 7])])
def test_spearman_undefined(xs: list[float], ys: list[float]) -> None:
    assert spearman(xs, ys) is None


def test_spearman_needs_pairs() -> None:
    with pytest.raises(ValueError, match="pairs"):
        spearman([1, 2], [1])


def test_agreement_per_question_and_pooled() -> None:
    pairs = [
        GradedPair("q.a", 50, 55),
        GradedPair("q.a", 60, 75),
        GradedPair("q.a", 70, 65),
        GradedPair("q.a", 80, 90),
        GradedPair("q.b", 40, 30),
    ]
    a, b, pooled = agreement(pairs)
    assert (a.question_id, a.graded) == ("q.a", 4)
    assert a.spearman == pytest.approx(0.8)
    assert a.mean_difference == pytest.approx(6.25)  # (5 + 15 - 5 + 10) / 4
    assert a.mean_abs_difference == pytest.approx(8.75)  # (5 + 15 + 5 + 10) / 4
    assert (b.graded, b.spearman, b.mean_difference) == (1, None, -10.0)
    assert pooled.question_id == ALL and pooled.graded == 5
    assert pooled.mean_difference == pytest.approx((25 - 10) / 5)
    # pooled ranks: auto 40 50 60 70 80 -> 1..5; coach 30 55 75 65 90 -> 1 2 4 3 5; d^2 = 2
    assert pooled.spearman == pytest.approx(1 - 6 * 2 / (5 * 24))
    assert agreement(pairs, pooled=False)[-1].question_id == "q.b"
    assert agreement([]) == []


def test_most_overridden_points() -> None:
    verdicts = [
        # q.a/clarity: reversed to miss twice out of 3 answers
        PointVerdict("q.a", "clarity", True, False),
        PointVerdict("q.a", "clarity", True, False),
        PointVerdict("q.a", "clarity", True, None),
        # q.a/impact: reversed to hit once of 2; one confirmation is not a reversal
        PointVerdict("q.a", "impact", False, True),
        PointVerdict("q.a", "impact", True, True),
        # q.b/impact: reversed 1 of 1
        PointVerdict("q.b", "impact", False, True),
        # never reversed: left out
        PointVerdict("q.b", "tone", True, None),
    ]
    rows = overridden_points(verdicts)
    assert [(r.question_id, r.key, r.reviewed, r.to_hit, r.to_miss) for r in rows] == [
        ("q.b", "impact", 1, 1, 0),
        ("q.a", "clarity", 3, 0, 2),
        ("q.a", "impact", 2, 1, 0),
    ]
    assert [r.rate for r in rows] == pytest.approx([1.0, 2 / 3, 0.5])
