"""mockroom never opens a network connection: every way out of the process through a socket
is replaced by one that records the attempt and fails, then the CLI, the store and the TUI run."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

import pytest

from mockroom.cli.main import main
from mockroom.store import Store

TUI_BANK = Path(__file__).resolve().parent.parent / "data" / "tui" / "bank"
GOOD_BANK = Path(__file__).resolve().parent.parent / "data" / "good"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outbound socket call fail; the list collects what was attempted."""
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network use: {name}")

        return blocked

    for attr in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, attr, refuse(f"socket.{attr}"))
    for fn in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, fn, refuse(fn))
    return attempts


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with socket.socket() as s, pytest.raises(NetworkUsed):
        s.connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def test_cli_opens_no_connection(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("我会先道歉，然后回滚恢复业务，事后复盘。", encoding="utf-8")
    assert main(["score", "-q", "good.apology", "-f", str(answer), "--bank", str(GOOD_BANK)]) == 0
    assert main(["lint", str(GOOD_BANK)]) == 0
    assert main(["bank", "list"]) == 0
    capsys.readouterr()
    assert no_network == []


def test_sqlite_store_opens_no_connection(no_network: list[str], tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from mockroom.core.bank import load_paths
    from mockroom.core.scorer import Scorer
    from mockroom.store import AttemptTiming

    bank = load_paths([GOOD_BANK])
    q = bank.questions["good.apology"]
    result = Scorer(bank).score(q, "我会先道歉，然后回滚。")
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        cand = store.set_candidate_name("Offline")
        sess = store.start_session(cand.id, "good", "single", "zh", [q.id], None, True)
        store.save_draft(sess.id, q.id, "我会", {})
        timing = AttemptTiming(datetime.now(UTC), 1.0, 1.0, 10.0, 0.0, 60.0)
        store.record_attempt(sess.id, q.id, bank.version_of(q.id), "zh", "答", result, timing)
        store.due_questions(cand.id)
    assert no_network == []


@pytest.mark.skipif(
    importlib.util.find_spec("mockroom.tui.app") is None, reason="the TUI is not built yet"
)
async def test_tui_session_opens_no_connection(no_network: list[str], tmp_path: Path) -> None:
    from mockroom.tui.app import make_app

    db_url = f"sqlite:///{tmp_path / 'tui.db'}"
    with Store.open(db_url) as store:
        store.set_candidate_name("Offline")
    app = make_app(db_url=db_url, bank_dirs=[TUI_BANK], builtin_bank=False, lang="en",
                   settings_path=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+s")  # start a session: the first question
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"I would restore service first and apologise.")
        await pilot.press("ctrl+s")  # submit: scored and stored
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        stored = app.practice.session_id if app.practice else None
    assert stored, "the pilot run never reached a question"
    with Store.open(db_url) as store:
        assert store.attempts_for_session(stored), "the answer was not stored"
    assert no_network == []
