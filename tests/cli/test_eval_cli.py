"""`mockroom eval` on small graded files written here (never the shared development set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.helpers.cli_helpers import run_cli

GOOD = Path(__file__).resolve().parent.parent / "data" / "good"
"""A bank with one question, good.apology: points apologise, restore, review."""

GRADED = """\
questions:
  good.apology:
    - id: strong
      grade: 90
      kind: zh-strong
      why: owns the failure, restores first, reviews afterwards
      text: 我会先给客户打电话，真诚道歉，承认这次责任在我们。技术上马上回滚，先恢复业务。事后组织复盘，找出根本原因，避免再次发生。
    - id: middle
      grade: 55
      kind: zh-adequate
      text: 我会跟客户道歉，然后让技术团队尽快处理，处理好以后再跟客户说明一下情况。
    - id: english
      grade: 85
      lang: en
      text: I would call the customer, apologise and take ownership, roll back to restore service first, then run a postmortem to find the root cause.
    - id: trap
      grade: 5
      kind: trap
      text: 我周末喜欢去爬山，也喜欢看电影和做饭，这些爱好让我保持了好心情。
"""



@pytest.fixture
def graded(tmp_path: Path) -> Path:
    path = tmp_path / "graded.yaml"
    path.write_text(GRADED, "utf-8")
    return path


def test_prints_a_table_then_the_worst_disagreements_within_80_columns(capsys, graded: Path) -> None:
    code, out, err = run_cli(capsys, "eval", str(graded), "--bank", str(GOOD), "--lang", "en", "--worst", "2")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "4 answers, 1 questions: graded.yaml"
    assert lines[2].split() == ["QUESTION", "N", "RHO", "MAE", "≤15", "BIAS"]
    assert lines[3].split()[:2] == ["good.apology", "4"]
    assert lines[4].split()[:2] == ["overall", "4"]
    assert "Worst disagreements" in lines
    assert sum(line.startswith(("1. good.apology ", "2. good.apology ")) for line in lines) == 2
    for label in ("answer", "hit", "missed", "cost", "factors"):
        assert sum(line.strip().startswith(label + " ") for line in lines) == 2
    assert all(cell_len(line) <= 80 for line in lines), [line for line in lines if cell_len(line) > 80]


def test_by_kind_adds_a_table_of_kinds(capsys, graded: Path) -> None:
    code, out, _ = run_cli(capsys, "eval", str(graded), "--bank", str(GOOD), "--lang", "en", "--by-kind",
                       "--worst", "0")
    assert code == 0
    lines = out.splitlines()
    head = lines.index(next(line for line in lines if line.startswith("KIND")))
    assert lines[head].split() == ["KIND", "N", "GRADE", "SCORE", "MAE"]
    assert [line.split()[0] for line in lines[head + 1 : head + 4]] == ["trap", "zh-adequate", "zh-strong"]
    assert lines[head + 1].split()[1:3] == ["1", "5.0"]
    _, plain, _ = run_cli(capsys, "eval", str(graded), "--bank", str(GOOD), "--lang", "en", "--worst", "0")
    assert "KIND" not in plain


def test_the_interface_language_is_chinese_on_request(capsys, graded: Path) -> None:
    for argv in (("--lang", "zh", "eval", str(graded)), ("eval", str(graded), "--lang", "zh")):
        code, out, _ = run_cli(capsys, "--bank", str(GOOD), *argv)
        assert code == 0
        assert out.startswith("4 个回答，1 道题：graded.yaml")
        assert "分歧最大的回答" in out and "评分 90" in out
        assert all(cell_len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize(
    ("thresholds", "code", "mark"),
    [
        (("--min-spearman", "-1", "--max-mae", "100"), 0, "✓"),
        (("--min-spearman", "1.01",), 1, "✗"),  # no Spearman exceeds 1
        (("--max-mae", "0"), 1, "✗"),  # every score would have to equal its grade
        (("--min-question-spearman", "1.01"), 1, "✗"),
    ],
)
def test_exit_1_when_a_threshold_is_missed(
    capsys, graded: Path, thresholds: tuple[str, ...], code: int, mark: str
) -> None:
    got, out, _ = run_cli(capsys, "eval", str(graded), "--bank", str(GOOD), "--lang", "en", *thresholds)
    assert got == code
    tail = out.split("Thresholds\n", 1)[1].splitlines()
    assert len(tail) == len(thresholds) // 2 and all(line.startswith(f"  {mark} ") for line in tail)


def test_json_has_every_answer_worst_first_with_evidence(capsys, graded: Path) -> None:
    code, out, _ = run_cli(capsys, "eval", str(graded), "--bank", str(GOOD), "--json", "--max-mae", "100")
    assert code == 0
    data = json.loads(out)
    assert data["sources"] == [str(graded)]
    assert data["passed"] is True and data["thresholds"][0]["name"] == "max-mae"
    assert [q["question_id"] for q in data["questions"]] == ["good.apology"]
    assert data["overall"]["answers"] == 4 and data["overall"]["question_id"] is None
    answers = data["answers"]
    assert sorted(a["id"] for a in answers) == ["english", "middle", "strong", "trap"]
    errors = [abs(a["error"]) for a in answers]
    assert errors == sorted(errors, reverse=True)
    for a in answers:
        assert a["error"] == pytest.approx(a["score"] - a["grade"], abs=0.05)
        assert set(a) >= {"hit", "missed", "negated", "costs", "factors", "line", "why"}
    assert [k["kind"] for k in data["kinds"]] == ["trap", "zh-adequate", "zh-strong"]
    strong = next(a for a in answers if a["id"] == "strong")
    assert {h["point"] for h in strong["hit"]} == {"apologise", "restore", "review"}
    assert strong["line"] == 3


def test_a_question_without_a_spearman_says_so(capsys, tmp_path: Path) -> None:
    path = tmp_path / "flat.yaml"
    path.write_text(
        "questions:\n  good.apology:\n"
        "    - {id: a, grade: 50, text: 我会道歉。}\n    - {id: b, grade: 50, text: 我会先回滚再复盘。}\n",
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "eval", str(path), "--bank", str(GOOD), "--lang", "en",
                       "--min-spearman", "0")
    assert code == 1  # nothing to measure is not a pass
    assert out.splitlines()[3].split()[:3] == ["good.apology", "2", "—"]
    assert "undefined, all grades or all scores of the question are equal" in out
    assert "cannot be measured" in out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("questions:\n  good.apology:\n    - {id: a, grade: 50, text: [x\n", ":4:", "invalid YAML"),
        ("questions:\n  good.nothing:\n    - {id: a, grade: 50, text: x}\n", ":2:3:",
         "unknown question id 'good.nothing'"),
        ("questions:\n  good.apology:\n    - {id: a, grade: 50, text: x}\n    - {id: b, grade: 120, text: y}\n",
         ":4:", "good.apology answer b: grade 120 is outside 0-100"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2_with_nothing_scored(
    capsys, graded: Path, tmp_path: Path, text: str, where: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, "utf-8")
    code, out, err = run_cli(capsys, "eval", str(graded), str(bad), "--bank", str(GOOD))
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(f"mockroom: {bad}{where}") and message in line


def test_every_bad_file_is_named(capsys, tmp_path: Path) -> None:
    paths = [tmp_path / "one.yaml", tmp_path / "two.yaml"]
    paths[0].write_text("questions: [", "utf-8")
    paths[1].write_text("questions:\n  x.y:\n    - {id: a, grade: 1, text: t}\n", "utf-8")
    code, out, err = run_cli(capsys, "eval", *map(str, paths), "--bank", str(GOOD))
    assert (code, out) == (2, "")
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [str(p) for p in paths]


def test_without_files_the_banks_examples_are_evaluated(capsys) -> None:
    code, out, _ = run_cli(capsys, "eval", "--bank", str(GOOD), "-q", "good.apology", "--lang", "en", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["sources"] == []
    assert {(a["question_id"], a["id"]) for a in data["answers"]} == {
        ("good.apology", "strong-zh"), ("good.apology", "off-topic")
    }
    assert all(a["source"].endswith("question.yaml") and a["line"] > 0 for a in data["answers"])


def test_the_builtin_banks_examples_cover_every_builtin_question(capsys) -> None:
    code, out, _ = run_cli(capsys, "eval", "--json", "--worst", "0")
    assert code == 0
    data = json.loads(out)
    from mockroom.core.bank import load_bank

    assert {q["question_id"] for q in data["questions"]} == set(load_bank().questions)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("eval", "-q", "good.nope"), "unknown question id 'good.nope'"),
        (("eval", "--worst", "-1"), "--worst must be 0 or more"),
    ],
)
def test_usage_errors(capsys, argv: tuple[str, ...], message: str) -> None:
    code, out, err = run_cli(capsys, *argv, "--bank", str(GOOD))
    assert (code, out) == (2, "")
    assert message in err and len(err.splitlines()) == 1


def test_text_from_a_graded_file_reaches_the_terminal_inert(capsys, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        'questions:\n  good.apology:\n'
        '    - {id: "x\\e[2J", grade: 90, why: "clears\\e]52;c;Zm9v\\a", text: "我会道歉\\e[31m。"}\n'
        '    - {id: y, grade: 10, text: 我周末去爬山。}\n',
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "eval", str(path), "--bank", str(GOOD), "--lang", "en")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "x␛[2J" in out and "我会道歉␛[31m。" in out
