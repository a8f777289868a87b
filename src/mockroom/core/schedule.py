"""Spaced repetition of questions with FSRS.

Each (candidate, question id) pair has one FSRS card, kept as the JSON-safe
dict of `fsrs.Card.to_dict()`. Question ids are stable, so rewording a
question never resets its schedule. Every function here is pure: the current
time is passed in, and fuzzing is off so the same history always gives the
same due date.

How a scored answer becomes an FSRS rating:

- a required rubric point was missed        -> Again
- score < 40                                -> Again
- 40 <= score < 65                          -> Hard
- 65 <= score < 85                          -> Good
- score >= 85                               -> Easy
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler

from mockroom.core.result import ScoreResult

# (lowest score, rating), best band first; below the last band is Again.
BANDS: tuple[tuple[float, Rating], ...] = (
    (85.0, Rating.Easy),
    (65.0, Rating.Good),
    (40.0, Rating.Hard),
)

# FSRS's default first step is one minute, shorter than answering a question
# takes; a failed question comes back after ten minutes, a passed new one the
# next day, and then FSRS spaces it by its stability.
LEARNING_STEPS = (timedelta(minutes=10), timedelta(days=1))
RELEARNING_STEPS = (timedelta(minutes=10),)

_SCHEDULER = Scheduler(
    learning_steps=LEARNING_STEPS,
    relearning_steps=RELEARNING_STEPS,
    enable_fuzzing=False,
)

CardData = dict[str, Any]
"""A card as stored: the dict of `fsrs.Card.to_dict()`."""


def rating_for(result: ScoreResult) -> Rating:
    """The FSRS rating of a scored answer (see the module docstring for the bands)."""
    if any(c.required and not c.hit for c in result.criteria):
        return Rating.Again
    for lowest, rating in BANDS:
        if result.score >= lowest:
            return rating
    return Rating.Again


def review(card: CardData | None, result: ScoreResult, now: datetime) -> CardData:
    """The card after answering its question at `now` (a new card when `card` is None)."""
    return review_with_rating(card, rating_for(result), now)


def review_with_rating(card: CardData | None, rating: Rating, now: datetime) -> CardData:
    now = _utc(now)
    current = Card.from_dict(card) if card else _new_card(now)  # type: ignore[arg-type]
    updated, _log = _SCHEDULER.review_card(current, rating, review_datetime=now)
    return dict(updated.to_dict())


def due_at(card: CardData) -> datetime:
    """When the card's question should be practised again (UTC)."""
    return _utc(datetime.fromisoformat(card["due"]))


def is_due(card: CardData, now: datetime) -> bool:
    return due_at(card) <= _utc(now)


def _new_card(now: datetime) -> Card:
    # An explicit id keeps Card() from reading the clock (and sleeping 1 ms).
    return Card(card_id=int(now.timestamp() * 1000), due=now)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"need a timezone-aware time, got {moment.isoformat()}")
    # fsrs insists on the `timezone.utc` object itself, not just a zero offset.
    return moment.astimezone(UTC)
