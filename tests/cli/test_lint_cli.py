"""Writing a question from the README: `mockroom new`, then edits a newcomer makes, then
`mockroom lint`. Each test is a mistake that was made, and what lint must say about it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_helpers import run_cli

QID = "mine.prioritise"



@pytest.fixture
def bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A fresh `mockroom new` question and rubric, linted clean."""
    root = tmp_path / "my-bank"
    assert run_cli(capsys, "new", QID, "--dir", str(root))[0] == 0
    assert run_cli(capsys, "lint", str(root)) == (
        0, "0 problems; 2 files: 1 question, 1 rubric, 2 examples checked\n", ""
    )
    return root


def question(root: Path) -> Path:
    return root / "mine" / "prioritise.yaml"


def rubric(root: Path) -> Path:
    return root / "rubrics" / "mine" / "prioritise.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def at(path: Path, needle: str, offset: int = 0) -> str:
    """`line:column` of the character `offset` characters into the one place `needle` is."""
    text = path.read_text("utf-8")
    assert text.count(needle) == 1, needle
    start = text.index(needle) + offset
    line = text.count("\n", 0, start) + 1
    return f"{line}:{start - (text.rfind(chr(10), 0, start) + 1) + 1}"


def lines_of(path: Path, out: str) -> list[str]:
    """The problem lines about `path`, without the path."""
    return [line.removeprefix(f"{path}:") for line in out.splitlines() if line.startswith(f"{path}:")]


# --- 8: every ASCII mark at its own line and column -----------------------------------


def test_every_ascii_mark_in_chinese_text_is_reported_at_its_own_column(capsys, bank: Path) -> None:
    q = question(bank)
    edit(q, "三位客户同时提出紧急请求，而你的团队只能先处理一个。你会怎么安排优先级？",
         "三位客户同时提出紧急请求,而你的团队(只有两人)只能先处理一个:你会怎么安排优先级?")
    code, out, err = run_cli(capsys, "lint", str(bank))
    assert (code, err) == (1, "")
    # Where the prompt's line is in the template, counted by hand: 8, after "  zh: " (6).
    assert lines_of(q, out) == [
        f"8:19: {QID}: prompt.zh has ASCII ',' beside Chinese (…提出紧急请求,而你的团队(…); write '，'",
        f"8:25: {QID}: prompt.zh has ASCII '(' beside Chinese (…,而你的团队(只有两人)只…); write '（'",
        f"8:30: {QID}: prompt.zh has ASCII ')' beside Chinese (…队(只有两人)只能先处理一…); write '）'",
        f"8:38: {QID}: prompt.zh has ASCII ':' beside Chinese (…能先处理一个:你会怎么安排…); write '：'",
        f"8:48: {QID}: prompt.zh has ASCII '?' beside Chinese (…么安排优先级?…); write '？'",
    ]
    assert out.splitlines()[-1].startswith("5 problems; 2 files: ")
    source = q.read_text("utf-8").splitlines()
    assert [source[7][int(line.split(":")[1]) - 1] for line in lines_of(q, out)] == list(",():?")


@pytest.mark.parametrize(
    "written",
    [
        # Folded over two lines: the second line's marks are on the second line.
        "zh: >-\n    考察按业务影响排序,\n    透明沟通(和)事后复盘的能力。",
        # Double-quoted, with escaped quotes before the mark and a line break escape.
        'zh: "考察\\"影响\\"排序,\\n透明沟通(和)复盘。"',
        # Single-quoted, with doubled quotes.
        "zh: '考察''影响''排序,透明沟通(和)复盘。'",
        # A literal block whose header comment holds commas and brackets of its own.
        "zh: |-  # note, (draft)\n    考察按业务影响排序,\n    透明沟通(和)事后复盘的能力。",
    ],
    ids=["folded", "double-quoted", "single-quoted", "block-with-comment"],
)
def test_marks_are_placed_in_every_way_yaml_writes_a_text(capsys, bank: Path, written: str) -> None:
    q = question(bank)
    edit(q, "zh: 考察按业务影响排序、透明沟通和事后复盘的能力。", written)
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    found = lines_of(q, out)
    assert all(f.split(": ", 2)[1] == f"{QID}" for f in found)
    body = written.split("\n", 1)[1] if "#" in written else written
    expected = [at(q, body, body.index(",")), at(q, body, body.index("(")), at(q, body, body.index(")"))]
    assert [f.split(": ", 1)[0] for f in found] == expected
    assert all("\n" not in line for line in found)


def test_ascii_marks_between_latin_words_are_left_alone(capsys, bank: Path) -> None:
    edit(question(bank), "考察按业务影响排序、透明沟通和事后复盘的能力。",
         "考察按业务影响排序（SLA, P1/P2）和事后复盘 (RCA) 的能力。")
    assert run_cli(capsys, "lint", str(bank))[0] == 0


# --- 9: the template, and a comma in a flow mapping ------------------------------------


def test_the_template_takes_an_english_label_with_a_comma_and_a_quoted_colon(capsys, bank: Path) -> None:
    r = rubric(bank)
    edit(r, "      en: Review afterwards", "      en: Follow up, feed back, then review")
    edit(r, '"Say how you rank: business impact, users affected, urgency."',
         '"Say it: rank by impact, then urgency."')
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert (code, out.splitlines()[-1]) == (0, "0 problems; 2 files: 1 question, 1 rubric, 2 examples checked")
    code, out, _ = run_cli(capsys, "--bank", str(bank), "bank", "show", QID, "--lang", "en")
    assert "Follow up, feed back, then review" in out


def test_a_comma_splitting_a_flow_mapping_says_quote_this_value_and_nothing_else(
    capsys, bank: Path
) -> None:
    r = rubric(bank)
    edit(r, "    label:\n      zh: 事后复盘\n      en: Review afterwards",
         "    label: {zh: 事后复盘, en: follow up and feed back, then review, then close}")
    code, out, err = run_cli(capsys, "lint", str(bank))
    assert (code, err) == (1, "")
    assert out == (
        f"{r}:{at(r, 'follow up and feed back')}: criteria.2.label.en: a comma inside {{…}} ends the value, so the rest read as "
        'unknown fields; quote this value: en: "follow up and feed back, then review, then close"\n'
        "1 problem; 2 files: 1 question, 0 rubrics, 0 examples checked\n"
    )  # no knock-on "unknown rubric" for the question whose rubric this is

    # Linting the question alone, the rubric's file is not linted: the question says which it is.
    q = question(bank)
    code, out, _ = run_cli(capsys, "lint", str(q), "--bank", str(bank))
    assert code == 1
    assert lines_of(q, out) == [
        f"{at(q, f'rubric: {QID}', 8)}: {QID}: unknown rubric '{QID}': {r} defines it but has "
        "problems; lint it"
    ]

    edit(r, "en: follow up and feed back, then review, then close}",
         'en: "follow up and feed back, then review, then close"}')
    assert run_cli(capsys, "lint", str(bank))[0] == 0


def test_a_question_whose_rubric_is_really_missing_says_where_it_may_be(capsys, bank: Path) -> None:
    q = question(bank)
    code, out, _ = run_cli(capsys, "lint", str(q))  # the rubric is in the folder beside
    assert code == 1
    assert lines_of(q, out) == [
        f"{at(q, f'rubric: {QID}', 8)}: {QID}: unknown rubric '{QID}': lint the file or folder "
        "that holds it too, or add --bank DIR"
    ]
    assert run_cli(capsys, "lint", str(q), "--bank", str(bank)) == (
        0, "0 problems; 1 file: 1 question, 0 rubrics, 2 examples checked\n", ""
    )


@pytest.mark.parametrize(
    ("old", "new", "stop", "expected"),
    [
        ('"Say how you rank: business impact, users affected, urgency."',
         "Say how you rank: business impact, users affected, urgency.", "rank: ",
         "invalid YAML: mapping values are not allowed in this context (quote this value: "
         "a ': ' or a quote inside a bare value ends it early)"),
        ("    label:\n      zh: 事后复盘\n      en: Review afterwards",
         "    label: {zh: 事后复盘, en: Note: review}", "Note: ",
         "invalid YAML: did not find expected ',' or '}' (quote this value: a ': ' or a "
         "quote inside a bare value ends it early)"),
    ],
    ids=["colon-in-block", "colon-in-flow"],
)
def test_a_colon_inside_a_bare_value_says_quote_this_value(
    capsys, bank: Path, old: str, new: str, stop: str, expected: str
) -> None:
    r = rubric(bank)
    edit(r, old, new)
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    column = at(r, stop, 4)  # the colon
    assert lines_of(r, out) == [f"{column}: {expected}"]
    assert lines_of(question(bank), out) == []  # no knock-on for the question


# --- 10: summary, counts, empty phrase lists, duplicate keys ----------------------------


def test_a_clean_file_is_counted_alone_on_stdout(capsys, bank: Path) -> None:
    code, out, err = run_cli(capsys, "lint", str(question(bank)), "--bank", str(bank))
    assert (code, out, err) == (0, "0 problems; 1 file: 1 question, 0 rubrics, 2 examples checked\n", "")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      zh: [复盘, 总结经验, 避免再次发生, 改进流程]", "      zh: []",
         "47:11: mine.prioritise: point 'review' has no Chinese phrases: an answer in Chinese "
         "could show it only in English words; add some"),
        ("      zh: [复盘, 总结经验, 避免再次发生, 改进流程]\n", "",
         "47:7: mine.prioritise: point 'review' has no Chinese phrases: an answer in Chinese "
         "could show it only in English words; add some"),
        ("      en: [first come first served]", "      en: []",
         "57:11: mine.prioritise: red flag 'first-come' has no English phrases: an answer in "
         "English could show it only in Chinese words; add some"),
    ],
    ids=["empty-zh", "no-zh", "empty-en-red-flag"],
)
def test_a_point_without_phrases_in_one_language_is_reported(
    capsys, bank: Path, old: str, new: str, expected: str
) -> None:
    r = rubric(bank)
    edit(r, old, new)
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    assert lines_of(r, out) == [expected]


def test_a_duplicate_key_does_not_hide_the_files_other_problems(capsys, bank: Path) -> None:
    q = question(bank)
    edit(q, "difficulty: 2 ", "difficulty: 2\ndifficulty: 3\nprep: 30\n#")
    edit(q, "  prep_seconds: 30", "  prep_seconds: -5")
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    assert lines_of(q, out) == [
        f"{at(q, 'difficulty: 3')}: duplicate key 'difficulty'",
        f"{at(q, 'prep: 30', 6)}: unknown field 'prep'",
        f"{at(q, 'prep_seconds: -5', 14)}: timing.prep_seconds: Input should be greater than or equal to 0 (got -5)",
    ]


def test_lint_as_a_process_ends_every_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    proc = subprocess.run(
        [sys.executable, "-m", "mockroom", "lint", str(missing)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == (f"{missing}:1:1: no such file or folder\n"
                           "1 problem; 0 files: 0 questions, 0 rubrics, 0 examples checked\n")


def test_a_misspelt_rubric_id_names_the_one_meant(capsys, bank: Path) -> None:
    q = question(bank)
    edit(q, f"rubric: {QID}", "rubric: mine.prioritse")
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    assert lines_of(q, out) == [
        f"{at(q, 'rubric: mine.prioritse', 8)}: {QID}: unknown rubric 'mine.prioritse': "
        f"did you mean '{QID}'?"
    ]


@pytest.mark.parametrize(
    ("old", "new", "place", "expected"),
    [
        ("track: mine ", "track: mien ", ("id: ", 4),
         f"id '{QID}' must start with its track 'mien'"),
        ("    - Review afterwards to prevent the same clash\n", "", None,
         "outline: needs bullets in both zh and en"),
    ],
    ids=["track", "outline"],
)
def test_a_check_across_fields_points_at_the_field_it_names(
    capsys, bank: Path, old: str, new: str, place: tuple[str, int] | None, expected: str
) -> None:
    q = question(bank)
    text = q.read_text("utf-8")
    if place is None:  # the whole English outline goes
        start = text.index("  en:\n    - Assess")
        end = text.index("follow_ups:")
        q.write_text(text[:start] + text[end:], "utf-8")
        place = ("  zh:\n    - 先评估", 2)  # the outline's mapping starts at its first key
    else:
        edit(q, old, new)
    code, out, _ = run_cli(capsys, "lint", str(bank))
    assert code == 1
    assert lines_of(q, out) == [f"{at(q, place[0], place[1])}: {expected}"]


def test_scoring_a_question_left_out_says_why_and_where(capsys, bank: Path, tmp_path: Path) -> None:
    edit(rubric(bank), "      en: Review afterwards", "      en: Review afterwards: always")
    answer = tmp_path / "answer.txt"
    answer.write_text("我会先评估业务影响，再主动联系每位客户。", "utf-8")
    for _ in range(2):  # the second load comes from the bank cache
        code, out, err = run_cli(capsys, "score", "--bank", str(bank), "-q", QID, "-f", str(answer))
        assert (code, out) == (2, "")
        assert err == (f"mockroom: question '{QID}' ({question(bank)}) cannot be used: its rubric "
                       f"is missing or has problems; `mockroom lint {question(bank)}` says which\n")
