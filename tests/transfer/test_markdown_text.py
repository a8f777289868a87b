"""People's text in Markdown: it reads as typed when rendered, with few backslashes in the source.

Rendered with markdown-it-py (GitHub's flavour: tables, strikethrough), which Textual already
depends on through Rich."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from mockroom.transfer.markdown_text import NBSP, inline, line, lines

MD = MarkdownIt("gfm-like", {"linkify": False})


class Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> tuple[list[str], str]:
    seen = Seen()
    seen.feed(MD.render(markdown))
    return seen.tags, "".join(seen.text).strip("\n")


TRICKY = [
    "plain words, 中文，标点。",
    "*not emphasis* and **not bold** and a*b*c",
    "_not emphasis_ __nor this__ but snake_case and 中_文_字 stay",
    "`not code` and ``nor this``",
    "[not a link](http://x.test) ![no image](y.png) [ref]",
    "<script>alert(1)</script> <b>bold</b> <http://x.test>",
    "&copy; &#169; &#xA9; stay as typed; & alone too",
    "a | b | c",
    "3~5 天，约 2~3 人，~~not struck~~",
    "C:\\path\\to\\file and a trailing backslash \\",
    "\\*already escaped\\*",
    "# not a heading",
    "###### nor this",
    "> not a quote",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not an ordered list",
    "12) nor this",
    "---",
    "===",
    "- - -",
    "    not code",
    "\tnor this",
    "```",
    "~~~",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_line_reads_as_typed(text: str) -> None:
    tags, shown = rendered(line(text))
    assert tags == ["p"], (line(text), tags)  # not code, not a heading, not a list...
    # A paragraph's leading spaces never show in Markdown: the rest reads as typed.
    assert shown.replace(NBSP, " ").strip() == text.strip()


@pytest.mark.parametrize("text", TRICKY)
def test_a_line_below_a_paragraph_line_stays_text(text: str) -> None:
    """`---` or `===` under a line would make it a heading."""
    tags, shown = rendered(line("first line") + "\n" + line(text))
    assert tags == ["p"]
    assert shown.replace(NBSP, " ").endswith(text.replace("\t", "    ").strip())


@pytest.mark.parametrize("text", TRICKY)
def test_a_table_cell_reads_as_typed(text: str) -> None:
    tags, shown = rendered(f"| a | b |\n|---|---|\n| {inline(text)} | z |")
    assert tags == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    cells = [part for part in shown.split("\n") if part]
    assert cells == ["a", "b", text.strip().replace("\t", "    "), "z"]


def test_quoted_lines_stay_inside_one_quote() -> None:
    text = "first\n> second\n\n- third\n    fourth"
    quoted = "\n".join(f"> {part}" if part else ">" for part in lines(text))
    tags, shown = rendered(quoted)
    assert tags == ["blockquote", "p", "p"]
    paragraphs = [p for p in shown.replace(NBSP, " ").split("\n") if p]
    assert paragraphs == ["first", "> second", "- third", "    fourth"]


@pytest.mark.parametrize(
    "text",
    ["self-introduction", "too-short", "(required)", "3.5 s", "e.g. 1-2", "rate: 120/min",
     "a + b = c", "it's #1!", "x > y", "snake_case", "C:\\path", "R&D"],
)
def test_ordinary_punctuation_gets_no_backslash(text: str) -> None:
    assert inline(text) == text and line(text) == text
