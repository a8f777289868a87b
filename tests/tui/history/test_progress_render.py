"""The progress overview's figures: bars on 0-100, trends only from three points."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockroom.store.progress import RatingBand, SelfRatingPoint
from mockroom.tui.progress_render import (
    few_scores,
    hbar,
    rating_rows,
    rating_verdict,
    trend_words,
)

AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "bar"),
    [(0, "░" * 10), (100, "█" * 10), (50, "█████░░░░░"), (55, "█████▌░░░░"), (140, "█" * 10)],
)
def test_hbar_is_on_0_to_100(value: float, bar: str) -> None:
    assert hbar(value) == bar and len(bar) == 10


def test_a_trend_needs_three_points() -> None:
    assert trend_words([40, 90], "en") == ""
    assert trend_words([40, 60, 90], "en") == "Rising: 40 → 90"
    assert trend_words([90, 60, 40.4], "en") == "Falling: 90 → 40"
    assert trend_words([70, 50, 72], "en") == "Steady: 70 → 72"
    assert trend_words([70, 50, 72], "zh") == "持平：70 → 72"


def test_one_or_two_scores_are_said() -> None:
    assert few_scores([46.1], "en") == "One attempt so far: 46."
    assert few_scores([40, 55.5], "zh") == "答过两次：40 → 56 分。"


def test_self_ratings_and_scores_share_one_scale() -> None:
    text = rating_rows([RatingBand(4, 2, 91.44), RatingBand(2, 1, 5.8)], "en").plain.splitlines()
    assert text[0].split() == ["rating", "×20", "mean", "score"]
    assert text[1] == "Rated 4/5 ████████░░  80  █████████▏  91.4  2 answers"
    assert text[2] == "Rated 2/5 ████░░░░░░  40  ▋░░░░░░░░░   5.8  1 answer"


@pytest.mark.parametrize(
    ("points", "words"),
    [
        ([(3, 46.0)], "One self-rating so far: you gave 3/5 (60 of 100) and scored 46."),
        ([(4, 78.0), (3, 64.0)], "Your self-ratings match your scores (2 answers)."),
        ([(5, 60.0), (4, 50.0)], "You rate yourself 35 points above your scores on average (2 answers)."),
        ([(1, 60.0), (2, 50.0)], "You rate yourself 25 points below your scores on average (2 answers)."),
    ],
)
def test_the_ratings_are_summed_up_in_a_sentence(points: list[tuple[int, float]], words: str) -> None:
    assert rating_verdict([SelfRatingPoint(AT, r, s) for r, s in points], "en") == words
