"""How an answer is written: list items and reasons (what the scorer's notes cap reads)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockroom.core.matching import AnswerView
from mockroom.core.shape import Shape, _spaces_next_to_cjk, merged_spans
from mockroom.core.text import CJK_CLASS, is_cjk_char

SENTENCE = re.compile(r"[^。！？!?；;\n]+")


def shape(answer: str) -> Shape:
    view = AnswerView(answer)
    return Shape(view.text, view.words)


@pytest.mark.parametrize(
    ("answer", "share"),
    [
        ("- 回滚\n- 道歉\n- 复盘", 1.0),
        ("1. 先回滚\n2. 再道歉", 1.0),
        ("目标：统一会员数据。角色：客户对接人。结果：复购率提升", 1.0),
        ("Goal: one member database\nRole: account lead", 1.0),
        ("我会先回滚，再给客户打电话道歉。之后组织复盘。", 0.0),
        ("我会先回滚。\n- 道歉", 0.5),
        ("", 0.0),
    ],
)
def test_item_share_counts_sentences_that_open_as_list_items(answer: str, share: float) -> None:
    assert shape(answer).item_share == pytest.approx(share)


@pytest.mark.parametrize(
    ("answer", "reasons"),
    [
        ("先回滚，因为客户的业务停着，这样损失最小", 2),
        ("Roll back first so that their orders flow again, for example by failing over", 2),
        ("先回滚，再道歉，然后复盘", 0),
        ("Roll back. Apologise. Postmortem.", 0),
        ("the sincerity of it", 0),  # "since" only as a whole word
    ],
)
def test_reasons_counts_words_that_say_why(answer: str, reasons: int) -> None:
    assert shape(answer).reasons == reasons


@pytest.mark.parametrize(
    ("answer", "terms"),
    [
        # Five or more items joined by 、: a string of terms, longer ones (and A和B) included.
        ("我的原则：敏捷、跨部门协同、利益相关者管理、领先指标和滞后指标、闭环。",
         ["敏捷", "跨部门协同", "利益相关者管理", "领先指标和滞后指标", "闭环"]),
        # A slash or spaces inside an item do not end the run.
        ("关键词：云原生、SSR/SSG、组件化、Webpack 5 模块联邦、PWA、SEO。",
         ["云原生", "ssr", "ssg", "组件化", "webpack 5 模块联邦", "pwa", "seo"]),
        # Four items are a sentence naming a few things; an item that says something is no term.
        ("我们看了转化率、客单价、复购率、留存率。", []),
        ("影响了哪些业务、恢复到什么程度、现在在做什么、下一步是什么、有几成把握。", []),
    ],
)
def test_long_runs_joined_by_enumeration_commas_are_strings_of_terms(answer: str, terms: list[str]) -> None:
    sh = shape(answer)
    found = [sh.text[s:e] for s, e, _ in sh.fragments if sh.in_term_run(s)]
    assert found == terms
    assert all(bare for s, e, bare in sh.fragments if sh.in_term_run(s))


@pytest.mark.parametrize(
    ("answer", "term", "named_only"),
    [
        ("事件管理就是处理事件，问题管理就是处理问题。", "问题管理", True),
        ("Problem management handles problems.", "problem management", True),
        ("事件管理是尽快恢复服务，问题管理是找根因、防止再发生。", "问题管理", False),
        ("Incident management restores service fast.", "incident management", False),
    ],
)
def test_a_process_defined_by_its_own_name_is_only_named(answer: str, term: str, named_only: bool) -> None:
    sh = shape(answer)
    assert sh.only_named(sh.text.index(term)) is named_only


def _said_beside_plainly(sh: Shape, x: int, spans: list[tuple[int, int]]) -> int:
    """The definition: the sentence holding x, its clauses that read as language, each less
    the units the spans cover in it."""
    sentence = next(((m.start(), m.end()) for m in SENTENCE.finditer(sh.text) if m.start() <= x < m.end()), None)
    if sentence is None:
        return 0
    a, b = sentence
    said = 0
    for s, e, bare in sh.fragments:
        if bare or e <= a or s >= b:
            continue
        s, e = max(s, a), min(e, b)
        said += sh.units(s, e) - sum(sh.units(max(p, s), min(q, e)) for p, q in spans if p < e and q > s)
    return said


_PIECES = ["我会先回滚", "再给客户打电话道歉", "roll back first", "then apologise", "，", "。", "、",
           "\n", "- ", "1. ", "目标：", "柱状图", " ", "因为客户停着", "so that it works", "; "]


@pytest.mark.parametrize("seed", range(40))
def test_said_beside_agrees_with_its_definition(seed: int) -> None:
    rng = random.Random(seed)
    answer = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30)))
    sh = shape(answer)
    n = len(sh.text)
    cuts = sorted(rng.sample(range(n + 1), min(n + 1, 2 * rng.randint(0, 4))))
    spans = merged_spans([(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]])
    for x in range(n):
        assert sh.said_beside(x, spans) == _said_beside_plainly(sh, x, spans), (answer, x, spans)


# What `shape` looked for with regular expressions before doing it in a pass of its own.
_SPACE_NEXT_TO_CJK = re.compile(f"(?<={CJK_CLASS})\\s+|\\s+(?={CJK_CLASS})")
_ONE_CJK = re.compile(f"\\s*{CJK_CLASS}\\s*")
_TEXT = st.lists(st.sampled_from(["React", "微前端", "先", " ", "  ", "\n", "\u3000", "，", "a", "组件库", "。"]),
                 max_size=14).map("".join)


@given(_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_spaces_next_to_chinese_are_where_the_regular_expression_split(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = [m.span() for m in _SPACE_NEXT_TO_CJK.finditer(text, start, end)]
    assert _spaces_next_to_cjk(text, start, end) == expected


@given(_TEXT)
def test_one_chinese_character_item_is_what_the_regular_expression_matched(text: str) -> None:
    assert is_cjk_char(text.strip()) == bool(_ONE_CJK.fullmatch(text))


@pytest.mark.parametrize(
    ("answer", "listed"),
    [
        # Notes: a few terms under each heading, or a numbered step written short.
        ("生命周期：战略、设计、转换、运营、改进\n服务台：单一入口，登记、分派\n变更：评估审批、回退计划", False),
        ("1. 定级，拉群，恢复\n2. 道歉，同步\n3. 复盘，培训", False),
        # Keywords: one run of terms, with or without a heading over it.
        ("核心关键词：洞察、闭环、敏捷、赋能、降本、中台、驱动、端到端", True),
        ("道歉，回滚，根因分析，补偿，复盘，致歉，恢复业务，查日志，费用减免", True),
        ("Preparation. Agenda. Stakeholder mapping. Objection handling. Rapport. Follow-up.", True),
        # Terms separated by spaces, Chinese and English taking turns: still a list.
        ("灰度发布 Canary 回滚预案 监控告警 SLO 复盘", True),
        # A sentence that mixes languages with spaces around the English words.
        ("call 之前先跟 status 对齐 talking points 再打", False),
    ],
)
def test_terms_under_a_heading_are_notes_and_a_run_of_terms_is_a_keyword_list(answer: str, listed: bool) -> None:
    assert (shape(answer).list_share > 0.5) is listed
