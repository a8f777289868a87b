"""The benchmark's kept inputs (bench/inputs.py): built once per name, older ones removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.bench import inputs


@pytest.fixture
def kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOCKROOM_BENCH_CACHE", str(tmp_path / "cache" / "bench"))
    inputs.folder.cache_clear()
    yield tmp_path / "cache" / "bench"
    inputs.folder.cache_clear()


def test_an_input_is_built_once_and_a_new_name_replaces_the_old(kept_in: Path) -> None:
    builds: list[Path] = []

    def build(path: Path) -> None:
        builds.append(path)
        path.mkdir()
        (path / "data").write_text("x", "utf-8")

    first = inputs.kept("bank10", "aaa", build)
    assert inputs.kept("bank10", "aaa", build) == first and len(builds) == 1
    assert (first / "data").read_text("utf-8") == "x"
    assert kept_in.stat().st_mode & 0o777 == 0o700  # made owner-only, with its parents
    second = inputs.kept("bank10", "bbb", build)
    assert len(builds) == 2 and not first.exists() and second.exists()
    assert inputs.kept("bank100", "aaa", build).exists() and second.exists()  # other kinds stay


def test_a_failed_build_leaves_nothing_under_the_final_name(kept_in: Path) -> None:
    def broken(path: Path) -> None:
        path.mkdir()
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        inputs.kept("bank10", "aaa", broken)
    assert not (kept_in / "bank10-aaa").exists()


def test_keys_follow_the_parts_and_the_files(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text("a", "utf-8")
    one = inputs.key(10, files=[f])
    assert inputs.key(10, files=[f]) == one and inputs.key(11, files=[f]) != one
    f.write_text("b", "utf-8")
    assert inputs.key(10, files=[f]) != one


def test_a_folder_others_can_write_is_not_used(kept_in: Path) -> None:
    kept_in.mkdir(parents=True)
    kept_in.chmod(0o777)
    assert inputs.folder() != kept_in


def test_a_kept_database_keeps_its_own_files_and_dead_builds_are_removed(kept_in: Path) -> None:
    def build(path: Path) -> None:
        path.write_text("db", "utf-8")

    db = inputs.kept("progress", "aaa.db", build)
    wal = db.with_name(db.name + "-wal")
    wal.write_text("", "utf-8")  # SQLite's, beside the database it opened
    left = kept_in / ".progress-old.db-999999999"  # a build whose process is gone
    left.write_text("half", "utf-8")
    assert inputs.kept("progress", "aaa.db", build) == db
    assert wal.exists() and not left.exists()


def test_the_generated_banks_name_reads_only_the_frozen_seed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Editing the built-in bank (a rubric) must not rebuild the benchmark's inputs."""
    from mockroom.bench import gen
    from mockroom.bench.__main__ import bank_name

    read: list[Path] = []
    real = Path.read_bytes

    def reading(path: Path) -> bytes:
        read.append(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    assert bank_name(10) == bank_name(10) != bank_name(11)
    assert read and all(gen.SEED in f.parents for f in read)
    monkeypatch.undo()
    assert gen.seed().tracks() == ["sales", "support"]  # and the seed still loads
