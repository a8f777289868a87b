"""A practice history scored by the real Scorer on the built-in bank, and pilot steps.

The answers are the bank's own example answers (strong, partial, keyword
lists), so scores and evidence are what a candidate would really get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen

from mockroom.core.bank import Bank, load_bank
from mockroom.core.scorer import Scorer
from mockroom.store.records import AttemptTiming, SessionRec
from mockroom.store.repo import Store
from mockroom.tui.app import MockroomApp
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.screens.review import ReviewScreen
from mockroom.tui.screens.transcript import TranscriptScreen
from tests.helpers.tui_helpers import settle as settle  # re-exported: one way to settle

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
INTRO = "support.self-introduction"
OUTAGE = "support.outage-customer-vs-platform"
BACKGROUND = "sales.project-background"
CHARTS = "sales.client-charts"


class StepClock:
    """The store's clock: a fixed time that moves only when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class Planned:
    question_id: str
    example: str
    """Label of the bank example used as the answer."""
    answer_s: float
    self_rating: int | None = None


@dataclass
class History:
    """What was stored, for the tests to compare the screens against."""

    url: str
    bank: Bank
    sessions: dict[str, SessionRec] = field(default_factory=dict)
    """Name -> session: wang1, wang2, wang3 (support) and li1 (sales, imported)."""


def _example(bank: Bank, question_id: str, label: str) -> str:
    q = bank.questions[question_id]
    return next(e.answer for e in q.examples if e.label == label)


def _session(
    store: Store, clock: StepClock, bank: Bank, scorer: Scorer, track: str, plan: list[Planned],
    lang: str = "en",
) -> SessionRec:
    cand = store.get_candidate()
    assert cand is not None
    qids = list(dict.fromkeys(p.question_id for p in plan))
    sess = store.start_session(cand.id, track, "mock", lang, qids, None, True)
    for p in plan:
        q = bank.questions[p.question_id]
        answer = _example(bank, p.question_id, p.example)
        shown = clock()
        clock.advance(seconds=p.answer_s + 10)
        store.record_attempt(
            sess.id, q.id, bank.version_of(q.id), lang, answer, scorer.score(q, answer),
            AttemptTiming(shown, 4.0, 10.0, p.answer_s, 0.0, 60.0), self_rating=p.self_rating,
        )
    store.finish_session(sess.id)
    return sess


def build_history(folder: Path) -> History:
    """Wang Fang's three support sessions, plus Li Lei's sales session imported from elsewhere."""
    bank = load_bank([], builtin=True)
    scorer = Scorer(bank)
    url = f"sqlite:///{folder / 'review.db'}"
    history = History(url, bank)

    other_clock = StepClock(START + timedelta(days=4))
    with Store.open(f"sqlite:///{folder / 'other.db'}", clock=other_clock) as other:
        other.set_candidate_name("Li Lei")
        li = _session(other, other_clock, bank, scorer, "sales", [
            Planned(BACKGROUND, "strong-zh", 150.0),
            Planned(CHARTS, "partial", 95.0),
        ], lang="zh")
        li_transcript = other.transcript(li.id)

    clock = StepClock()
    with Store.open(url, clock=clock) as store:
        store.import_transcript(li_transcript)
        clock.advance(days=-1)
        store.set_candidate_name("Wang Fang")  # the local candidate: used last
        history.sessions["li1"] = li
        plans = [
            [Planned(INTRO, "partial", 70.0, 3), Planned(OUTAGE, "keyword-list", 40.0, 2)],
            [Planned(INTRO, "strong-en", 110.0, 4), Planned(OUTAGE, "partial", 160.0, 3)],
            [Planned(INTRO, "strong-zh", 95.0, 4), Planned(OUTAGE, "strong-zh", 200.0, 5)],
        ]
        for i, plan in enumerate(plans, 1):
            clock.advance(days=2)
            history.sessions[f"wang{i}"] = _session(store, clock, bank, scorer, "support", plan)
        store.set_candidate_name("Wang Fang")  # touch: stays the most recently used
    return history


Page = Callable[[MockroomApp], Screen[None]]
"""Builds a page once the app has booted (a page is given the open store when built)."""


async def show(pilot: Pilot[None], page: Page) -> None:
    """Wait for the app to boot, push the page `page(app)` on top of it, and let it load."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, MockroomApp)
    app.push_screen(page(app))
    await settle(pilot)


def progress(candidate_id: str | None = None, name: str | None = None) -> Page:
    """The progress page of a candidate; by default the local one (as f4 opens it)."""

    def build(app: MockroomApp) -> Screen[None]:
        if candidate_id is None:
            assert app.candidate is not None
            return ProgressScreen(app.records(), app.candidate.id, app.candidate.name)
        return ProgressScreen(app.records(), candidate_id, name)

    return build


def review(context: ReviewContext | None = None) -> Page:
    return lambda app: ReviewScreen(app.records(), context)


def transcript(session_id: str) -> Page:
    return lambda app: TranscriptScreen(app.records(), session_id)


def cells(table: object, row_key: str) -> list[str]:
    """A DataTable row as plain strings."""
    from textual.widgets import DataTable

    assert isinstance(table, DataTable)
    return [str(getattr(c, "plain", c)) for c in table.get_row(row_key)]


def plain(widget: object) -> str:
    """The text a Static or Label shows."""
    from textual.widgets import Static

    assert isinstance(widget, Static)
    return str(getattr(widget.content, "plain", widget.content))
