"""The bank's listing (core/bank/listing.py): the tracks and problems the first screen shows,
read from the last load's snapshot; always what loading the same files gives, or None."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mockroom.core.bank import cache, load_paths
from mockroom.core.bank.listing import Listing, last_listing, tracks_of
from mockroom.core.bank.source import ReadEveryFile
from tests.helpers.bank_builders import question_data, rubric_data, write_yaml
from tests.helpers.boot_helpers import another_versions_snapshot


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as written long before the cache read it (else nothing is kept)."""
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)


def two_track_bank(root: Path) -> Path:
    """Two tracks, a file that does not parse and a question whose rubric is missing."""
    write_yaml(root / "q" / "a.yaml", question_data("sales.a", rubric="sales.r"))
    write_yaml(root / "q" / "b.yaml", question_data("support.b", rubric="sales.r"))
    write_yaml(root / "q" / "c.yaml", question_data("ghost.c", rubric="ghost.missing"))
    write_yaml(root / "r" / "r.yaml", rubric_data("sales.r"))
    (root / "q" / "broken.yaml").write_text("id: [\n", "utf-8")
    return root


def listed(targets: list[Path]) -> Listing:
    """What the plain load of `targets` lists (no cache)."""
    bank = load_paths(targets, source=ReadEveryFile())
    return Listing(bank.tracks(), bank.problems)


def test_after_a_load_the_listing_is_what_the_load_found(tmp_path: Path) -> None:
    root = two_track_bank(tmp_path / "bank")
    targets = [root, tmp_path / "missing"]
    assert last_listing(targets) is None  # never loaded: not known
    load_paths(targets)
    listing = last_listing(targets)
    assert listing == listed(targets)
    assert listing is not None and listing.tracks == ["sales", "support"]  # ghost.c left out
    assert [Path(p.path).name for p in listing.problems] == ["broken.yaml", "c.yaml", "missing"]


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_changed_file_makes_the_listing_unknown_until_the_next_load(
    tmp_path: Path, change: str
) -> None:
    root = two_track_bank(tmp_path / "bank")
    load_paths([root])
    if change == "edit":
        write_yaml(root / "q" / "b.yaml", question_data("other.b", rubric="sales.r"))
    elif change == "add":
        write_yaml(root / "q" / "d.yaml", question_data("other.d", rubric="sales.r"))
    else:
        (root / "q" / "b.yaml").unlink()
    assert last_listing([root]) is None
    load_paths([root])
    assert last_listing([root]) == listed([root])


def test_the_newest_snapshot_of_the_same_files_is_the_one_listed(tmp_path: Path) -> None:
    """A cache written by another version of the parser (another fingerprint) is read only
    when it is the newest; the app then follows the bank it loads (tests/tui)."""
    root = two_track_bank(tmp_path / "bank")
    load_paths([root])
    home = Path(os.environ["MOCKROOM_HOME"])
    another_versions_snapshot(home, "extra.q")
    assert last_listing([root]) == Listing(["extra", "sales", "support"], listed([root]).problems)
    [other] = (home / "cache").glob("bank-0000000000000000-*")
    os.utime(other / "snapshot.json", ns=(0, 0))
    assert last_listing([root]) == listed([root])


@pytest.mark.parametrize("damage", [b"", b"{", b'{"key": 1}', b"\x80\x05K\x01."])
def test_a_damaged_snapshot_lists_nothing(tmp_path: Path, damage: bytes) -> None:
    root = two_track_bank(tmp_path / "bank")
    load_paths([root])
    [folder] = (Path(os.environ["MOCKROOM_HOME"]) / "cache").glob("bank-*")
    (folder / "snapshot.json").write_bytes(damage)
    assert last_listing([root]) is None


@pytest.mark.parametrize("ids", [[], ["a.x"], ["b.y", "a.x", "a.z"], ["noperiod"]])
def test_tracks_are_the_ids_first_parts(ids: list[str]) -> None:
    assert tracks_of(ids) == sorted({i.partition(".")[0] for i in ids})


def test_listing_imports_neither_the_models_nor_yaml() -> None:
    code = ("import sys\nfrom mockroom.core.bank.listing import listing_of\nlisting_of([], True)\n"
            "print(sorted(m for m in ('pydantic', 'yaml', 'mockroom.core.models', "
            "'mockroom.core.bank.load') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
