"""What keeps the app quick, checked for what it must not break.

The garbage collector pauses while the app boots and the boot's objects are frozen after
it (tui/heap.py); the footer rebuilds only when the keys it shows change; sessions pick
questions from the store's running tallies; a failing scorer never leaves an answer stuck.
No timings here: `make bench` measures them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from textual.widgets import Footer

from mockroom.core.scorer import Scorer
from mockroom.tui.app import MockroomApp
from mockroom.tui.screens.boot_error import BootErrorScreen
from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.progress import ProgressScreen
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.widgets.keys_footer import KeysFooter
from tests.helpers.tui_helpers import (
    AppFactory,
    footer_keys,
    open_store,
    paste,
    practising,
    question_screen,
    rate,
    settle,
    start_session,
    submit,
)

INTRO_ANSWER = "I currently work as a support lead for a software vendor and have relevant experience."


@pytest.fixture(autouse=True)
def collector_as_usual() -> Iterator[None]:
    """Every test starts and must end with the collector on and nothing frozen."""
    assert gc.isenabled() and gc.get_freeze_count() == 0
    yield
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.enable()
    gc.unfreeze()
    assert enabled and frozen == 0, "the app left the garbage collector changed"


def _keys(app: MockroomApp) -> list[str]:
    return [description for _, description in footer_keys(app)]


async def test_boot_runs_without_collection_then_freezes_and_exit_releases(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mockroom.tui.later as bank_module  # where the app looks load_bank up

    seen: list[bool] = []
    real_load = bank_module.load_bank

    def load_bank(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bank_module, "load_bank", load_bank)
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert seen == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    # The fixture checks the app gave everything back when it closed.


async def test_a_failed_boot_says_why_and_collects_again(make: AppFactory, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = make(f"sqlite:///{blocker / 'mockroom.db'}")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BootErrorScreen)
        assert screen.error is not None and "Cannot open the database" in screen.error
        assert gc.isenabled()


async def test_a_scorer_failing_at_warm_up_does_not_block_the_start(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Scorer, question: object, answer: str) -> object:
        raise RuntimeError("scorer bug")

    monkeypatch.setattr(Scorer, "score", broken)
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)


async def test_a_scorer_failing_on_submit_keeps_the_answer_to_submit_again(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        q = question_screen(app)
        await paste(pilot, INTRO_ANSWER)

        def broken(question: object, answer: str) -> object:
            raise RuntimeError("scorer bug")

        assert app.flow is not None
        monkeypatch.setattr(app.flow.service.scorer, "score", broken)
        await submit(pilot)
        assert app.screen is q and not q.submitting and not q.editor.read_only
        state = str(q.query_one("#q-state").render())
        assert "could not be scored" in state and "scorer bug" in state
        assert app.practice is not None and app.practice.answering is q.ask  # drafts saved again
        session_id = app.practice.session_id if app.practice else ""
        assert open_store(named).attempts_for_session(session_id) == []

        monkeypatch.undo()
        await submit(pilot)
        await rate(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        [stored] = open_store(named).attempts_for_session(session_id)
        assert stored.answer == INTRO_ANSWER


def _drawn(footer: Footer) -> list[str]:
    return [str(key.render()) for key in footer.query("*")]


async def test_the_footer_rebuilds_only_when_its_keys_change_and_shows_what_a_plain_one_does(
    make: AppFactory, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilds: list[Footer] = []
    real_recompose = Footer.recompose

    async def recompose(self: Footer) -> None:
        if isinstance(self, KeysFooter):
            rebuilds.append(self)
        await real_recompose(self)

    monkeypatch.setattr(Footer, "recompose", recompose)
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        rebuilds.clear()
        for _ in range(5):
            app.screen.refresh_bindings()
        await settle(pilot)
        assert rebuilds == []  # the same keys: nothing to redo

        await start_session(pilot)
        plain = Footer(id="plain")  # the reference: Textual's own footer on the same screen
        await app.screen.mount(plain)
        app.screen.refresh_bindings()  # a footer draws its keys once told the bindings changed
        await settle(pilot)
        ours = app.screen.query_one(KeysFooter)
        assert "Answer now" in _keys(app) and _drawn(ours) == _drawn(plain)
        rebuilds.clear()
        await paste(pilot, "I")  # typing starts the answer clock: "Answer now" goes
        await settle(pilot)
        assert "Answer now" not in _keys(app) and len(rebuilds) == 1
        assert _drawn(ours) == _drawn(plain)
        await pilot.press("f2")
        await settle(pilot)
        assert "提交" in _keys(app)
        ours = app.screen.query_one(KeysFooter)  # the screen was redrawn in Chinese
        assert any("提交" in key for key in _drawn(ours))

async def test_sessions_start_with_the_least_answered_questions(
    make: AppFactory, named: str
) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_session("demo", 1, "single")
        await settle(pilot)
        assert question_screen(app).ask.question.id == "demo.intro"  # the easier one
        await submit(pilot, INTRO_ANSWER)
        await rate(pilot)
        app.action_new_session()
        await settle(pilot)
        app.start_session("demo", 1, "single")
        await settle(pilot)
        assert question_screen(app).ask.question.id == "demo.outage"


async def test_history_pages_do_not_open_over_each_other(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        depth = len(app.screen_stack)
        for key in ("f4", "f5"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is progress and len(app.screen_stack) == depth
