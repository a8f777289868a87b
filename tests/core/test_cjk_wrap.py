"""Wrapping Chinese and English text by cells and by the line-breaking rules (core/cjk_wrap.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from mockroom.core.cjk_wrap import NO_END, NO_START, line_spans, wrap

# Text as people write it: Chinese characters, English words, spaces, punctuation of both.
PIECES = st.one_of(
    st.sampled_from(list("我会先恢复服务必要时回滚同步进展客户负责人")),
    st.sampled_from(["restore", "the", "service", "roll", "back", "post-mortem", "SLA", "a"]),
    st.sampled_from(list("，。、；：！？）」》】,.;:!?)")),
    st.sampled_from(list("（「《【“(")),
    st.just(" "),
    st.just("\n"),
)
TEXT = st.lists(PIECES, max_size=60).map("".join)
_HAN = st.sampled_from(list("我会先恢复服务必要时回滚同步进展客户负责人"))
_WORD = st.sampled_from(["restore", "the", "service", "SLA", "a"])
_CLOSE = st.sampled_from(list("，。、；：！？）」》】,.;:!?)"))
_OPEN = st.sampled_from(list("（「《【“("))
# Marks where writers put them: a closing one after a word, an opening one before it.
WRITTEN = st.lists(
    st.one_of(
        _HAN, _WORD, st.tuples(_HAN | _WORD, _CLOSE).map("".join),
        st.tuples(_OPEN, _HAN | _WORD).map("".join), st.just(" "), st.just("\n"),
    ),
    max_size=60,
).map("".join)


def _joined_without_spaces(text: str, spans: list[tuple[int, int]]) -> None:
    """Only spaces (and the newlines that end paragraphs) fall between lines."""
    assert spans[0][0] == 0
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2
        assert text[e1:s2].replace(" ", "") in ("", "\n")
    assert text[spans[-1][1] :].strip(" ") == ""
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_lines_fit_and_text_is_kept(text: str, width: int) -> None:
    spans = line_spans(text, width)
    _joined_without_spaces(text, spans)
    for s, e in spans:
        assert "\n" not in text[s:e]
        assert cell_len(text[s:e]) <= width or e - s == 1  # one character wider than the line


@settings(max_examples=300, deadline=None)
@given(WRITTEN, st.integers(min_value=8, max_value=40))
def test_marks_stay_with_their_neighbours(text: str, width: int) -> None:
    """No closing mark starts a line, no opening mark ends one (within a paragraph: one may
    start with any mark)."""
    spans = line_spans(text, width)
    for i, (s, e) in enumerate(spans):
        body = text[s:e].strip(" ")
        starts_paragraph = s == 0 or text[s - 1] == "\n"
        ends_paragraph = e == len(text) or text[e:].lstrip(" ")[:1] in ("", "\n")
        if body and not starts_paragraph:
            assert body[0] not in NO_START, (text, spans, i)
        if body and not ends_paragraph:
            assert body[-1] not in NO_END, (text, spans, i)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=6, max_value=40))
def test_prefixes_count_towards_the_width(text: str, width: int) -> None:
    lines = wrap(text, width, "• ", "  ")
    assert lines[0].startswith("• ")
    assert all(line.startswith("  ") for line in lines[1:])
    for line in lines:
        assert cell_len(line) <= width or len(line.strip()) == 1


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # A full stop or comma that would start a line goes up with the character before it.
        ("我会先恢复服务。然后回滚", 14, ["我会先恢复服", "务。然后回滚"]),
        ("恢复服务，回滚", 8, ["恢复服", "务，回滚"]),
        # An opening bracket goes down with what it opens.
        ("先恢复（再回滚）", 8, ["先恢复", "（再回", "滚）"]),
        # English breaks at spaces; a word wider than the line is cut.
        ("restore the service", 10, ["restore", "the", "service"]),
        ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),
        ("word (aside) end.", 6, ["word", "(asid", "e)", "end."]),
        # Mixed: a break may fall between a Chinese character and an English word.
        ("先同步SLA进展", 8, ["先同步", "SLA进展"]),
        # Newlines end lines; a paragraph keeps its leading spaces.
        ("一\n  二", 10, ["一", "  二"]),
        ("", 10, [""]),
    ],
)
def test_examples(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_a_bullet_never_stands_alone() -> None:
    """The Chinese tips used to show "•" alone on a line, the tip below it unindented."""
    lines = wrap("说明影响范围：先告诉客户影响了哪些业务，以及下一次更新的时间。", 20, "• ", "  ")
    assert lines[0].startswith("• 说明")
    assert all(line.startswith("  ") and line.strip() for line in lines[1:])
    assert max(cell_len(line) for line in lines) <= 20
