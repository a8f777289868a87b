"""The pinyin table: read straight from pypinyin's data file, kept densely in the cache, and
rebuilt whenever the cached copy does not read back whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.config.paths import data_dir
from mockroom.core import pinyin_table
from mockroom.core.text import pinyin_of


def cached_tables() -> list[Path]:
    return sorted((data_dir() / "cache").glob("pinyin-*.bin"))


def test_direct_table_matches_the_public_module() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    table = pinyin_table.source_table()
    assert len(table) == len(pinyin_dict)
    assert all(table[str(k)] == v for k, v in pinyin_dict.items())


def test_dense_table_gives_every_characters_first_reading_toneless() -> None:
    source = pinyin_table.source_table()
    table = pinyin_table.decode(pinyin_table.encode(pinyin_table.build(source)))
    assert table is not None
    for key, readings in source.items():
        first = readings.split(",", 1)[0].translate(pinyin_table.TONE_FREE)
        assert table.reading(int(key)) == first, key
    unlisted = next(cp for cp in range(0x4E00, 0xA000) if str(cp) not in source)
    assert table.reading(unlisted) is None
    assert table.reading(ord("A")) is None
    assert table.reading(0x10FFFF) is None


def test_readings_are_toneless_and_non_chinese_stays_itself() -> None:
    assert [pinyin_of(c) for c in "道歉回滚绿"] == ["dao", "qian", "hui", "gun", "lv"]
    assert pinyin_of("A") == "A"


def test_first_load_writes_the_cache_and_the_next_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cached_tables() == []
    built = pinyin_table.load()
    [cache] = cached_tables()
    assert cache.stat().st_mode & 0o777 == 0o600  # mkstemp: owner-only
    assert (data_dir() / "cache").stat().st_mode & 0o077 == 0  # the folder is owner-only

    def no_parse(_source: object = None) -> dict[str, str]:
        raise AssertionError("a cached table must not be parsed again")

    monkeypatch.setattr(pinyin_table, "source_table", no_parse)
    again = pinyin_table.load()
    assert again.syllables == built.syllables and again.numbers == built.numbers


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),  # one bit flipped
        lambda b: b"not a table at all",
        lambda b: b"",
    ],
    ids=["truncated", "bit-flip", "garbage", "empty"],
)
def test_a_damaged_cache_is_rebuilt(damage: object) -> None:
    good = pinyin_table.load()
    [cache] = cached_tables()
    original = cache.read_bytes()
    cache.write_bytes(damage(original))  # type: ignore[operator]
    assert pinyin_table.decode(cache.read_bytes()) is None
    rebuilt = pinyin_table.load()
    assert rebuilt.reading(ord("道")) == "dao" == good.reading(ord("道"))
    assert cache.read_bytes() == original  # written again, whole


def test_an_unwritable_data_folder_still_gives_readings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MOCKROOM_HOME", str(blocker / "home"))
    assert pinyin_table.load().reading(ord("歉")) == "qian"


def test_a_cache_folder_others_can_write_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table planted by another account (the folder is group/world-writable) is ignored."""
    good = pinyin_table.load()
    [cache] = cached_tables()
    planted = pinyin_table.Table(good.first, good.numbers, ["zzz"] * len(good.syllables))
    cache.write_bytes(pinyin_table.encode(planted))
    cache.parent.chmod(0o777)
    try:
        assert pinyin_table.load().reading(ord("道")) == "dao"
    finally:
        cache.parent.chmod(0o700)
    assert pinyin_table.load().reading(ord("道")) == "zzz"  # the check is what kept it out
