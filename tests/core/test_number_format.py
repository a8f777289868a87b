"""Scores, means, costs and changes read one way everywhere (core/number_format.py)."""

from __future__ import annotations

import pytest

from mockroom.core.number_format import delta, mean, points, score, whole


@pytest.mark.parametrize(
    ("value", "shown"),
    [(91.0, "91"), (90.5, "91"), (91.5, "92"), (10.6, "11"), (0.4, "0"), (100.0, "100"), (None, "—")],
)
def test_a_score_is_a_whole_number(value: float | None, shown: str) -> None:
    assert score(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(74.45, "74.5"), (80.0, "80.0"), (55.249, "55.2"), (0.05, "0.1"), (None, "—")]
)
def test_a_mean_keeps_one_decimal(value: float | None, shown: str) -> None:
    assert mean(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(10.6, "11"), (0.3, "<1"), (0.0, "0"), (4.5, "5")])
def test_a_cost_is_whole_points(value: float, shown: str) -> None:
    assert points(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(5.2, "+5"), (-2.5, "−3"), (0.4, "±0"), (-0.4, "±0")])
def test_a_change_has_its_sign(value: float, shown: str) -> None:
    assert delta(value) == shown


def test_halves_round_away_from_zero() -> None:
    assert [whole(v) for v in (0.5, 1.5, 2.5, -2.5)] == [1, 2, 3, -3]
