"""The whole practice flow driven with Textual's pilot, checked against what was stored."""

from __future__ import annotations

from pathlib import Path

from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.name_dialog import NameDialog
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.screens.summary import SummaryScreen
from tests.helpers.tui_helpers import (
    BROKEN_BANK,
    AppFactory,
    FakeClock,
    at_start,
    counted,
    open_store,
    paste,
    practising,
    question_screen,
    rate,
    settle,
    shown,
    start_session,
    submit,
)

OUTAGE_ANSWER = "我会先恢复服务,必要时回滚,同时每半小时主动同步进展给客户的负责人,让他们心里有数。"
INTRO_ANSWER = "I currently work as a support lead for a software vendor and have relevant experience."


async def test_first_run_asks_for_a_name_and_stores_it(make: AppFactory, db_url: str) -> None:
    app = make(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        await pilot.press("enter")  # empty: refused, the dialog stays
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"Li Lei", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    store = open_store(db_url)
    cand = store.get_candidate()
    assert cand is not None and cand.name == "Li Lei"


async def test_dialogs_sit_in_the_middle_over_the_screen_they_ask_about(
    make: AppFactory, db_url: str
) -> None:
    """Every dialog (screens/page.py's Dialog) is centred, and the screen below shows through:
    on a first run the start screen and its footer stay visible around the name dialog."""
    app = make(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        box = app.screen.query_one(".dialog").region
        assert abs(box.x - (80 - box.right)) <= 1 and abs(box.y - (24 - box.bottom)) <= 1, box
        assert app.screen.styles.background.a < 1  # translucent: the start screen shows
        picture = app.export_screenshot()
        assert "Track" in picture and "Quit" in picture  # the start screen and its footer


async def test_answer_feedback_follow_up_and_summary_are_stored(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        # Question 1 (the easier one comes first): prep, then typing starts the answer clock.
        q = await start_session(pilot)
        assert q.ask.question.id == "demo.intro"
        assert q.clock.view().phase == "prep"
        clock.advance(4)
        await paste(pilot, INTRO_ANSWER)
        assert q.clock.view().phase == "answer"
        clock.advance(30)
        await submit(pilot)
        await rate(pilot)
        fb = app.screen
        assert isinstance(fb, FeedbackScreen)
        assert fb.follow_up is None  # demo.intro has no follow-ups
        store = open_store(named)
        session_id = app.practice.session_id if app.practice else ""
        [first] = store.attempts_for_session(session_id)
        assert first.answer == INTRO_ANSWER
        assert first.timing.first_key_s == 4 and first.timing.prep_s == 4
        assert first.timing.answer_s == 30 and first.timing.overtime_s == 0
        assert first.timing.typing_cpm is not None
        assert first.bank_version and first.prompt_lang == "en"
        assert store.load_draft(session_id) is None

        # Question 2: miss the post-mortem point, so the follow-up asks about it.
        await pilot.press("n")
        await settle(pilot)
        q = question_screen(app)
        assert q.ask.question.id == "demo.outage"
        await paste(pilot, OUTAGE_ANSWER)
        clock.advance(125)  # past the 120 s limit: overtime
        await submit(pilot)
        await rate(pilot)
        fb = app.screen
        assert isinstance(fb, FeedbackScreen)
        assert fb.follow_up is not None and fb.follow_up.criterion == "postmortem"
        second = store.attempts_for_session(session_id)[-1]
        assert second.timing.overtime_s == 5
        statuses = {c.key: c.hit for c in second.result.criteria}
        assert statuses == {"restore": True, "communicate": True, "postmortem": False}

        await pilot.press("f")
        await settle(pilot)
        q = question_screen(app)
        assert q.ask.kind == "follow_up"
        assert q.clock.view().phase == "answer"  # follow-ups have no prep
        await submit(pilot, "事后我会组织复盘,做根因分析,并落实改进措施。")
        follow = store.attempts_for_session(session_id)[-1]
        assert follow.follow_up_of == second.id
        assert follow.follow_up_criterion == "postmortem"
        assert [c.key for c in follow.result.criteria] == ["postmortem"]
        assert follow.result.criteria[0].hit

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert store.get_session(session_id).state == "finished"
        weakest = shown(app.screen.query_one("#weakest"))
        # the follow-up met the post-mortem point the answer missed: it is not a weak point
        label = next(c for c in second.result.criteria if c.key == "postmortem").label("en")
        assert label not in weakest and "postmortem" not in weakest


async def test_retry_shows_the_new_attempt_beside_the_old(make: AppFactory, named: str) -> None:
    app = make(named)
    async with practising(app, size=(100, 30)) as pilot:
        await submit(pilot, "I currently do support.")
        await rate(pilot)
        first = app.screen
        assert isinstance(first, FeedbackScreen)
        await pilot.press("r")
        await settle(pilot)
        assert question_screen(app).ask.kind == "retry"
        await submit(pilot, INTRO_ANSWER + " I would be a good fit.")
        await rate(pilot)
        second = app.screen
        assert isinstance(second, FeedbackScreen)
        assert second.previous is not None and second.previous.id == first.attempt.id
        assert second.attempt.result.score > first.attempt.result.score
        assert app.screen.query("#compare")
        assert len(app.screen.query(".answer")) == 2
        # A retry does not count as a new question: the next one is still question 2.
        await pilot.press("n")
        await settle(pilot)
        assert question_screen(app).ask.question.id == "demo.outage"


async def test_empty_answer_is_not_submitted(make: AppFactory, named: str) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await submit(pilot)  # nothing typed
        question_screen(app)
        assert open_store(named).attempts_for_session(app.practice.session_id if app.practice else "") == []


async def test_auto_submit_at_the_limit(make: AppFactory, named: str, clock: FakeClock) -> None:
    app = make(named)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#auto_submit")
        q = await start_session(pilot)
        await paste(pilot, "I currently lead support.")
        clock.advance(91)
        await pilot.pause(0.3)  # one clock tick
        await settle(pilot)
        await rate(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        [attempt] = open_store(named).attempts_for_session(app.practice.session_id if app.practice else "")
        assert attempt.timing.answer_s == q.ask.limits[1]
        assert attempt.timing.overtime_s == 0
    assert app.settings.auto_submit


async def test_clock_warns_then_counts_overtime(make: AppFactory, named: str, clock: FakeClock) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        q = question_screen(app)
        shown = q.query_one("#clock")
        assert shown.has_class("-prep")
        await pilot.press("ctrl+g")  # answer now
        clock.advance(70)
        await pilot.pause(0.3)
        assert shown.has_class("-warn")
        clock.advance(25)
        await pilot.pause(0.3)
        assert shown.has_class("-overtime")
        assert "+0:05" in str(shown.render())


async def test_language_switch_keeps_the_draft(make: AppFactory, named: str) -> None:
    app = make(named)
    async with practising(app, size=(80, 24)) as pilot:
        await paste(pilot, "草稿内容 draft")
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "zh"
        q = question_screen(app)
        assert q.editor.text == "草稿内容 draft"
        assert "请用两分钟" in str(q.query_one("#prompt").render())
    assert '"lang": "zh"' in (Path(app.settings_path or "").read_text())


async def test_bank_problems_are_shown_and_the_rest_loads(
    make: AppFactory, named: str
) -> None:
    from tests.helpers.tui_helpers import BANK

    app = make(named, bank_dirs=[BANK, BROKEN_BANK])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        problems = [str(p.render()) for p in app.screen.query(".problem")]
        assert any("broken.yaml" in p and "invalid YAML" in p for p in problems)
        assert app.bank is not None and len(app.bank.questions) == 2


async def test_due_mode_with_nothing_due_stays_on_start(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await at_start(pilot)
        screen.mode = "due"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert app.practice is None


async def test_mock_interview_has_a_budget_and_ends_with_a_report(
    make: AppFactory, named: str, clock: FakeClock
) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await at_start(pilot)
        screen.mode = "mock"
        await start_session(pilot)
        assert app.practice is not None and app.practice.budget is not None
        assert app.practice.budget.total_s == (10 + 90) + (20 + 120)
        session = open_store(named).get_session(app.practice.session_id)
        assert session.mode == "mock" and session.time_budget_s == 240
        await paste(pilot, INTRO_ANSWER)
        clock.advance(300)  # the whole budget is gone
        await submit(pilot)
        await rate(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Mock interview report" in str(app.screen.query_one(".heading").render())


async def test_counter_and_live_meter_follow_the_draft(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#live_meter")
        q = await start_session(pilot)
        meter = q.query_one("#meter")
        assert meter.display
        await paste(pilot, "I currently work as a support lead.")
        await counted(pilot)
        assert str(q.query_one("#count").render()) == "7 words / 20–200"
        assert q.query_one("#count").has_class("-short")
        assert str(meter.render()).startswith("Points 1/2")


async def test_command_palette_lists_the_apps_commands(make: AppFactory, named: str) -> None:
    app = make(named)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"interface language")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.lang == "zh"
        assert isinstance(app.screen, StartScreen)
        assert "开始练习" in str(app.screen.query_one(".heading").render())


async def test_corrupt_settings_file_is_reported_not_fatal(
    make: AppFactory, named: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad-settings.json"
    bad.write_text("{oops")
    app = make(named, settings_path=bad, lang=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert any("not valid JSON" in n.message for n in app._notifications)
        await pilot.click("#clock_on")  # changing a setting writes a good file again
        await settle(pilot)
    assert '"clock_on": false' in bad.read_text()
