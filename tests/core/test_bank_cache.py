"""The bank cache (core/bank/cache.py): when a file is trusted by its stat, hashed or parsed,
and that a cached load always gives what a fresh parse gives, whatever happened to the cache.

Files written by a test are seconds old, so they are "racy" and always re-read; tests of the
trusted path move the cache's clock forward (`settled`) as if the files were written long ago.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from mockroom.core.bank import Bank, cache, load, load_paths
from mockroom.core.bank.lazy import BuiltOnUse
from mockroom.core.bank.source import ReadEveryFile
from mockroom.files import cache_folder
from tests.helpers.bank_builders import criterion, question_data, rubric_data, write_yaml


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as written long before the cache read it."""
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Replace JsonCache.<name>(self, file name, ...) by a wrapper noting each file's base name."""
    seen: list[str] = []
    real = getattr(cache.JsonCache, name)

    def spy(self: cache.JsonCache, file_name: str, *args: Any) -> Any:
        seen.append(Path(file_name).name)
        return real(self, file_name, *args)

    monkeypatch.setattr(cache.JsonCache, name, spy)
    return seen


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the cache reads (and hashes)."""
    return _spy(monkeypatch, "_read")


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
    """The bank parsed from scratch: the plain source the cache must agree with."""
    return load_paths([root], source=ReadEveryFile())


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
    assert isinstance(bank.questions, BuiltOnUse)
    assert "t.a" in bank.questions and len(bank.questions) == 2 and list(bank.questions)
    assert bank.tracks() == ["t"]
    assert bank.questions.pending() == 2  # nothing built yet
    assert bank.questions["t.a"].difficulty == 2
    assert bank.questions.pending() == 1
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
    monkeypatch.setattr(cache, "signature", lambda st: [st.st_size, st.st_mtime_ns, 0, 0])


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
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
    load_paths([root])
    reads.clear()
    load_paths([root])
    assert reads == []


def test_a_file_changed_while_it_was_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coarse: None
) -> None:
    root = small_bank(tmp_path)
    rubric = root / "r" / "r.yaml"
    real_parse = cache.JsonCache._parse

    def parse_then_edit(self: cache.JsonCache, name: str, raw: bytes) -> Any:
        parsed = real_parse(self, name, raw)
        if Path(name) == rubric and b"Test rubric" in raw:  # another program saves meanwhile
            _edit_keeping_size_and_mtime(rubric, "Test rubric", "Best rubric")
        return parsed

    monkeypatch.setattr(cache.JsonCache, "_parse", parse_then_edit)
    first = load_paths([root])
    assert first.rubrics["t.r"].title.en == "Test rubric"  # what was read
    # However long after, the read that raced with a write is never trusted by the stat.
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
    assert load_paths([root]).rubrics["t.r"].title.en == "Best rubric"


@pytest.fixture
def late_settle(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The end of a load comes an hour after its reads (as for a long one): a list of
    things to do to the files just before it."""
    before: list[Any] = []
    real = cache._settled

    def settle(name: str, sha: str) -> Any:
        monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 3600 * 10**9)
        while before:
            before.pop()()
        return real(name, sha)

    monkeypatch.setattr(cache, "_settled", settle)
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


def _folder(home: Path) -> Path:
    [found] = (home / "cache").glob("bank-*")
    return found


def _objects(home: Path, defining: str) -> Path:
    """The object file of the content that defines `defining` (a key such as `r:t.r`)."""
    [found] = [p for p in _folder(home).glob("*.json")
               if p.name not in (cache.INDEX, cache.SNAPSHOT)
               and defining in json.loads(p.read_bytes())]
    return found


def _damage(path: Path, damage: str) -> None:
    if damage == "garbage":
        path.write_bytes(os.urandom(path.stat().st_size))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-10])
    elif damage == "not-json":
        path.write_bytes(b"\x80\x05K\x01.")  # a pickle: never unpickled
    else:  # JSON of the wrong shape
        data = json.loads(path.read_bytes())
        if "parses" in data:
            data["parses"][next(iter(data["parses"]))]["defined"] = [["q:x", "one", 1, [], []]]
        else:
            data["questions"] = {"t.a": 99}
        path.write_text(json.dumps(data), "utf-8")


DAMAGES = ["garbage", "empty", "truncated", "not-json", "wrong-shape"]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, isolated_home: Path, settled: None, reads: list[str], damage: str
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    for name in (cache.INDEX, cache.SNAPSHOT):
        _damage(_folder(isolated_home) / name, damage)
    reads.clear()
    bank = load_paths([root])
    assert len(reads) == 6  # every file read again: nothing from the damaged cache is trusted
    assert_same(bank, fresh(root))
    reads.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == []  # rewritten


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_snapshot_falls_back_to_the_index(
    tmp_path: Path, isolated_home: Path, settled: None, reads: list[str], parses: list[str],
    damage: str,
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    _damage(_folder(isolated_home) / cache.SNAPSHOT, damage)
    reads.clear()
    parses.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == parses == []  # every file still trusted by its signature


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_index_behind_a_good_snapshot_still_places_everything(
    tmp_path: Path, isolated_home: Path, settled: None, damage: str
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    _damage(_folder(isolated_home) / cache.INDEX, damage)
    assert_same(load_paths([root]), fresh(root))  # origins asked of the files themselves


def test_missing_object_files_are_replaced_by_parsing(
    tmp_path: Path, isolated_home: Path, settled: None, reads: list[str]
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    for p in _folder(isolated_home).glob("*.json"):
        if p.name not in (cache.INDEX, cache.SNAPSHOT):
            p.unlink()
    reads.clear()
    bank = load_paths([root])
    assert reads == []
    assert_same(bank, fresh(root))  # found when used: the files parsed again, the cache dropped
    assert load_paths([root]) and len(reads) == 6
    reads.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == []  # rebuilt


def test_the_cache_holds_only_json(tmp_path: Path, isolated_home: Path) -> None:
    load_paths([small_bank(tmp_path / "bank")])
    files = list(_folder(isolated_home).iterdir())
    assert files and all(f.suffix == ".json" for f in files)
    for f in files:
        json.loads(f.read_bytes())  # data, never code


def test_damaged_objects_are_replaced_by_parsing_their_file(
    tmp_path: Path, isolated_home: Path, settled: None, parses: list[str]
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    objects = _objects(isolated_home, "r:t.r")
    data = json.loads(objects.read_bytes())
    data["r:t.r"]["weight_total"] = "not a field"  # still JSON: only the model's check tells
    objects.write_text(json.dumps(data), "utf-8")
    bank = load_paths([root])  # the index is intact: nothing parsed yet
    assert parses == ["a.yaml", "b.yaml", "broken.yaml", "c.yaml", "dup.yaml", "r.yaml"]
    parses.clear()
    assert_same(bank, fresh(root))
    assert not (_folder(isolated_home) / cache.INDEX).exists()  # the next load rebuilds it
    assert not (_folder(isolated_home) / cache.SNAPSHOT).exists()
    assert load_paths([root]).rubrics == fresh(root).rubrics


def test_damaged_objects_of_a_file_changed_since_are_a_clear_error(
    tmp_path: Path, isolated_home: Path, settled: None
) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    _objects(isolated_home, "q:t.a").write_bytes(b"{")
    bank = load_paths([root])
    write_yaml(root / "q" / "a.yaml", question_data("t.renamed", rubric="t.r"))
    with pytest.raises(LookupError, match=r"a\.yaml: the bank cache was damaged and the file "
                                          r"no longer defines 't\.a'; load the bank again"):
        bank.questions["t.a"]


def test_objects_no_index_names_are_removed(tmp_path: Path, isolated_home: Path, settled: None) -> None:
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    before = set(_folder(isolated_home).iterdir())
    write_yaml(root / "r" / "r.yaml", rubric_data("t.r", criteria=[criterion("x", ["某"])]))
    assert_same(load_paths([root]), fresh(root))
    after = set(_folder(isolated_home).iterdir())
    assert len(after) == len(before) and after != before


def test_caches_of_other_versions_are_removed(tmp_path: Path, isolated_home: Path) -> None:
    old = isolated_home / "cache" / "bank-0123456789abcdef-000000000000.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"from another version")
    old_folder = isolated_home / "cache" / "bank-0123456789abcdef-000000000000"
    old_folder.mkdir()
    (old_folder / "index.json").write_text("{}", "utf-8")
    load_paths([small_bank(tmp_path / "bank")])
    assert not old.exists() and not old_folder.exists()
    assert _folder(isolated_home).name.startswith(f"bank-{cache.fingerprint()}-")


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


def test_the_cache_folder_is_made_with_its_missing_parents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None, reads: list[str]
) -> None:
    """A fresh account without ~/.local/share still gets a cache, owner-only all the way."""
    home = tmp_path / "fresh" / ".local" / "share" / "mockroom"
    monkeypatch.setenv("MOCKROOM_HOME", str(home))
    root = small_bank(tmp_path / "bank")
    load_paths([root])
    for folder in (home / "cache", home, home.parent, home.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    reads.clear()
    assert_same(load_paths([root]), fresh(root))
    assert reads == []  # the cache was kept


@pytest.mark.parametrize("distrust", ["others-write", "group-writes", "another-owner", "a-link"])
def test_a_cache_folder_others_control_is_ignored_and_said_once(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], settled: None, distrust: str,
) -> None:
    root = small_bank(tmp_path / "bank")
    folder = isolated_home / "cache"
    isolated_home.mkdir(mode=0o700)
    if distrust == "a-link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    else:
        folder.mkdir(mode=0o700)
        folder.chmod({"others-write": 0o777, "group-writes": 0o770}.get(distrust, 0o700))
    if distrust == "another-owner":
        monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)
    monkeypatch.setattr(cache_folder, "_told", set())
    planted = folder / f"bank-{cache.fingerprint()}-planted"
    for _ in range(2):
        assert_same(load_paths([root]), fresh(root))
    assert not list(Path(os.path.realpath(folder)).glob("bank-*"))  # nothing written there
    assert not planted.exists()
    err = capsys.readouterr().err
    assert err.count("not using the cache folder") == 1, err
    assert str(folder) in err


def test_a_trusted_cache_folder_passes_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    assert cache_folder.usable(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _reference_files(targets: list[Path]) -> list[str]:
    """How files were found before the cache walked folders itself: rglob, sort, resolve."""
    from mockroom.config.paths import unique_paths

    files: list[Path] = []
    for p in targets:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in load.YAML_SUFFIXES and f.is_file())
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
    found, _ = load._yaml_files(targets, Bank())
    assert found == _reference_files(targets)


def test_relative_targets_keep_their_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_bank(tmp_path)
    monkeypatch.chdir(tmp_path)
    found, _ = load._yaml_files([Path("."), Path("q/")], Bank())
    assert found == _reference_files([Path("."), Path("q/")])
    assert found[0] == os.path.join("q", "a.yaml")
