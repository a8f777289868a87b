"""The shared thesaurus: the built-in file loads, variants swap one member, and a bad file
is refused with one line naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockroom.core import thesaurus
from mockroom.core.thesaurus import ThesaurusError, parse, read


def test_the_builtin_thesaurus_loads_and_every_group_has_two_members() -> None:
    t = thesaurus.builtin()
    assert len(t.groups) >= 40
    assert all(len(g) >= 2 for g in t.groups)
    assert {"percent", "figure-change"} <= set(t.patterns)


def test_a_phrase_gets_one_swap_at_a_time() -> None:
    t = parse("groups:\n  - [补偿, 赔偿]\n  - [方案, 计划]\n  - [roll back, revert]\n", "t.yaml")
    assert set(t.variants("补偿方案")) == {"赔偿方案", "补偿计划"}
    assert t.variants("roll back the release") == ("revert the release",)
    assert t.variants("rollback") == ()  # English members are whole words


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("groups: [[补偿, 赔偿]\n", 2, "invalid YAML"),
        ("synonyms:\n  - [a, b]\n", 1, "expected `groups:`"),
        ("groups:\n  - [补偿]\n", 2, "at least two"),
        ("groups:\n  - [补偿, 赔偿]\n  - [赔偿, 赔付]\n", 3, "already in group 1"),
        ("groups:\n  - [道歉, 赔礼道歉]\n", 2, "hold one another"),
        ("groups:\n  - [a, b]\npatterns:\n  pct: '([0-9'\n", 4, "not a valid regular expression"),
        ("groups:\n  - [a, b]\npatterns:\n  any: '.*'\n", 4, "matches empty text"),
    ],
)
def test_a_bad_thesaurus_is_refused_with_its_file_and_line(text: str, line: int, says: str) -> None:
    with pytest.raises(ThesaurusError) as e:
        parse(text, "bad.yaml")
    assert str(e.value).startswith(f"bad.yaml:{line}: ")
    assert says in str(e.value)
    assert "\n" not in str(e.value)


def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ThesaurusError, match="cannot read"):
        read(tmp_path / "missing.yaml")
    (tmp_path / "gbk.yaml").write_bytes("groups:\n  - [补偿, 赔偿]\n".encode("gbk"))
    with pytest.raises(ThesaurusError, match=r"gbk.yaml:\d+: not UTF-8"):
        read(tmp_path / "gbk.yaml")


def test_a_pattern_phrase_names_its_pattern() -> None:
    t = thesaurus.builtin()
    assert t.pattern("<percent>") is not None
    assert t.pattern("percent") is None
    assert t.unknown_pattern("<no-such-pattern>") == "no-such-pattern"
    assert t.unknown_pattern("<percent>") is None


@pytest.mark.parametrize(
    ("group", "refused"),
    [
        ("[roll back, roll]", True),  # "roll" is a whole word of "roll back"
        ("[rollback, roll]", False),  # not a whole word of "rollback"
        ("[follow-up, follow]", True),  # a hyphen ends a word
        ("[复盘, 内部复盘]", True),  # Chinese members hold one another anywhere
    ],
)
def test_members_holding_one_another_are_found_as_whole_english_words(group: str, refused: bool) -> None:
    text = f"groups:\n  - {group}\n"
    if refused:
        with pytest.raises(ThesaurusError, match="hold one another"):
            parse(text, "t.yaml")
    else:
        assert len(parse(text, "t.yaml").groups) == 1


def _reference_variants(t: thesaurus.Thesaurus, phrase: str) -> tuple[str, ...]:
    """The variants as one regular expression of all members finds them (the plain form
    the automaton replaced): at each place a lookahead, Chinese members first, then
    English ones as whole words, longer members first."""
    import re

    members = sorted({m for g in t.groups for m in g}, key=len, reverse=True)
    zh = "|".join(re.escape(m) for m in members if thesaurus.CJK_RUN.search(m))
    en = "|".join(re.escape(m) for m in members if not thesaurus.CJK_RUN.search(m))
    parts = ([f"(?=({zh}))"] if zh else []) + ([f"(?<![a-z0-9])(?=({en})(?![a-z0-9]))"] if en else [])
    group_of = {m: g for g in t.groups for m in g}
    out = []
    for m in re.finditer("|".join(parts) or r"(?!)", phrase):
        member = next(g for g in m.groups() if g)
        out += [phrase[: m.start()] + o + phrase[m.start() + len(member) :] for o in group_of[member] if o != member]
    unique = [v for v in dict.fromkeys(out) if v != phrase]
    return tuple(unique[: thesaurus.MAX_VARIANTS])


_SMALL = parse(
    "groups:\n  - [补偿, 赔偿]\n  - [补偿金, 赔偿款]\n  - [方案, 计划]\n  - [roll back, revert]\n"
    "  - [back, rear]\n  - [kpi, 指标]\n  - [ab, a b test]\n",
    "t.yaml",
)


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(["补偿", "赔偿", "补偿金", "金", "方案", "计划", "roll", " back", "back",
                                 "revert", "kpi", "指标", "ab", "a b test", " ", "x", "1", "的"]), max_size=8))
def test_variants_match_the_plain_regular_expression(pieces: list[str]) -> None:
    phrase = "".join(pieces)
    assert _SMALL.variants(phrase) == _reference_variants(_SMALL, phrase)


def test_the_builtin_thesaurus_variants_match_the_plain_regular_expression() -> None:
    t = thesaurus.builtin()
    members = [m for g in t.groups for m in g]
    for phrase in [*members, *(a + "和" + b for a, b in zip(members, members[1:], strict=False)), "先回滚再补偿客户"]:
        assert t.variants(phrase) == _reference_variants(t, phrase), phrase
