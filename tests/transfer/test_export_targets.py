"""Where `export -o` writes: what is already at the path is written through, kept, or refused.

A new or ordinary file is replaced atomically by an owner-only one; a FIFO or device is
written through and stays what it was; a symlink stays and its file is replaced; a file
with other hard links, a socket or another user's symlink is refused with nothing written.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from mockroom.cli.main import main
from mockroom.store import Store
from mockroom.transfer import export_md
from tests.helpers.review_builders import OUTAGE, practise, practised_db


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, str]:
    return practised_db(tmp_path)


def export(capsys, db, target: Path | str, fmt: str = "md") -> tuple[int, str]:
    url, sid = db
    code = main(["export", sid, "--format", fmt, "-o", str(target), "--db", url])
    return code, capsys.readouterr().err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_and_an_ordinary_file_become_owner_only(capsys, db, tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    assert export(capsys, db, new)[0] == 0
    assert mode(new) == 0o600 and "# Mock interview record" in new.read_text()
    old = tmp_path / "old.md"
    old.write_text("old")
    old.chmod(0o644)
    assert export(capsys, db, old)[0] == 0
    assert mode(old) == 0o600 and "# Mock interview record" in old.read_text()


def test_a_symlink_stays_and_its_file_is_replaced(capsys, db, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    assert export(capsys, db, link)[0] == 0
    assert link.is_symlink() and "# Mock interview record" in real.read_text()


def test_a_fifo_is_written_through(capsys, db, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = threading.Thread(target=lambda: got.append(fifo.read_bytes()))  # blocks for a writer
    thread.start()
    for _ in range(100):  # until the reader's open is under way (it then counts as a reader)
        if thread.is_alive():
            time.sleep(0.05)
            break
    code, err = export(capsys, db, fifo)
    thread.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and b"# Mock interview record" in got[0]


def test_a_fifo_nobody_reads_is_refused_not_waited_on(capsys, db, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, err = export(capsys, db, fifo)
    assert code == 2 and "no program is reading" in err and err.count("\n") == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_null_stays_a_device(capsys, db) -> None:
    before = os.stat("/dev/null")
    assert export(capsys, db, "/dev/null")[0] == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_hard_links_and_sockets_are_refused_and_left_alone(capsys, db, tmp_path: Path) -> None:
    first = tmp_path / "first.md"
    first.write_text("mine")
    os.link(first, tmp_path / "second.md")
    code, err = export(capsys, db, first)
    assert code == 2 and "2 hard links" in err and err.count("\n") == 1
    assert first.read_text() == "mine" and os.stat(first).st_nlink == 2
    sock_path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        code, err = export(capsys, db, sock_path)
    assert code == 2 and "socket" in err and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making another user's symlink needs root")
def test_another_users_symlink_is_not_followed(capsys, db, tmp_path: Path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("keep me")
    trap = tmp_path / "report.md"
    trap.symlink_to(victim)
    os.lchown(trap, 4242, 4242)
    code, err = export(capsys, db, trap)
    assert code == 2 and "another user" in err
    assert victim.read_text() == "keep me" and trap.is_symlink()


def test_markdown_escapes_the_bank_version(tmp_path: Path) -> None:
    """A bank version used to sit in a code span raw: a backtick in it let HTML out."""
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        sess, _ = practise(store, [OUTAGE])
        transcript = store.transcript(sess.id)
    item = transcript.items[0]
    attempt = replace(item.attempt, bank_version="`<img src=x onerror=alert(1)>`")
    md = export_md.render(replace(transcript, items=(replace(item, attempt=attempt),)))
    assert re.search(r"(?<!\\)<", md) is None
    assert r"support.outage (\`\<img src=x onerror=alert(1)>\`)" in md
