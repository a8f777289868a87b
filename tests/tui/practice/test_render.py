"""The pure helpers behind the feedback and summary screens, and the flow state."""

from __future__ import annotations

import string

import pytest

from mockroom.core.answer_pace import Pace
from mockroom.core.report import status as point_status
from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.tui.app import MockroomApp
from mockroom.tui.render import (
    Span,
    answer_spans,
    evidence,
    flag_lines,
    highlight,
    missed_tips,
    short,
    timing_line,
)
from mockroom.tui.screens.feedback import FeedbackScreen
from mockroom.tui.screens.name_dialog import check_name
from mockroom.tui.screens.question import QuestionScreen
from mockroom.tui.screens.rating_dialog import RatingDialog
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.screens.summary import SummaryScreen
from mockroom.tui.strings import KEY_LABELS_ZH, ONE_EN, TEXTS, key_label, t


def crit(key: str, hit: bool, matches: tuple[Match, ...] = (), negated: bool = False,
         weight: float = 1.0, required: bool = False) -> CriterionResult:
    return CriterionResult(
        key=key, rubric_id="r.x", label_zh=f"{key}-zh", label_en=f"{key}-en", tip_zh=f"{key}提示",
        tip_en=f"{key} tip", weight=weight, required=required, hit=hit, negated=negated,
        credit=1.0 if hit else 0.0, matches=matches,
    )


def match(start: int, end: int, negated: bool = False, text: str = "x") -> Match:
    return Match(phrase="p", start=start, end=end, text=text, similarity=1.0, kind="exact",
                 negated=negated)


def result(criteria: tuple[CriterionResult, ...], flags: tuple[Flag, ...] = (), score: float = 50
           ) -> ScoreResult:
    return ScoreResult("demo.q", score, criteria, flags, "en", 10, (1, 100))


def test_spans_merge_with_priority_flag_over_negated_over_hit() -> None:
    r = result(
        (crit("a", True, (match(0, 5), match(20, 25))), crit("b", False, (match(3, 8, True),))),
        (Flag("red-flag", "z", "e", 10, "blame", ((22, 30),)),),
    )
    assert answer_spans(r, 28) == [
        Span(0, 3, "hit"), Span(3, 8, "negated"), Span(20, 22, "hit"), Span(22, 28, "flag")
    ]


def test_matches_of_missed_points_are_not_highlighted_as_hits() -> None:
    r = result((crit("a", False, (match(0, 4),)),))
    assert answer_spans(r, 10) == []


def test_highlight_styles_each_span() -> None:
    text = highlight("abcdef", [Span(1, 3, "hit")], {"hit": "bold", "negated": "x", "flag": "y"})
    assert text.plain == "abcdef"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(1, 3, "bold")]


@pytest.mark.parametrize(
    ("c", "status", "shown"),
    [
        (crit("a", True, (match(0, 2, text="先恢复"),)), "hit", "先恢复"),
        (crit("a", False, (match(0, 2, True, text="不回滚"),), negated=True), "negated", "不回滚"),
        (crit("a", False), "missed", None),
    ],
)
def test_status_and_evidence(c: CriterionResult, status: str, shown: str | None) -> None:
    assert point_status(c) == status
    assert evidence(c) == shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flags_read_in_plain_words_with_their_cost(lang: str) -> None:
    r = result((), (Flag("too-short", "太短", "Too short", 0.0), Flag("red-flag", "甩锅", "Blame", 10)))
    lines = flag_lines(r, lang)
    if lang == "zh":
        assert lines == [f"太短。{t(lang, 'flag.too-short')}", f"甩锅（−10）。{t(lang, 'flag.red-flag')}"]
    else:
        assert lines == [f"Too short. {t(lang, 'flag.too-short')}", f"Blame (−10). {t(lang, 'flag.red-flag')}"]


def test_a_message_ending_its_own_sentence_gets_no_second_stop() -> None:
    r = result((), (Flag("too-short", "太短。", "Too short!"),))
    assert flag_lines(r, "zh") == [f"太短。{t('zh', 'flag.too-short')}"]
    assert flag_lines(r, "en") == [f"Too short! {t('en', 'flag.too-short')}"]


def test_unknown_flag_codes_still_show_the_scorers_message() -> None:
    assert flag_lines(result((), (Flag("new-kind", "新", "New thing"),)), "en") == ["New thing"]


def test_missed_tips_put_required_points_first() -> None:
    r = result((crit("a", False), crit("b", False, required=True), crit("c", True)))
    assert missed_tips(r, "en") == [("b-en", "b tip"), ("a-en", "a tip")]


def test_timing_line() -> None:
    assert timing_line("en", 3.25, 75, 0, Pace(120.4, "chars")) == "First key 3.2s · Answered in 1:15 · 120 chars/min"
    assert timing_line("zh", 3.25, 75, 0, Pace(98.6, "words")).endswith("99 词/分钟")
    assert "超时 0:05" in timing_line("zh", None, 125, 5, None)
    assert timing_line("en", None, 10, 0, None).startswith("no keystroke")


@pytest.mark.parametrize(
    ("text", "width", "out"),
    [("short", 10, "short"), ("abcdefghij", 5, "abcd…"), ("一二三四五", 6, "一二…"), ("", 4, "")],
)
def test_short_counts_terminal_cells(text: str, width: int, out: str) -> None:
    assert short(text, width) == out


@pytest.mark.parametrize(
    ("raw", "name", "problem"),
    [("  Li   Lei ", "Li Lei", None), ("   ", None, "name.empty"), ("x" * 100, "x" * 100, None), ("x" * 101, None, "name.too_long")],
)
def test_check_name(raw: str, name: str | None, problem: str | None) -> None:
    assert check_name(raw) == (name, problem)


def test_every_text_has_both_languages_and_matching_fields() -> None:
    for key, (zh, en) in TEXTS.items():
        assert zh.strip() and en.strip(), key
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_zh == fields_en, key


@pytest.mark.parametrize(
    "cls", [MockroomApp, StartScreen, QuestionScreen, FeedbackScreen, SummaryScreen, RatingDialog]
)
def test_every_footer_key_has_a_chinese_label(cls: type) -> None:
    for b in cls.BINDINGS:
        if b.show and b.description:
            assert b.description in KEY_LABELS_ZH, b.description
            assert key_label("en", b.description) == b.description


@pytest.mark.parametrize(
    ("missed", "advice"), [(1, "always cover it."), (2, "always cover them.")]
)
def test_the_required_points_advice_agrees_with_how_many_are_missing(missed: int, advice: str) -> None:
    points = tuple(crit(k, False, required=True) for k in "ab"[:missed]) + (crit("c", True),)
    r = result(points, (Flag("missed-required", "缺", "Missing", 3.4),))
    [line] = flag_lines(r, "en")
    assert line.startswith("Missing (−3).") and line.endswith(advice)


def test_a_cost_goes_inside_the_messages_own_stop_and_reads_in_whole_points() -> None:
    r = result((), (Flag("too-short", "回答太短。", "Too short.", 10.6),))
    assert flag_lines(r, "zh")[0].startswith("回答太短（−11）。")
    assert flag_lines(r, "en")[0].startswith("Too short (−11).")


def test_english_counts_of_one_are_singular() -> None:
    assert t("en", "count.en", n=1, lo=20, hi=200) == "1 word / 20–200"
    assert t("en", "count.en", n=2, lo=20, hi=200) == "2 words / 20–200"
    assert t("en", "pr.trend", n=1) == "Mean score of the last session"
    assert t("en", "pr.answers", n=1) == "1 answer"
    assert t("zh", "pr.answers", n=1) == "1 次"


def test_every_singular_text_has_its_plural_and_the_same_fields() -> None:
    for key, one in ONE_EN.items():
        en = TEXTS[key][1]
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f} - {"n"}
        assert {f for _, f, _, _ in string.Formatter().parse(one) if f} <= fields_en | {"n"}, key
        assert fields_en <= {f for _, f, _, _ in string.Formatter().parse(one) if f}, key


@pytest.mark.parametrize("code", ["off-point", "rejects-points"])
def test_the_flags_that_cut_a_whole_score_say_what_to_do(code: str) -> None:
    r = result((), (Flag(code, "扣分", "Costs points", 12.0),))
    assert flag_lines(r, "zh") == [f"扣分（−12）。{t('zh', f'flag.{code}')}"]
    assert flag_lines(r, "en") == [f"Costs points (−12). {t('en', f'flag.{code}')}"]
