"""Start -> question once the boot is over: the boot worker has already done the first-use
work of the Start the start screen offers (tui/boot.py `warm_up`): the track's questions
are built and the question Start asks first has its rubric compiled, so pressing Start only
stores the session and draws the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mockroom.config.settings import Settings, save_settings
from mockroom.core.bank import Bank, load_bank
from mockroom.core.scorer import Scorer
from mockroom.store.repo import Store
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.start import StartScreen
from tests.helpers.store_builders import make_timing
from tests.helpers.tui_helpers import BANK, AppFactory, settle, until


@pytest.fixture
def answered_intro(named: str, tmp_path: Path) -> str:
    """The candidate has answered demo.intro once and last started one question: Start asks
    demo.outage, which is not the bank's first question (the one a warm-up blind to the
    history would compile)."""
    save_settings(Settings(last_count=1), tmp_path / "settings.json")  # where `make` reads
    bank = load_bank([BANK], builtin=False)  # through the cache: next time it is restored
    q = bank.questions["demo.intro"]
    with Store.open(named) as store:
        candidate = store.get_candidate()
        assert candidate is not None
        s = store.start_session(candidate.id, "demo", "practice", "en", [q.id], None, True)
        store.record_attempt(s.id, q.id, bank.version_of(q.id), "en", "My role.",
                             Scorer(bank).score(q, "My role."), make_timing())
        store.finish_session(s.id)
    return named


def _counting(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[Any]:
    """Every call of `cls.name` from now on, by its first argument after self."""
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(cls, name)

    def spy(self: Any, first: Any, *args: Any) -> Any:
        calls.append(first)
        return real(self, first, *args)

    monkeypatch.setattr(cls, name, spy)
    return calls


async def test_start_builds_and_compiles_nothing_once_the_boot_is_over(
    make: AppFactory, answered_intro: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make(answered_intro)
    async with app.run_test(size=(80, 24)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: start.ready, "the store")
        await settle(pilot)  # the boot worker, warm-up included, is over
        assert app.bank is not None
        questions = app.bank.questions
        unbuilt = questions.pending()  # type: ignore[attr-defined]
        compiled = _counting(monkeypatch, Bank, "rubrics_for")  # what compiling a rubric reads
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the question")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.ask.question.id == "demo.outage"
        await pilot.press("a")  # a draft is scored: the scorer needs the rubric now
        await until(pilot, lambda: screen.query_one("#count").has_class("-short"), "a draft score")
        assert compiled == []
        assert questions.pending() == unbuilt  # type: ignore[attr-defined]


def test_the_test_bank_is_restored_from_the_cache_unbuilt(tmp_path: Path) -> None:
    """What the test above relies on: a bank restored from the cache builds on use."""
    load_bank([BANK], builtin=False)
    bank = load_bank([BANK], builtin=False)
    assert bank.questions.pending() == len(bank.questions) == 2  # type: ignore[attr-defined]
