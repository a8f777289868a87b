"""The interview clock, driven by a fake monotonic clock."""

from __future__ import annotations

import pytest

from mockroom.core.timing import Budget, QuestionClock, format_clock, typing_cpm


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, s: float) -> None:
        self.t += s


@pytest.fixture
def now() -> FakeClock:
    return FakeClock()


def test_prep_then_answer_then_overtime(now: FakeClock) -> None:
    c = QuestionClock(60, 120, now)
    v = c.view()
    assert (v.phase, v.remaining_s, v.warn) == ("prep", 60, False)
    now.advance(60)
    v = c.view()
    assert (v.phase, v.remaining_s) == ("answer", 120)
    now.advance(100)
    v = c.view()
    assert (v.phase, v.remaining_s, v.warn) == ("answer", 20, True)
    now.advance(35)
    v = c.view()
    assert (v.phase, v.remaining_s, v.overtime_s, v.warn, v.submit_due) == (
        "overtime", 0, 15, True, False
    )
    t = c.stop()
    assert (t.first_key_s, t.prep_s, t.answer_s, t.overtime_s) == (None, 60, 135, 15)


def test_typing_during_prep_starts_the_answer_clock(now: FakeClock) -> None:
    c = QuestionClock(60, 120, now)
    now.advance(12)
    c.key()
    assert c.view().phase == "answer"
    assert c.view().remaining_s == 120
    now.advance(5)
    c.key()  # later keys change nothing
    now.advance(25)
    t = c.stop()
    assert (t.first_key_s, t.prep_s, t.answer_s, t.overtime_s) == (12, 12, 30, 0)


def test_first_key_after_prep_does_not_move_the_answer_start(now: FakeClock) -> None:
    c = QuestionClock(10, 100, now)
    now.advance(30)
    c.key()
    t = c.stop()
    assert (t.first_key_s, t.prep_s, t.answer_s) == (30, 10, 20)


@pytest.mark.parametrize(
    ("left", "warn"), [(31, False), (30, False), (29.9, True), (1, True)]
)
def test_warning_under_thirty_seconds(now: FakeClock, left: float, warn: bool) -> None:
    c = QuestionClock(0, 100, now)
    now.advance(100 - left)
    assert c.view().warn is warn


def test_auto_submit_is_due_at_the_limit_and_stops_the_answer_time_there(now: FakeClock) -> None:
    c = QuestionClock(0, 60, now, auto_submit=True)
    now.advance(59.5)
    assert not c.view().submit_due
    now.advance(0.7)
    assert c.view().submit_due
    t = c.stop()
    assert (t.answer_s, t.overtime_s) == (60, 0)


def test_stop_freezes_the_clock(now: FakeClock) -> None:
    c = QuestionClock(0, 60, now)
    now.advance(10)
    first = c.stop()
    now.advance(100)
    assert c.stop() == first
    assert c.view().phase == "stopped"
    assert not c.view().warn


def test_start_answer_skips_prep(now: FakeClock) -> None:
    c = QuestionClock(60, 60, now)
    now.advance(3)
    c.start_answer()
    assert c.answering
    assert not c.typed
    assert c.stop().prep_s == 3


def test_zero_prep_starts_answering_at_once(now: FakeClock) -> None:
    assert QuestionClock(0, 60, now).view().phase == "answer"


def test_saved_state_restores_in_another_process(now: FakeClock) -> None:
    c = QuestionClock(30, 90, now)
    now.advance(10)
    c.key()
    now.advance(40)
    state = c.to_dict()
    later = FakeClock(5.0)  # a new process: a different monotonic origin
    r = QuestionClock.from_dict(state, later)
    assert r.view() == c.view()
    later.advance(5)
    t = r.stop()
    assert (t.first_key_s, t.prep_s, t.answer_s) == (10, 10, 45)


@pytest.mark.parametrize(
    "state", [{}, {"prep_s": 1, "answer_s": 60}, {"prep_s": "x", "answer_s": 60, "elapsed": 1}]
)
def test_unreadable_saved_state_is_a_clear_error(now: FakeClock, state: dict) -> None:
    with pytest.raises(ValueError, match="saved clock state"):
        QuestionClock.from_dict(state, now)


@pytest.mark.parametrize(("prep", "answer"), [(-1, 60), (0, 0)])
def test_bad_limits_are_rejected(now: FakeClock, prep: float, answer: float) -> None:
    with pytest.raises(ValueError, match="clock needs"):
        QuestionClock(prep, answer, now)


def test_the_budget_runs_only_while_a_question_is_on_screen(now: FakeClock) -> None:
    b = Budget(300)
    now.advance(50)  # before any question: nothing spent
    assert (b.remaining(), b.view().running) == (300, False)
    c = QuestionClock(20, 100, now)
    b.ask(c)
    now.advance(30)
    assert b.remaining() == 270 and b.view().running
    t = c.stop()
    now.advance(500)  # the self-rating, feedback, a retry: the budget stands still
    assert b.remaining() == 270 and not b.view().running
    b.charge(t.prep_s, t.answer_s)
    now.advance(500)
    assert b.remaining() == 270 and b.spent_s == 30
    b.ask(QuestionClock(0, 60, now))
    now.advance(270)
    v = b.view()
    assert (v.remaining_s, v.out, v.running, v.submit_due) == (0, True, True, False)
    now.advance(12)
    assert b.view().over_s == 12  # auto-submit off: the answer goes on past the budget


@pytest.mark.parametrize(("auto_submit", "due"), [(True, True), (False, False)])
def test_at_zero_the_answer_is_due_only_with_auto_submit(
    now: FakeClock, auto_submit: bool, due: bool
) -> None:
    b = Budget(100, spent_s=90)
    c = QuestionClock(0, 60, now, auto_submit=auto_submit)  # the question's own limit is later
    b.ask(c)
    now.advance(9.9)
    assert not b.view().out and not b.view().submit_due
    now.advance(0.2)
    v = b.view()
    assert v.out and v.submit_due is due and not c.view().submit_due
    c.stop()
    assert not b.view().submit_due  # submitted: nothing more is due


def test_a_stopped_clock_restarts_where_it_stopped(now: FakeClock) -> None:
    c = QuestionClock(0, 60, now)
    b = Budget(100)
    b.ask(c)
    now.advance(10)
    c.stop()
    now.advance(40)  # storing the answer failed meanwhile
    c.restart()
    now.advance(5)
    assert c.elapsed() == 15 and b.remaining() == 85 and b.view().running


@pytest.mark.parametrize(("total", "spent"), [(0, 0), (60, -1)])
def test_bad_budgets_are_rejected(total: float, spent: float) -> None:
    with pytest.raises(ValueError, match="budget needs"):
        Budget(total, spent)


@pytest.mark.parametrize(
    ("text", "secs", "cpm"),
    [("abc def", 60, 6.0), ("我们先恢复服务", 30, 14.0), ("abc", 0.5, None)],
)
def test_typing_speed(text: str, secs: float, cpm: float | None) -> None:
    assert typing_cpm(text, secs) == cpm


@pytest.mark.parametrize(
    ("secs", "shown"), [(0, "0:00"), (0.2, "0:01"), (59.0, "0:59"), (61, "1:01"), (-3, "0:00")]
)
def test_format_clock(secs: float, shown: str) -> None:
    assert format_clock(secs) == shown
