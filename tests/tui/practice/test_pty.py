"""The real app in a pseudo-terminal: a first run, one typed answer, and what was stored."""

from __future__ import annotations

import os
import re
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer
from mockroom.store.repo import Store
from tests.helpers.tui_helpers import BANK

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
ANSWER = "I currently work as a support lead. 我负责支持团队。"
WAIT_S = 30.0


class Terminal:
    """A child process on a pty, with everything it printed (escape codes stripped)."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
            start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.raw = b""

    def read(self, timeout: float = 0.1) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], timeout)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.raw += chunk
            timeout = 0.0

    @property
    def text(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    def wait_for(self, what: str | Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            self.read()
            if (what in self.text) if isinstance(what, str) else what():
                return
            if self.proc.poll() is not None:
                break
        raise AssertionError(f"timed out waiting for {what!r}; screen text:\n{self.text[-2000:]}")

    def type(self, text: str, delay: float = 0.01) -> None:
        for ch in text:
            os.write(self.master, ch.encode())
            time.sleep(delay)
            self.read(0)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        os.close(self.master)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_typing_an_answer_in_a_real_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MOCKROOM_", "TEXTUAL", "PYTEST"))
    }
    env |= {
        "MOCKROOM_HOME": str(home),
        "MOCKROOM_BANK": str(BANK),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "LC_ALL": "",
        "COLUMNS": "80",
        "LINES": "24",
    }
    db_url = f"sqlite:///{home / 'mockroom.db'}"
    root = Path(__file__).resolve().parents[3]
    bank = load_bank([BANK], builtin=True)
    whole = Scorer(bank).score(bank.questions["demo.intro"], ANSWER)
    assert whole.answer_lang == "zh"
    term = Terminal([sys.executable, "-m", "mockroom.tui"], env, root)
    try:
        term.wait_for("Your name")
        term.type("Pty Tester\r")
        term.wait_for("Start practising")

        def candidate() -> bool:
            c = Store.open(db_url).get_candidate()
            return c is not None and c.name == "Pty Tester"

        term.wait_for(candidate)
        term.type("\x13")  # ctrl+s: start with the defaults (track demo, single questions)
        term.wait_for("Introduce yourself")
        term.type(ANSWER, delay=0.02)
        # The counter as the scorer counts the whole answer (its English start alone was
        # counted in words; when a draft is scored depends on the machine's speed).
        term.wait_for(f"{whole.length} chars / {whole.length_range[0]}–{whole.length_range[1]}")
        term.type("\x13")  # ctrl+s: submit
        term.wait_for("How well did you answer")
        term.type("4")  # the self-rating, asked before the score is shown
        term.wait_for("Rubric points")
        term.type("\x11")  # ctrl+q: not mid-question, so no confirmation
        assert term.proc.wait(WAIT_S) == 0
    finally:
        term.close()
    store = Store.open(db_url)
    cand = store.get_candidate()
    assert cand is not None
    [attempt] = store.attempts_for_question(cand.id, "demo.intro")
    assert attempt.answer == ANSWER
    assert attempt.result.score > 0
    assert attempt.timing.first_key_s is not None
    assert attempt.self_rating == 4
