"""core/schedule.py: ratings from scores, and due dates with fixed clocks."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import pytest
from fsrs import Rating

from mockroom.core import schedule
from tests.helpers.store_builders import T0, make_result


@pytest.mark.parametrize(
    ("score", "required_hit", "rating"),
    [
        (100.0, True, Rating.Easy),
        (85.0, True, Rating.Easy),
        (84.9, True, Rating.Good),
        (65.0, True, Rating.Good),
        (64.9, True, Rating.Hard),
        (40.0, True, Rating.Hard),
        (39.9, True, Rating.Again),
        (0.0, True, Rating.Again),
        (100.0, False, Rating.Again),  # a missed required point fails whatever the score
    ],
)
def test_rating_bands(score: float, required_hit: bool, rating: Rating) -> None:
    assert schedule.rating_for(make_result(score=score, required_hit=required_hit)) == rating


@pytest.mark.parametrize(
    ("score", "due_in"),
    [
        (20.0, timedelta(minutes=10)),  # Again: first learning step
        (50.0, timedelta(hours=12, minutes=5)),  # Hard: halfway between the two steps
        (70.0, timedelta(days=1)),  # Good: second learning step
    ],
)
def test_first_review_of_a_new_card(score: float, due_in: timedelta) -> None:
    card = schedule.review(None, make_result(score=score), T0)
    assert schedule.due_at(card) - T0 == due_in


def test_easy_graduates_to_days() -> None:
    card = schedule.review(None, make_result(score=95), T0)
    assert schedule.due_at(card) - T0 >= timedelta(days=2)


def test_repeated_good_answers_space_out() -> None:
    card, now, gaps = None, T0, []
    for _ in range(5):
        card = schedule.review(card, make_result(score=75), now)
        gaps.append(schedule.due_at(card) - now)
        now = schedule.due_at(card)
    assert gaps == sorted(gaps)
    assert gaps[-1] > gaps[1] > timedelta(days=0)


def test_a_failure_brings_a_learned_question_back_soon() -> None:
    card = None
    now = T0
    for _ in range(3):
        card = schedule.review(card, make_result(score=90), now)
        now = schedule.due_at(card)
    card = schedule.review(card, make_result(score=90, required_hit=False), now)
    assert schedule.due_at(card) - now <= timedelta(hours=1)


def test_pure_and_json_safe() -> None:
    one = schedule.review(None, make_result(score=70), T0)
    two = schedule.review(None, make_result(score=70), T0)
    assert one == two
    assert json.loads(json.dumps(one)) == one
    again = schedule.review(json.loads(json.dumps(one)), make_result(score=70), T0 + timedelta(1))
    assert schedule.due_at(again) > schedule.due_at(one)


def test_is_due() -> None:
    card = schedule.review(None, make_result(score=20), T0)
    assert not schedule.is_due(card, T0 + timedelta(minutes=9))
    assert schedule.is_due(card, T0 + timedelta(minutes=10))


def test_other_utc_offsets_are_converted() -> None:
    beijing = timezone(timedelta(hours=8))
    card = schedule.review(None, make_result(score=20), T0.astimezone(beijing))
    assert schedule.due_at(card) == T0 + timedelta(minutes=10)
    assert schedule.due_at(card).utcoffset() == timedelta(0)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        schedule.review(None, make_result(), T0.replace(tzinfo=None))
