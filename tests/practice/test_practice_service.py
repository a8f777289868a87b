"""The practice service without a terminal: a session from start to summary, against a real
store, with a fake monotonic clock. Nothing here imports Textual."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mockroom.core.bank import Bank, load_bank
from mockroom.core.scorer import Scorer
from mockroom.core.timing import AttemptTimes
from mockroom.practice.ask import Ask
from mockroom.practice.picking import mock_budget_s, pick_questions
from mockroom.practice.service import PracticeService, ScoreFailed, Unfinished, draft_state
from mockroom.practice.session import Practice
from mockroom.store import Store
from mockroom.store.session_lock import SessionTaken
from tests.helpers.tui_helpers import BANK, FakeClock

INTRO = "I currently work as a support lead for a software vendor and have relevant experience."
OUTAGE = "我会先恢复服务,必要时回滚,同时每半小时主动同步进展给客户的负责人,让他们心里有数。"
SHOWN = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([BANK], builtin=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(bank: Bank, clock: FakeClock) -> PracticeService:
    return PracticeService(bank, Scorer(bank), clock)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(f"sqlite:///{tmp_path / 'practice.db'}")
    s.set_candidate_name("Alice")
    return s


def _answer(service: PracticeService, store: Store, p: Practice, ask: Ask, text: str,
            answer_s: float = 30.0, times: AttemptTimes | None = None):
    p.answering = None
    times = times or AttemptTimes(2.0, 2.0, answer_s, 0.0)
    attempt = service.record(store, p, ask, text, times, SHOWN, "en")
    p.add(attempt, ask)
    return attempt


def _start(service: PracticeService, store: Store, mode: str, count: int) -> Practice:
    """A session on the demo track for the store's candidate, started as the start screen does."""
    cand = store.get_candidate()
    assert cand is not None
    p = service.start(store, cand.id, "demo", count, mode, "en", True)
    assert p is not None
    return p


def _first_ask(p: Practice) -> Ask:
    ask = p.next_ask()
    assert ask is not None
    return ask


def test_the_service_imports_no_textual() -> None:
    import subprocess

    code = "import mockroom.practice.service, sys; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ask_round_trips_through_a_draft(bank: Bank) -> None:
    q = bank.questions["demo.outage"]
    follow = Ask(q, "follow_up", q.follow_ups[0], "attempt-1")
    assert Ask.from_dict(follow.to_dict(), bank.questions) == follow
    assert follow.limits == (0, 60)
    assert Ask(q).limits == (20, 120)
    assert Ask.from_dict({"question": "gone.q"}, bank.questions) is None
    assert Ask.from_dict({**follow.to_dict(), "criterion": "nope"}, bank.questions) is None


def test_picking_and_budget(bank: Bank) -> None:
    pool = bank.in_track("demo")
    picked = pick_questions(pool, 1, {"demo.intro": 2})
    assert [q.id for q in picked] == ["demo.outage"]
    both = pick_questions(pool, 5, {})
    assert [q.id for q in both] == ["demo.intro", "demo.outage"]
    assert mock_budget_s(both) == 240
    p = Practice("s", "single", "demo", both)
    assert p.next_question() == both[0] and p.position(both[1]) == (2, 2)
    p.answered |= {"demo.intro", "demo.outage"}
    assert p.over and p.next_question() is None and p.next_ask() is None


def test_a_session_with_a_retry_and_a_follow_up(service: PracticeService, store: Store) -> None:
    p = _start(service, store, "single", 3)
    assert [q.id for q in p.questions] == ["demo.intro", "demo.outage"]
    held = store.session_holder(p.session_id)  # started claimed by this app
    assert held is not None and held.holder == service.holder
    first = p.next_ask()
    assert first is not None and first.question.id == "demo.intro"
    weak = _answer(service, store, p, first, "I currently do support.")
    assert service.follow_up_for(first, weak) is None  # demo.intro has no follow-ups
    retry = PracticeService.retry(weak, first)
    assert service.turn(retry, False).clock.view().phase == "prep"
    better = _answer(service, store, p, retry, INTRO)
    assert p.previous_of(retry) == weak and better.result.score > weak.result.score
    second = p.next_ask()  # a retry is not a new question
    assert second is not None and second.question.id == "demo.outage"
    main = _answer(service, store, p, second, OUTAGE)
    follow_up = service.follow_up_for(second, main)
    assert follow_up is not None and follow_up.criterion == "postmortem"
    ask = PracticeService.follow_up(main, second, follow_up)
    assert service.turn(ask, False).clock.view().phase == "answer"  # no prep for a follow-up
    follow = _answer(service, store, p, ask, "事后我会组织复盘,做根因分析,并落实改进措施。")
    assert follow.follow_up_of == main.id and [c.key for c in follow.result.criteria] == ["postmortem"]
    assert p.next_ask() is None
    service.close(store, p.session_id, True)
    assert store.get_session(p.session_id).state == "finished"
    assert [a.id for a in store.attempts_for_session(p.session_id)] == [a.id for a in p.results]


def test_due_mode_asks_what_the_history_says_is_due(
    service: PracticeService, store: Store, tmp_path: Path
) -> None:
    cand = store.get_candidate()
    assert cand is not None
    assert service.start(store, cand.id, "demo", 3, "due", "en", True) is None  # nothing yet
    p = service.start(store, cand.id, "demo", 1, "single", "en", True)
    assert p is not None
    ask = p.next_ask()
    assert ask is not None
    _answer(service, store, p, ask, "I do support.")  # weak: due again soon
    due_ids = store.due_questions(cand.id, now=datetime.now(UTC) + timedelta(days=30))
    assert due_ids == [ask.question.id]
    later = Store.open(f"sqlite:///{tmp_path / 'practice.db'}",
                       clock=lambda: datetime.now(UTC) + timedelta(days=30))
    due = service.start(later, cand.id, "demo", 3, "due", "en", True)
    assert due is not None and [q.id for q in due.questions] == [ask.question.id]


def test_the_budget_is_spent_only_while_a_question_is_on_screen(
    service: PracticeService, store: Store, clock: FakeClock
) -> None:
    """Practice: feedback, the self-rating, a retry and a follow-up cost the budget nothing;
    a question's first answer is charged its prep and answer time, and when the budget is
    spent the session is over."""
    p = _start(service, store, "practice", 2)
    assert p.budget is not None and p.budget.total_s == 240
    assert store.get_session(p.session_id).time_budget_s == 240 and p.feedback_each
    clock.advance(1000)  # the start screen, before any question
    first = p.next_ask()
    assert first is not None
    turn = service.turn(first, False)
    p.begin(first, turn.clock)
    clock.advance(20)  # prep
    turn.clock.key()
    clock.advance(100)
    times = turn.clock.stop()
    assert p.budget.remaining() == 120
    clock.advance(300)  # rating and feedback
    weak = _answer(service, store, p, first, "I currently do support.", times=times)
    assert p.budget.remaining() == 120
    retry = PracticeService.retry(weak, first)
    p.begin(retry, service.turn(retry, False).clock)
    clock.advance(90)
    _answer(service, store, p, retry, INTRO)
    assert p.budget.remaining() == 120 and not p.over
    second = p.next_ask()
    assert second is not None
    turn = service.turn(second, False)
    p.begin(second, turn.clock)
    clock.advance(125)
    view = p.budget.view()
    assert view.out and view.over_s == 5 and not view.submit_due  # auto-submit is off
    _answer(service, store, p, second, OUTAGE, times=turn.clock.stop())
    assert p.over and p.next_ask() is None


def test_an_interview_gives_no_feedback_until_the_end(
    service: PracticeService, store: Store
) -> None:
    p = _start(service, store, "interview", 2)
    assert not p.feedback_each and p.budget is not None
    session = store.get_session(p.session_id)
    assert session.mode == "interview"
    assert PracticeService.last_times(store, session.candidate_id, p) == {}  # no hints either


def test_a_failing_scorer_stores_nothing(
    service: PracticeService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = _start(service, store, "single", 1)
    ask = _first_ask(p)

    def broken(question: object, text: str) -> object:
        raise RuntimeError("scorer bug")

    monkeypatch.setattr(service.scorer, "score", broken)
    with pytest.raises(ScoreFailed, match="RuntimeError: scorer bug"):
        service.record(store, p, ask, INTRO, AttemptTimes(1.0, 1.0, 10.0, 0.0), SHOWN, "en")
    assert store.attempts_for_session(p.session_id) == []


def test_a_late_draft_never_lands_after_its_answer(service: PracticeService, store: Store) -> None:
    p = _start(service, store, "single", 1)
    ask = _first_ask(p)
    turn = service.turn(ask, False)
    p.answering = ask
    state = draft_state(ask, turn.clock, SHOWN)
    service.save_draft(store, p, ask, "draft", state)
    assert store.load_draft(p.session_id) is not None
    _answer(service, store, p, ask, INTRO)  # submitting clears `answering`
    service.save_draft(store, p, ask, "too late", state)
    assert store.load_draft(p.session_id) is None


def test_resume_restores_the_question_its_clock_and_the_budget(
    service: PracticeService, store: Store, clock: FakeClock
) -> None:
    p = _start(service, store, "mock", 2)
    assert p.budget is not None
    ask = _first_ask(p)
    turn = service.turn(ask, False)
    p.answering = ask
    clock.advance(15)
    turn.clock.key()
    clock.advance(5)
    state = draft_state(ask, turn.clock, SHOWN)
    service.save_draft(store, p, ask, "half an answer", state)

    returning = PracticeService.returning(store)
    assert returning.candidate == store.get_candidate() and isinstance(returning.unfinished, Unfinished)
    assert returning.unfinished.done == 0
    clock.advance(1000)  # the terminal was closed for a while: neither clock ran
    again, shown, missing = service.resume(returning.unfinished, auto_submit=False)
    assert missing == 0 and again.session_id == p.session_id and shown is not None
    assert shown.ask == ask and shown.text == "half an answer" and shown.shown_at == SHOWN
    assert shown.clock.elapsed() == pytest.approx(20)
    assert again.budget is not None and again.budget.used() == 0
    again.begin(shown.ask, shown.clock)  # back on screen: its clock spends the budget again
    assert again.budget.used() == pytest.approx(20)


def test_two_apps_on_one_session_never_overwrite_each_other(
    service: PracticeService, store: Store, bank: Bank, clock: FakeClock
) -> None:
    """The app that starts a session holds it; a second one is told who has it, and once it
    takes over, the first one's drafts and answers are refused instead of overwriting."""
    p = _start(service, store, "single", 1)
    ask = _first_ask(p)
    p.answering = ask
    state = draft_state(ask, service.turn(ask, False).clock, SHOWN)
    service.save_draft(store, p, ask, "first window", state)

    second = PracticeService(bank, Scorer(bank), clock)
    holder = second.claim(store, p.session_id)
    assert holder is not None and holder.holder == service.holder  # told, nothing changed
    assert second.claim(store, p.session_id, take_over=True) is None
    assert not service.heartbeat(store, p.session_id)  # the first learns it lost the session
    with pytest.raises(SessionTaken):
        service.save_draft(store, p, ask, "stale window", state)
    draft = store.load_draft(p.session_id)
    assert draft is not None and draft.text == "first window"
    second.close(store, p.session_id, False)
    assert store.session_holder(p.session_id) is None
