"""The character table read straight from pypinyin's data file equals its public module's."""

from __future__ import annotations

from mockroom.core.text import _load_pinyin_table, pinyin_of


def test_direct_table_matches_the_public_module() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    table = _load_pinyin_table()
    assert len(table) == len(pinyin_dict)
    assert all(table[str(k)] == v for k, v in pinyin_dict.items())


def test_readings_are_toneless_and_non_chinese_stays_itself() -> None:
    assert [pinyin_of(c) for c in "道歉回滚绿"] == ["dao", "qian", "hui", "gun", "lv"]
    assert pinyin_of("A") == "A"
