"""The question screen's footer and placeholder say what is true now (issue 15 item 3)."""

from __future__ import annotations

from mockroom.core.timing import QuestionClock
from mockroom.practice.ask import Ask
from mockroom.practice.service import Turn
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.strings import t
from tests.helpers.tui_helpers import (
    AppFactory,
    FakeClock,
    footer_keys,
    practising,
    question_screen,
    settle,
)


async def test_answer_now_leaves_the_footer_when_prep_runs_out(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        q = question_screen(app)
        assert ("^g", "Answer now") in footer_keys(app)
        assert q.editor.placeholder == t("en", "q.placeholder")
        clock.advance(q.clock.prep_limit + 1)  # no key pressed: prep simply ends
        await pilot.pause(0.5)
        assert q.clock.view().phase == "answer"
        assert "Answer now" not in [d for _, d in footer_keys(app)]
        drawn = [str(k.description) for k in q.query("FooterKey")]
        assert "Answer now" not in drawn and "Submit" in drawn


async def test_follow_up_placeholder_does_not_mention_prep(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.bank is not None
        question = app.bank.questions["demo.outage"]
        follow_up = question.follow_ups[0]
        ask = Ask(question, "follow_up", follow_up, "parent-id")
        prep, answer = ask.limits
        turn = Turn(ask, QuestionClock(prep, answer, app.monotonic), "", None)
        app.push_screen(QuestionScreen(turn, score=lambda a, text: app.service.score(a, text)))  # type: ignore[union-attr]
        await settle(pilot)
        q = question_screen(app)
        assert q.editor.placeholder == t("en", "q.placeholder_now")
        assert "prep" not in q.editor.placeholder


async def test_command_palette_key_is_translated(make: AppFactory, named: str) -> None:
    app = make(named, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        drawn = [str(k.description) for k in app.screen.query("FooterKey")]
        assert "命令" in drawn and "palette" not in drawn
