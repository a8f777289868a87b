"""A mock interview with a follow-up and a retry, as the summary, the transcript and the review
list show it: three questions, each counted once by its best attempt, labels that say what each
answer was, and a coach's verdict that changes the flags (issue 14 items 1-2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static

from mockroom.core import number_format
from mockroom.core.bank import Bank, load_bank
from mockroom.practice.session import Practice
from mockroom.store.repo import Store
from mockroom.tui.app import MockroomApp, make_app
from mockroom.tui.screens.summary import SummaryScreen
from mockroom.tui.screens.transcript import TranscriptScreen
from tests.helpers.record_session import INTRO, KB, OUTAGE, record_session
from tests.helpers.tui_review_helpers import cells, plain, review, settle, show, transcript


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([], builtin=True)


def _app(url: str, tmp_path: Path, lang: str) -> MockroomApp:
    app = make_app(db_url=url, lang=lang, settings_path=tmp_path / "settings.json",
                   builtin_bank=True)
    app.cursor_blink = False
    return app


def _summary(url: str, bank: Bank, sid: str) -> Callable[[MockroomApp], SummaryScreen]:
    with Store.open(url) as store:
        attempts = store.attempts_for_session(sid)
    questions = [bank.questions[q] for q in (INTRO, OUTAGE, KB)]
    return lambda app: SummaryScreen(Practice(sid, "mock", "support", questions, results=attempts),
                                     app.bank)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_summary_counts_three_questions_by_their_best_attempts(
    tmp_path: Path, bank: Bank, lang: str
) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    sess, recs = record_session(url, bank, lang)
    best = [recs[0].auto_score, recs[3].auto_score, recs[4].auto_score]  # the retry beats 37.4
    mean = round(sum(best) / 3, 1)
    app = _app(url, tmp_path, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, _summary(url, bank, sess.id))
        average = plain(app.screen.query_one("#average", Label))
        assert average == (f"3 题平均分 {number_format.mean(mean)}" if lang == "zh" else
                           f"Average of 3 questions: {number_format.mean(mean)}")
        text = _rendered(app, "#sum-table")
        follow_up = bank.questions[INTRO].follow_ups[0].prompt.get(lang)
        assert follow_up.split("，")[0][:10] in text  # the follow-up's own prompt
        assert "achievement" not in text
        assert ("重答" if lang == "zh" else "retry") in text
        assert f"{number_format.score(recs[3].auto_score)} ★" in text
        # the follow-up met the point the first answer missed: not among the weakest
        weakest = _rendered(app, "#weakest")
        label = next(c for c in recs[0].result.criteria if c.key == "achievement").label(lang)
        assert label not in weakest


def _rendered(app: MockroomApp, selector: str) -> str:
    """What a Static holding a rich renderable shows, as plain text at 78 columns."""
    import io

    from rich.console import Console

    console = Console(width=78, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_transcript_labels_retries_and_follow_ups(
    tmp_path: Path, bank: Bank, lang: str
) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    sess, recs = record_session(url, bank, lang)
    app = _app(url, tmp_path, lang)
    heads, prompts = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, transcript(sess.id))
        for _ in recs:
            heads.append(plain(app.screen.query_one("#tr-head", Label)))
            prompts.append(plain(app.screen.query_one("#tr-prompt", Static)))
            await pilot.press("n")
            await settle(pilot)
    if lang == "zh":
        n, follow, again = "第 {} 题（共 3）", "追问", "重答"
    else:
        n, follow, again = "Question {} of 3", "Follow-up", "Retry"
    expected = [n.format(1), f"{n.format(1)} · {follow}", n.format(2), f"{n.format(2)} · {again}",
                n.format(3)]
    assert all(h.startswith(f"{e} · ") for h, e in zip(heads, expected, strict=True)), heads
    follow_up = bank.questions[INTRO].follow_ups[0].prompt.get(lang)
    assert follow_up in prompts[1]
    assert "(achievement)" not in prompts[1] and "（achievement）" not in prompts[1]  # not the key
    assert prompts[3].startswith("重答\n" if lang == "zh" else "Retry\n")


async def test_a_coach_override_changes_flags_marks_and_the_review_list(
    tmp_path: Path, bank: Bank
) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    sess, recs = record_session(url, bank, "en")
    first = recs[0]
    assert "missed-required" in [f.code for f in first.result.flags]
    with Store.open(url) as store:
        store.override_criterion(first.id, "achievement", True, "Coach Li")
        store.override_score(first.id, 70, "Coach Li")
    app = _app(url, tmp_path, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, transcript(sess.id))
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        flags = plain(screen.query_one("#tr-flags", Static))
        lines = flags.splitlines()
        missing = [line for line in lines if "Missing a required point" in line]
        # only as the scorer's flag the coach lifted, never as a standing flag
        assert missing and all("lifted by the coach" in line for line in missing)
        row = cells(screen.query_one("#tr-points", DataTable), "achievement")
        assert row[:3] == ["✗", "✓", "✓"]  # auto, coach, final
        scores = plain(screen.query_one("#tr-scores", Static))
        assert "Coach score 70" in scores and "final 70" in scores

        await pilot.press("escape")
        await show(pilot, review())
        row = cells(app.screen.query_one("#rv-sessions", DataTable), sess.id)
        assert row[3] == "3" and row[5] == "70.0 · 1/3"


async def _open_transcript_at(pilot: Pilot[None], sid: str, steps: int) -> None:
    await show(pilot, transcript(sid))
    for _ in range(steps):
        await pilot.press("n")
        await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("answer", [1, 3], ids=["follow-up", "retry"])
def test_transcript_snapshots(
    snap_compare, tmp_path: Path, bank: Bank, lang: str, answer: int
) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    sess, _ = record_session(url, bank, lang)

    async def run(pilot: Pilot[None]) -> None:
        await _open_transcript_at(pilot, sess.id, answer)

    assert snap_compare(_app(url, tmp_path, lang), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_snapshots(snap_compare, tmp_path: Path, bank: Bank, lang: str) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    sess, _ = record_session(url, bank, lang)

    async def run(pilot: Pilot[None]) -> None:
        await show(pilot, _summary(url, bank, sess.id))
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_app(url, tmp_path, lang), terminal_size=(80, 24), run_before=run)
