"""What the progress page's overview draws, as small pure functions (no Textual).

Every figure sits on the one 0-100 scale of scores, drawn as a horizontal bar with its
number beside it, so a person compares lengths and reads the value without a legend to
decode. A self-rating (1-5) is put on that scale as rating × 20. A trend is told only from
three points up: one or two attempts get a sentence, never a chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from mockroom.core.cells import pad
from mockroom.core.number_format import mean, score, whole
from mockroom.tui.strings import t, track_name

if TYPE_CHECKING:
    from mockroom.store.progress import RatingBand, SelfRatingPoint, SessionTrend

TREND_FROM = 3
"""Fewer points than this make no trend: they are said in words."""
STEADY = 5.0
"""A change under this many points reads as steady."""
BAR_CELLS = 10
EIGHTHS = " ▏▎▍▌▋▊▉"


def hbar(value: float, cells: int = BAR_CELLS) -> str:
    """`value` (0-100) as a bar `cells` wide, to an eighth of a cell; the rest shaded."""
    share = min(max(value / 100, 0.0), 1.0)
    eighths = round(share * cells * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[part] if part else "")
    return bar + "░" * (cells - len(bar))


def rating_scaled(rating: float) -> float:
    """A self-rating of 1-5 on the scores' 0-100 scale."""
    return rating * 20


def trend_words(
    values: Sequence[float], lang: str, shown: Callable[[float], str] = score
) -> str:
    """The direction of a series of scores (or of means: `shown=mean`) in words, first to
    last; nothing under TREND_FROM values."""
    if len(values) < TREND_FROM:
        return ""
    change = values[-1] - values[0]
    key = "pr.steady" if abs(change) < STEADY else "pr.rising" if change > 0 else "pr.falling"
    return t(lang, key, first=shown(values[0]), last=shown(values[-1]))


def few_scores(values: Sequence[float], lang: str) -> str:
    """One or two scores, said rather than drawn."""
    if len(values) == 1:
        return t(lang, "pr.one_score", score=score(values[0]))
    return t(lang, "pr.two_scores", first=score(values[0]), second=score(values[1]))


def session_rows(trend: Sequence[SessionTrend], lang: str) -> Text:
    """One line per session: day, mean score as a bar and a number, questions, track."""
    text = Text()
    for i, s in enumerate(trend):
        if i:
            text.append("\n")
        text.append(s.started_at.strftime("%m-%d "), style="dim")
        text.append(hbar(s.mean_score), style="bold")
        text.append(f" {mean(s.mean_score):>5}  ")
        text.append(t(lang, "pr.session_of", n=s.questions, track=track_name(lang, s.track)))
    return text


def rating_rows(bands: Sequence[RatingBand], lang: str) -> Text:
    """Per self-rating: the rating and the mean score, each a bar on 0-100, under a legend."""
    labels = [t(lang, "pr.rated", rating=b.rating) for b in bands]
    left = max(cell_len(label) for label in labels) + 1 if labels else 0
    column = BAR_CELLS + 6  # a bar, its number and a gap
    text = Text(pad("", left) + pad(t(lang, "pr.said"), column) + t(lang, "pr.scored"),
                style="dim")
    for label, b in zip(labels, bands, strict=True):
        said = rating_scaled(b.rating)
        text.append("\n" + pad(label, left))
        text.append(hbar(said), style="dim")
        text.append(f" {whole(said):>3}  ")
        text.append(hbar(b.mean_score), style="bold")
        text.append(f" {mean(b.mean_score):>5}  ")
        text.append(t(lang, "pr.answers", n=b.answers), style="dim")
    return text


def rating_verdict(points: Sequence[SelfRatingPoint], lang: str) -> str:
    """One sentence: do the candidate's self-ratings run above, below or with the scores?"""
    if len(points) == 1:
        p = points[0]
        return t(lang, "pr.rated_once", rating=p.rating, said=whole(rating_scaled(p.rating)),
                 score=score(p.score))
    gap = sum(rating_scaled(p.rating) - p.score for p in points) / len(points)
    if abs(gap) < STEADY * 2:
        return t(lang, "pr.ratings_match", n=len(points))
    key = "pr.ratings_high" if gap > 0 else "pr.ratings_low"
    return t(lang, key, gap=whole(abs(gap)), n=len(points))
