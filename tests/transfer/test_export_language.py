"""Markdown and HTML exports in the session's language (or --lang), counted by question, with the
coach's final verdict, the overview table, the coach's overall comment and ids kept to the
appendix; Markdown with no needless backslashes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mockroom.cli.main import main
from mockroom.core.number_format import score
from mockroom.practice.modes import START_MODES
from mockroom.store import Store
from mockroom.transfer.export_words import named
from mockroom.transfer.session_file import render
from tests.helpers.coached_session import (
    FOLLOW_UP_POINT,
    INTRO,
    KB,
    OUTAGE,
    Coached,
    coached_session,
)
from tests.helpers.tui_review_helpers import StepClock

# Words of the old, English-only exports and of internal ids: none may show in a Chinese one.
ENGLISH = ["Answer", "Auto", "Coach", "Final", "score", "Flags", "Comments", "required", "hit",
           "missed", "follow-up", "Follow-up", "Retry", "Bank version", "chars/min", "words/min",
           "prep", "overtime", "reviewed", "Mock interview", "Overview", "Appendix", "Question"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Store, StepClock]]:
    clock = StepClock()
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}", clock=clock) as store:
        yield store, clock


def session(db: tuple[Store, StepClock], lang: str) -> tuple[Store, Coached]:
    store, clock = db
    return store, coached_session(store, clock, lang)


def before_appendix(text: str, heading: str) -> str:
    return text[: text.index(heading)]


def test_a_chinese_session_exports_in_chinese_throughout(db) -> None:
    store, c = session(db, "zh")
    t = store.transcript(c.session_id)
    for fmt in ("md", "html"):
        doc = render(t, fmt, c.bank)
        body = before_appendix(doc, "附录")
        text = re.sub(r"<[^>]+>", " ", body)  # HTML: the words, not the tags or CSS
        text = re.sub(r"<style>.*?</style>", "", body, flags=re.S) if fmt == "html" else body
        text = re.sub(r"<[^>]+>", " ", text)
        english = [w for w in ENGLISH if re.search(rf"\b{re.escape(w)}\b", text)]
        assert english == [], (fmt, english)
        for qid in (INTRO, OUTAGE, KB, FOLLOW_UP_POINT, "support", "mock"):
            assert qid not in text, (fmt, qid)  # ids only in the appendix
        for words in ("模拟面试记录：王芳", "技术支持 · 完整模拟面试", "3 道题", "教练总评",
                      "结构清楚，重答明显更好。", "总览", "最终得分", "本题结果：重答 1",
                      "第一次作答", "重答 1", "追问", "提问：", "字/分钟", "未命中（教练判定）",
                      "缺少必答要点：一周内内部复盘", "教练改判前自动评分的提示", "李教练（",
                      "（必答）"):
            assert words in text, (fmt, words)
        appendix = doc[doc.index("附录"):]
        assert c.session_id in appendix and INTRO in appendix and "mock" in appendix


def test_questions_are_titled_by_their_prompt_and_counted_by_question(db) -> None:
    store, c = session(db, "zh")
    md = render(store.transcript(c.session_id), "md", c.bank)
    headings = re.findall(r"^(#{2,3}) (.+)$", md, flags=re.M)
    questions = [h for level, h in headings if level == "##" and h[0].isdigit()]
    assert questions == [
        "1. 请先做个自我介绍，重点讲讲你过去的工作经历和做过的事情。我们这个岗位是面向企业客户的技术支持。",
        "2. 你是技术支持经理。公司的一家年度战略客户（贡献了全年营收的 15% 以上）紧急投诉：由于我方技术支持服务中的一个严…",
        "3. 你会怎样建设和使用知识库（个人的、团队的和面向客户的），又怎样引导企业客户学会自己解决问题？",
    ]
    answers = [h for level, h in headings if level == "###"]
    assert answers == ["1 · 第一次作答", "1r1 · 重答 1", "2 · 第一次作答", "2a · 追问", "3 · 第一次作答"]
    follow_up = c.bank.questions[OUTAGE].follow_ups[0]
    assert follow_up.criterion == FOLLOW_UP_POINT
    assert f"> {follow_up.prompt.zh}" in md  # the follow-up quoted with its own prompt


def test_the_overview_table_gives_auto_coach_final_and_time_per_question(db) -> None:
    store, c = session(db, "en")
    md = render(store.transcript(c.session_id), "md", c.bank)
    tokens = MarkdownIt("gfm-like").parse(md)
    first_table = next(i for i, tok in enumerate(tokens) if tok.type == "table_open")
    cells: list[str] = []
    for tok in tokens[first_table:]:
        if tok.type == "table_close":
            break
        if tok.type == "inline":
            cells.append(tok.content)
    rows = [cells[i : i + 6] for i in range(0, len(cells), 6)]
    assert rows[0] == ["#", "Question", "Auto", "Coach", "Final", "Time (prep + answer)"]
    t = store.transcript(c.session_id)
    retry, listed = t.items[1].attempt, t.items[2].attempt
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", ""]
    # question 1 counts its better attempt, the retry; question 2 the coach's 62 over the auto score
    assert rows[1][2:5] == [score(retry.auto_score), "—", score(retry.auto_score)]
    assert rows[2][2:5] == [score(listed.auto_score), "62", "62"]
    assert rows[2][5] == "3:04"  # its answer and its follow-up: 2 × (12 s prep + 80 s)
    assert rows[4][1] == "**Mean**" and rows[4][3] == "62.0 (1 of 3 graded)"


def test_marks_and_flags_follow_the_coachs_verdict_with_the_scorers_beside(db) -> None:
    store, c = session(db, "en")
    html = render(store.transcript(c.session_id), "html", c.bank)
    compensation, review = c.overridden
    for key in c.overridden:
        row = re.search(rf'<tr data-point="{key}">(.*?)</tr>', html)
        assert row is not None
        assert "<td>✗ missed (coach)</td><td>✓ met</td>" in row.group(1)
    section = unescape(html[html.index('id="a-2"'): html.index('id="a-2a"')])
    flags = section[section.index("<b>Flags</b>"):]
    assert "Missing a required point: Internal postmortem within a week" in flags.split("</ul>")[0]
    assert "The scorer's flags before the coach's verdicts" in section


def test_lang_option_and_pace_units(db, capsys) -> None:
    store, c = session(db, "zh")
    url = store.url
    assert main(["export", c.session_id[:8], "--db", url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Mock interview record: 王芳") and "Coach's overall comment" in out
    # the first answer is Chinese, the knowledge-base one too: characters; none in words
    assert "characters/min" in out and "words/min" not in out
    assert main(["export", c.session_id, "--db", url, "--format", "json", "--lang", "en"]) == 2
    assert "--lang is for md and html" in capsys.readouterr().err

    store2, en = session(db, "en")  # English answers: words a minute, never characters
    md = render(store2.transcript(en.session_id), "md", en.bank)
    paces = re.findall(r"(\d+) (characters|words)/min", md)
    # the bank's partial and keyword-list examples are Chinese, its strong and good ones English
    assert [unit for _, unit in paces] == ["characters", "words", "characters", "characters",
                                           "words"]


def test_markdown_has_no_needless_backslashes(db) -> None:
    store, c = session(db, "en")
    md = render(store.transcript(c.session_id), "md", c.bank)
    assert re.findall(r"\\[-().!+#]", md) == []
    assert "self-introduction" in md and "(required)" in md
    html = MarkdownIt("gfm-like").render(md)
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"h1", "h2", "h3", "p", "blockquote", "table", "thead", "tbody", "tr", "th",
                    "td", "strong", "em", "ul", "li", "hr", "br"}, tags
    assert re.findall(r"<em>(.*?)</em>", html) == ["The scorer's flags before the coach's verdicts"]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_html_is_self_contained_and_printable(db) -> None:
    store, c = session(db, "zh")
    page = render(store.transcript(c.session_id), "html", c.bank)
    parsed = Tags()
    parsed.feed(page)
    assert {t for t, _ in parsed.tags} <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "div", "table",
        "thead", "tbody", "tfoot", "tr", "th", "td", "a", "b", "small", "mark", "ul", "li",
        "section", "br", "code"}
    links = [v for t, attrs in parsed.tags for k, v in attrs if k in ("href", "src")]
    assert links and all(v and v.startswith("#q") for v in links)  # the overview's own anchors
    assert "url(" not in page and "@import" not in page and "http" not in page
    assert '<html lang="zh-CN">' in page
    for rule in ("@page { size: A4", "tr, .scores", "break-inside: avoid",
                 "thead { display: table-header-group; }"):
        assert rule in page


@pytest.mark.parametrize("mode", START_MODES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_mode_the_start_screen_offers_is_named_in_exports(mode: str, lang: str) -> None:
    # A Chinese export once said "practice" in its heading line: the mode had no words.
    assert named(lang, "mode", mode) != mode
