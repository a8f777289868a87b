"""Inputs that hung or crashed the CLI: endless files, FIFOs, a silent server, absurd options.

Each is refused with one line (exit 2) and quickly; nothing waits forever or reads without end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli_helpers import run_cli
from tests.helpers.review_builders import practised_db

QUESTION = "support.outage-customer-vs-platform"



def one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2 and err.startswith("mockroom: ") and err.count("\n") == 1, err
    for w in words:
        assert w in err, err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


def test_score_from_dev_zero_is_refused_without_reading_it(capsys) -> None:
    code, _, err = run_cli(capsys, "score", "-q", QUESTION, "-f", "/dev/zero")
    one_line_error(code, err, "/dev/zero", "character device")


def test_score_and_import_refuse_a_fifo_at_once(capsys, fifo: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    code, _, err = run_cli(capsys, "score", "-q", QUESTION, "-f", str(fifo))
    one_line_error(code, err, "FIFO")
    code, _, err = run_cli(capsys, "import", str(fifo), "--db", f"sqlite:///{tmp_path / 'm.db'}")
    one_line_error(code, err, "FIFO")
    assert time.monotonic() - started < 5  # no writer ever opens the FIFO: a read would hang
    assert not (tmp_path / "m.db").exists()  # refused before the database was opened


def test_an_endless_stdin_is_read_only_to_the_limit() -> None:
    """`yes | mockroom score -q ID -` stops at the limit instead of growing without end."""
    proc = subprocess.run(
        f"yes 我会先恢复服务 | {sys.executable} -m mockroom score -q {QUESTION} -",
        shell=True, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == "mockroom: standard input: longer than 1024 KB; not an answer\n"


def test_an_oversized_answer_file_is_refused(capsys, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GB that would have been read whole
    code, _, err = run_cli(capsys, "score", "-q", QUESTION, "-f", str(big))
    one_line_error(code, err, "longer than 1024 KB")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never says a word."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(srv.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield srv.getsockname()[1]
    stop.set()
    thread.join()
    for c in accepted:
        c.close()
    srv.close()


@pytest.mark.parametrize("how", ["env", "url"])
def test_a_silent_postgresql_server_times_out_in_one_line(
    capsys, monkeypatch, silent_server: int, how: str
) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://u:secret@127.0.0.1:{silent_server}/db"
    if how == "env":
        monkeypatch.setenv("MOCKROOM_DB_CONNECT_TIMEOUT", "2")
    else:
        monkeypatch.setenv("MOCKROOM_DB_CONNECT_TIMEOUT", "600")  # the URL's own wins
        url += "?connect_timeout=2"
    started = time.monotonic()
    code, _, err = run_cli(capsys, "review", "--db", url)
    assert time.monotonic() - started < 20  # 2 s, plus SQLAlchemy's one retry; never minutes
    one_line_error(code, err, "timeout", "MOCKROOM_DB_CONNECT_TIMEOUT")
    assert "secret" not in err


def test_a_bad_connect_timeout_setting_is_one_line(capsys, monkeypatch) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.setenv("MOCKROOM_DB_CONNECT_TIMEOUT", "soon")
    code, _, err = run_cli(capsys, "review", "--db", "postgresql://u@127.0.0.1:1/db")
    one_line_error(code, err, "MOCKROOM_DB_CONNECT_TIMEOUT='soon'")


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, str]:
    return practised_db(tmp_path)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["review", "--since", "0001-01-01T00:00:00+14:00"], "--since"),
        (["review", "--since", "9999-12-31T23:59:59-14:00"], "--since"),
        (["review", "--db", "sqlite:///%00"], "NUL"),
        (["review", "--limit", "0"], "--limit"),
    ],
)
def test_absurd_options_are_one_line(capsys, db, argv: list[str], words: str) -> None:
    url, _ = db
    code, _, err = run_cli(capsys, *argv, *([] if "--db" in argv else ["--db", url]))
    one_line_error(code, err, words)


def test_a_huge_limit_means_all_sessions(capsys, db) -> None:
    url, sid = db
    code, out, err = run_cli(capsys, "review", "--limit", "99999999999999999999", "--db", url)
    assert code == 0 and sid[:8] in out, err


def test_minus_zero_is_zero(capsys, db) -> None:
    url, sid = db
    code, out, err = run_cli(capsys, "review", sid, "-a", "1", "--coach", "Li", "--score", "-0",
                         "--db", url)
    assert code == 0 and "coach score 0 (" in out and "score -0" not in out, err
    code, out, _ = run_cli(capsys, "review", sid, "--db", url)
    assert "coach score 0 · final 0" in out and "score -0" not in out


def test_importing_into_a_memory_database_says_nothing_is_kept(capsys, db, tmp_path) -> None:
    url, sid = db
    file = tmp_path / "s.json"
    assert run_cli(capsys, "export", sid, "-o", str(file), "--db", url)[0] == 0
    code, out, err = run_cli(capsys, "import", str(file), "--db", "sqlite://")
    assert code == 0 and out.startswith("imported session")
    assert err == "note: the database is in memory (sqlite://): nothing imported is kept\n"


def _read_only(monkeypatch, path: Path) -> None:
    """Make `path` (and its folder) read-only to mockroom: by its mode, or, for root (who may
    write anything), by what os.access answers mockroom."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        return
    real = os.access

    def access(p, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and Path(p).resolve() in (path.resolve(), path.parent.resolve()):
            return False
        return real(p, mode, *args, **kwargs)

    monkeypatch.setattr("mockroom.store.db.os.access", access)


def test_a_read_only_database_opens_read_only_for_read_commands(
    capsys, monkeypatch, db, tmp_path
) -> None:
    url, sid = db
    file = tmp_path / "m.db"
    before = file.read_bytes()
    _read_only(monkeypatch, file)
    try:
        for argv in (["review"], ["review", sid], ["export", sid, "-f", "json"], ["calibrate"]):
            code, out, err = run_cli(capsys, *argv, "--db", url)
            assert code == 0 and err == "", (argv, err)
        code, _, err = run_cli(capsys, "review", sid, "-a", "1", "--coach", "Li", "--score", "50",
                           "--db", url)
        one_line_error(code, err, "readonly")
        assert file.read_bytes() == before
        # no -wal, no -shm (the data folder may gain the bank cache: `review` reads prompts)
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "mockroom-home") == ["m.db"]
    finally:
        file.parent.chmod(0o755)
        file.chmod(0o644)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--comment", "x\udcffy"], "U+DCFF is not valid UTF-8"),  # argv bytes that are not UTF-8
        (["--comment", "fine", "--coach", "Li\x1b[2J"], "control character"),
        (["--score", "50", "--coach", "Li\u202e"], "control character"),
    ],
)
def test_text_the_store_cannot_keep_is_one_line(capsys, db, argv, words) -> None:
    url, sid = db
    full = ["review", sid, "-a", "1", *argv]
    if "--coach" not in argv:
        full += ["--coach", "Li"]
    code, _, err = run_cli(capsys, *full, "--db", url)
    one_line_error(code, err, words)
    code, _, err = run_cli(capsys, "review", "--candidate", "x\udcff", "--db", url)
    one_line_error(code, err, "not valid UTF-8")
