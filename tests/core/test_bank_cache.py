"""The bank cache (core/bank_cache.py): when a file is trusted by its stat, hashed or parsed,
and that a cached load always gives what a fresh parse gives, whatever happened to the cache.

Files written by a test are seconds old, so they are "racy" and always re-read; tests of the
trusted path move the cache's clock forward (`settled`) as if the files were written long ago.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from mockroom.core import bank as banks
from mockroom.core import bank_cache
from mockroom.core.bank import Bank, load_paths
from mockroom.core.lazy_map import LazyMap
from tests.helpers.bank_builders import criterion, question_data, rubric_data, write_yaml


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as written long before the cache read it."""
    monkeypatch.setattr(bank_cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Replace bank_cache.<name>(file name, ...) by a wrapper noting each file's base name."""
    seen: list[str] = []
    real = getattr(bank_cache, name)

    def spy(file_name: str, *args: Any) -> Any:
        seen.append(Path(file_name).name)
        return real(file_name, *args)

    monkeypatch.setattr(bank_cache, name, spy)
    return seen


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the cache reads (and hashes)."""
    return _spy(monkeypatch, "_read_file")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files whose bytes are parsed (YAML + validation)."""
    return _spy(monkeypatch, "_parse")


def small_bank(root: Path) -> Path:
    """Two questions and their rubrics, plus the kinds of problem the cache must replay:
    a broken file, a duplicate id, an unknown rubric and an unknown follow-up point."""
    write_yaml(root / "q" / "a.yaml", question_data(
        "t.a", rubric="t.r",
        follow_ups=[{"criterion": "nope", "prompt": {"zh": "还有呢？", "en": "And?"}}]))
    write_yaml(root / "q" / "b.yaml", question_data("t.b", rubric="t.r", difficulty=1))
    write_yaml(root / "q" / "c.yaml", question_data("t.c", rubric="t.missing"))
    write_yaml(root / "q" / "dup.yaml", question_data("t.b", rubric="t.r"))
    write_yaml(root / "r" / "r.yaml", rubric_data("t.r"))
    (root / "q" / "broken.yaml").write_text("id: [\n", "utf-8")
    return root


def fresh(root: Path) -> Bank:
    """The bank parsed from scratch (lint's way, which never uses the cache)."""
    return load_paths([root], keep_nodes=True)


def assert_same(bank: Bank, expected: Bank) -> None:
    assert bank.problems == expected.problems
    assert bank.skipped == expected.skipped
    assert list(bank.questions) == list(expected.questions)
    assert bank.questions == expected.questions and bank.rubrics == expected.rubrics
    assert dict(bank.origins) == dict(expected.origins)


def test_the_small_bank_has_every_kind_of_problem(tmp_path: Path) -> None:
    bank = fresh(small_bank(tmp_path))
    messages = [p.message for p in bank.problems]
    assert len(messages) == 4 and len(bank.skipped) == 1
    assert any("duplicate question id 't.b'" in m for m in messages)
    assert any("unknown rubric 't.missing'" in m for m in messages)
    assert any("unknown rubric point 'nope'" in m for m in messages)
    assert list(bank.questions) == ["t.a", "t.b"]


def test_a_settled_bank_loads_from_the_cache_without_reading_a_file(
    tmp_path: Path, settled: None, reads: list[str]
) -> None:
    root = small_bank(tmp_path)
    first = load_paths([root])
    assert sorted(reads) == ["a.yaml", "b.yaml", "broken.yaml", "c.yaml", "dup.yaml", "r.yaml"]
    reads.clear()
    second = load_paths([root])
    assert reads == []
    assert_same(first, fresh(root))
    assert_same(second, fresh(root))
    assert second.question_origin("t.b") == fresh(root).question_origin("t.b")


def test_objects_are_built_on_first_use(tmp_path: Path, settled: None) -> None:
    root = small_bank(tmp_path)
    load_paths([root])
    bank = load_paths([root])
    assert isinstance(bank.questions, LazyMap)
    assert "t.a" in bank.questions and len(bank.questions) == 2 and list(bank.questions)
    assert bank.tracks() == ["t"]
    assert bank.questions.waiting() is not None  # nothing built yet
    assert bank.questions["t.a"].difficulty == 2
    assert bank.questions.waiting() is None
    assert [q.id for q in bank.in_track("t")] == ["t.b", "t.a"]


def test_a_touched_file_is_hashed_not_parsed(
    tmp_path: Path, settled: None, reads: list[str], parses: list[str]
) -> None:
    root = small_bank(tmp_path)
    load_paths([root])
    reads.clear()
    parses.clear()
    os.utime(root / "r" / "r.yaml")
    bank = load_paths([root])
    assert (reads, parses) == (["r.yaml"], [])
    assert_same(bank, fresh(root))
    reads.clear()
    load_paths([root])
    assert reads == []  # re-recorded by the hash: trusted again


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_an_edit_keeping_size_and_mtime_is_seen_by_its_ctime(tmp_path: Path, settled: None) -> None:
    root = small_bank(tmp_path)
    load_paths([root])
    _edit_keeping_size_and_mtime(root / "r" / "r.yaml", "Test rubric", "Best rubric")
    bank = load_paths([root])
    assert bank.rubrics["t.r"].title.en == "Best rubric"


@pytest.fixture
def coarse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stat signatures that show only size and mtime, as when a second write lands in the
    same timestamp tick as the first (then ctime and inode say nothing either)."""
    monkeypatch.setattr(
        bank_cache, "_signature",
        lambda st: bank_cache._SIGNATURE.pack(st.st_size, st.st_mtime_ns, 0, 0),
    )


def test_the_racy_rule_sees_an_edit_that_no_signature_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coarse: None, reads: list[str]
) -> None:
    root = small_bank(tmp_path)
    load_paths([root])  # the files are seconds old: their reads are racy
    _edit_keeping_size_and_mtime(root / "r" / "r.yaml", "Test rubric", "Best rubric")
    bank = load_paths([root])
    assert bank.rubrics["t.r"].title.en == "Best rubric"
    # The limit the module documents: once the files are settled, such an edit goes unseen,
    # because a settled file is trusted by its signature without being read.
    monkeypatch.setattr(bank_cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
    load_paths([root])
    reads.clear()
    load_paths([root])
    assert reads == []


def test_a_file_changed_while_it_was_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coarse: None
) -> None:
    root = small_bank(tmp_path)
    rubric = root / "r" / "r.yaml"
    real_add = banks.add_file

    def add_then_edit(bank: Bank, name: str, raw: bytes) -> None:
        real_add(bank, name, raw)
        if Path(name) == rubric and b"Test rubric" in raw:  # another program saves meanwhile
            _edit_keeping_size_and_mtime(rubric, "Test rubric", "Best rubric")

    monkeypatch.setattr(banks, "add_file", add_then_edit)
    first = load_paths([root])
    assert first.rubrics["t.r"].title.en == "Test rubric"  # what was read
    # However long after, the read that raced with a write is never trusted by the stat.
    monkeypatch.setattr(bank_cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
    assert load_paths([root]).rubrics["t.r"].title.en == "Best rubric"


@pytest.fixture
def late_settle(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The end of a load comes an hour after its reads (as for a long one): a list of
    things to do to the files just before it."""
    before: list[Any] = []
    real = bank_cache._settle

    def settle(name: str, sha: bytes) -> bytes:
        monkeypatch.setattr(bank_cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
        while before:
            before.pop()()
        return real(name, sha)

    monkeypatch.setattr(bank_cache, "_settle", settle)
    return before


def test_racy_files_that_settled_by_the_end_of_a_load_are_recorded(
    tmp_path: Path, late_settle: list[Any], reads: list[str]
) -> None:
    root = small_bank(tmp_path)
    load_paths([root])
    reads.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == []


def test_a_racy_file_changed_before_it_settled_stays_racy(
    tmp_path: Path, late_settle: list[Any], coarse: None
) -> None:
    root = small_bank(tmp_path)
    rubric = root / "r" / "r.yaml"
    late_settle.append(lambda: _edit_keeping_size_and_mtime(rubric, "Test rubric", "Best rubric"))
    assert load_paths([root]).rubrics["t.r"].title.en == "Test rubric"  # what was read
    assert load_paths([root]).rubrics["t.r"].title.en == "Best rubric"


@pytest.mark.parametrize("change", ["add", "delete", "rewrite", "rename"])
def test_every_change_of_the_files_is_seen(tmp_path: Path, settled: None, change: str) -> None:
    root = small_bank(tmp_path)
    load_paths([root])
    if change == "add":
        write_yaml(root / "q" / "e.yaml", question_data("t.e", rubric="t.r"))
    elif change == "delete":
        (root / "q" / "dup.yaml").unlink()
    elif change == "rewrite":
        write_yaml(root / "r" / "r.yaml", rubric_data("t.r", criteria=[
            criterion("apologise", ["道歉"]), criterion("nope", ["没有"])]))
    else:
        (root / "q" / "a.yaml").rename(root / "q" / "z.yaml")
    assert_same(load_paths([root]), fresh(root))


def test_the_cross_check_follows_the_rubrics(tmp_path: Path, settled: None) -> None:
    root = small_bank(tmp_path)
    rubric = root / "r" / "r.yaml"
    before = rubric.read_bytes()
    assert any("'nope'" in p.message for p in load_paths([root]).problems)
    write_yaml(rubric, rubric_data("t.r", criteria=[
        criterion("apologise", ["道歉"]), criterion("nope", ["没有"])]))
    assert not any("'nope'" in p.message for p in load_paths([root]).problems)
    rubric.write_bytes(before)  # back again: a parse seen before, a cross-check redone
    assert_same(load_paths([root]), fresh(root))


def _cache(home: Path) -> Path:
    [found] = (home / "cache").glob("bank-*.pickle")
    return found


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def _sections(path: Path) -> tuple[int, int]:
    """Offsets of the snapshot and the parses in a cache's index file."""
    head = len(bank_cache.MAGIC) + bank_cache._HEADER.size
    snap, *_ = bank_cache._HEADER.unpack_from(path.read_bytes(), len(bank_cache.MAGIC))
    return head, head + snap


def _area(home: Path) -> Path:
    [found] = (home / "cache").glob("bank-*.area")
    return found


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "truncated", "grown", "magic", "snapshot", "parses", "wrong-shape",
     "area-missing", "area-truncated"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, isolated_home: Path, settled: None, reads: list[str], damage: str
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    cache = _cache(isolated_home)
    snapshot, parsed = _sections(cache)
    if damage == "garbage":
        cache.write_bytes(os.urandom(cache.stat().st_size))
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:-10])
    elif damage == "grown":
        cache.write_bytes(cache.read_bytes() + b"\0")
    elif damage == "magic":
        _flip(cache, 0)
    elif damage == "snapshot":
        _flip(cache, snapshot + 5)
    elif damage == "parses":
        _flip(cache, parsed + 5)
    elif damage == "area-missing":
        _area(isolated_home).unlink()
    elif damage == "area-truncated":
        _area(isolated_home).write_bytes(_area(isolated_home).read_bytes()[:-1])
    else:  # checksums that match a snapshot of the wrong shape
        import hashlib
        import pickle

        body = pickle.dumps([1, 2, 3])
        rest = cache.read_bytes()[parsed:]
        header = bank_cache._HEADER.unpack_from(cache.read_bytes(), len(bank_cache.MAGIC))
        cache.write_bytes(
            bank_cache.MAGIC
            + bank_cache._HEADER.pack(len(body), header[1], header[2],
                                      hashlib.sha256(body).digest(), *header[4:])
            + body + rest
        )
    reads.clear()
    bank = load_paths([root])
    assert len(reads) == 6  # every file read again: nothing from the damaged cache is trusted
    assert_same(bank, fresh(root))
    reads.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == []  # rewritten


def test_a_damaged_pickle_is_replaced_by_parsing_its_file(
    tmp_path: Path, isolated_home: Path, settled: None, parses: list[str]
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    cache, area = _cache(isolated_home), _area(isolated_home)
    data = area.read_bytes()
    at = data.index(b"Test rubric")
    area.write_bytes(data[:at] + b"B" + data[at + 1 :])  # still a valid pickle: only the CRC tells
    bank = load_paths([root])  # the snapshot is intact: nothing parsed yet
    parses.clear()
    assert_same(bank, fresh(root))
    assert not cache.exists()  # found damaged when used: the next load rebuilds it
    assert load_paths([root]).questions == fresh(root).questions


def test_a_damaged_pickle_of_a_file_changed_since_is_a_clear_error(
    tmp_path: Path, isolated_home: Path, settled: None
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    _flip(_area(isolated_home), 3)  # the first file with objects: q/a.yaml
    bank = load_paths([root])
    write_yaml(root / "q" / "a.yaml", question_data("t.renamed", rubric="t.r"))
    with pytest.raises(LookupError, match=r"a\.yaml: the bank cache was damaged and the file "
                                          r"no longer defines 't\.a'; load the bank again"):
        bank.questions["t.a"]


def test_only_new_parses_write_a_new_area_file(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])  # seconds-old files: recorded as racy
    area = _area(isolated_home)
    index = _cache(isolated_home).read_bytes()
    monkeypatch.setattr(bank_cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
    load_paths([root])  # re-recorded as settled: a new index, the same area
    assert _area(isolated_home) == area and _cache(isolated_home).read_bytes() != index
    write_yaml(root / "q" / "e.yaml", question_data("t.e", rubric="t.r"))
    assert_same(load_paths([root]), fresh(root))
    assert _area(isolated_home) != area and not area.exists()  # the old one is removed
    assert_same(load_paths([root]), fresh(root))


def test_caches_of_other_versions_are_removed(tmp_path: Path, isolated_home: Path) -> None:
    old = isolated_home / "cache" / "bank-0123456789abcdef-000000000000.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"from another version")
    old_area = old.with_name(f"{old.stem}-00.area")
    old_area.write_bytes(b"its pickles")
    load_paths([small_bank(tmp_path / "bank")])
    assert not old.exists() and not old_area.exists()
    assert _cache(isolated_home).name.startswith(f"bank-{bank_cache.fingerprint()}-")


def test_a_data_folder_that_cannot_be_written_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("MOCKROOM_HOME", str(blocker / "home"))
    root = small_bank(tmp_path / "bank")
    assert_same(load_paths([root]), fresh(root))
    assert_same(load_paths([root]), fresh(root))


def test_the_cache_folder_is_owner_only(tmp_path: Path, isolated_home: Path) -> None:
    load_paths([small_bank(tmp_path / "bank")])
    for folder in (isolated_home, isolated_home / "cache"):
        assert folder.stat().st_mode & 0o777 == 0o700


def _reference_files(targets: list[Path]) -> list[str]:
    """How files were found before the cache walked folders itself: rglob, sort, resolve."""
    from mockroom.config.paths import unique_paths

    files: list[Path] = []
    for p in targets:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in banks.YAML_SUFFIXES and f.is_file())
        elif p.is_file():
            files.append(p)
    return [str(f) for f in unique_paths(files)]


def test_files_are_found_in_the_same_order_as_rglob_found_them(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    for name in ["a/x.yaml", "a-b/x.yaml", "a.b/y.yml", "B.yaml", "b.yaml", ".yaml", "..yaml",
                 "z.YAML", "notes.txt", "deep/er/est.yaml", "dir.yaml/in.yaml"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x: 1\n", "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text("x: 1\n", "utf-8")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)  # not followed
    (root / "linked.yaml").symlink_to(root / "b.yaml")  # the same file as b.yaml
    (root / "linked-out.yaml").symlink_to(outside / "o.yaml")
    (root / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    targets = [root, root / "a" / "x.yaml", root / ".." / "bank", outside / "o.yaml"]
    found, _ = banks._yaml_files(targets, Bank())
    assert [name for name, _ in found] == _reference_files(targets)
    assert [real for _, real in found] == [str(Path(n).resolve()) for n, _ in found]


def test_relative_targets_keep_their_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_bank(tmp_path)
    monkeypatch.chdir(tmp_path)
    found, _ = banks._yaml_files([Path("."), Path("q/")], Bank())
    assert [name for name, _ in found] == _reference_files([Path("."), Path("q/")])
    assert found[0][0] == os.path.join("q", "a.yaml")
