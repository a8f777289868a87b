"""`mockroom eval`'s figures and its reading of graded-answers files, against values worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.core.bank import load_paths
from mockroom.core.evaluate import (
    ALL,
    Check,
    GradedAnswer,
    GradedFileError,
    Scored,
    bank_examples,
    checks,
    evaluate,
    evidence,
    load_graded,
    score_all,
)
from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from tests.helpers.bank_builders import criterion, question_data, rubric_data, write_bank


def scored(qid: str, ident: str, grade: float, score: float, **result: object) -> Scored:
    r = ScoreResult(qid, score, (), (), "zh", 100, (50, 300), **result)  # type: ignore[arg-type]
    return Scored(GradedAnswer(qid, ident, grade, "text", "f.yaml"), r)


# -- figures -------------------------------------------------------------------------------------


def test_figures_per_question_and_overall() -> None:
    answers = [
        # q.a: scores rank 1 2 3 4, grades rank 1 3 2 4 -> rho 0.8; errors -5 -15 +5 -10
        scored("q.a", "1", 55, 50),
        scored("q.a", "2", 75, 60),
        scored("q.a", "3", 65, 70),
        scored("q.a", "4", 90, 80),
        # q.b: perfect order -> rho 1.0; errors +20 0
        scored("q.b", "1", 10, 30),
        scored("q.b", "2", 60, 60),
    ]
    ev = evaluate(answers)
    a, b = ev.questions
    assert (a.question_id, a.answers) == ("q.a", 4)
    assert a.spearman == pytest.approx(0.8)
    assert a.mae == pytest.approx(8.75)
    assert a.within == pytest.approx(1.0)  # 15 itself counts as within
    assert a.bias == pytest.approx(-6.25)  # score - grade: the scorer is harsher
    assert b.spearman == pytest.approx(1.0)
    assert (b.mae, b.within, b.bias) == (10.0, 0.5, 10.0)
    o = ev.overall
    assert o.question_id == ALL and o.answers == 6
    assert o.spearman == pytest.approx(0.9)  # mean of the per-question values, not pooled
    assert o.mae == pytest.approx((5 + 15 + 5 + 10 + 20 + 0) / 6)
    assert o.within == pytest.approx(5 / 6)
    assert o.bias == pytest.approx((-5 - 15 + 5 - 10 + 20 + 0) / 6)
    assert ev.lowest is a
    assert ev.undefined == []


def test_a_question_with_equal_grades_or_scores_has_no_spearman_and_stays_out_of_the_mean() -> None:
    ev = evaluate([
        scored("q.flat", "1", 50, 20), scored("q.flat", "2", 50, 80),  # grades equal
        scored("q.same", "1", 20, 40), scored("q.same", "2", 80, 40),  # scores equal
        scored("q.one", "1", 70, 70),  # one answer
        scored("q.ok", "1", 20, 10), scored("q.ok", "2", 80, 90),
    ])
    assert ev.undefined == ["q.flat", "q.one", "q.same"]
    assert ev.overall.spearman == pytest.approx(1.0)
    assert ev.lowest is not None and ev.lowest.question_id == "q.ok"
    only_flat = evaluate([scored("q.flat", "1", 50, 20), scored("q.flat", "2", 50, 80)])
    assert only_flat.overall.spearman is None and only_flat.lowest is None


def test_kinds_show_mean_grade_beside_mean_score() -> None:
    def kind(qid: str, k: str, grade: float, score: float) -> Scored:
        s = scored(qid, k + qid, grade, score)
        return Scored(GradedAnswer(qid, s.answer.id, grade, "text", "f.yaml", kind=k), s.result)

    ev = evaluate([kind("q.a", "terse", 60, 20), kind("q.b", "terse", 70, 10), kind("q.a", "trap", 5, 25),
                   scored("q.a", "no-kind", 50, 50)])
    rows = [(r.kind, r.answers, r.mean_grade, r.mean_score, r.mae) for r in ev.kinds()]
    assert rows == [("terse", 2, 65.0, 15.0, 50.0), ("trap", 1, 5.0, 25.0, 20.0)]


def test_worst_disagreements_come_first() -> None:
    ev = evaluate([scored("q", "small", 50, 55), scored("q", "big", 90, 30), scored("q", "mid", 10, 30)])
    assert [s.answer.id for s in ev.worst(2)] == ["big", "mid"]
    assert ev.worst(0) == []


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"min_spearman": 0.8}, [("min-spearman", True)]),
        ({"min_spearman": 0.81}, [("min-spearman", False)]),
        ({"max_mae": 8.75}, [("max-mae", True)]),
        ({"max_mae": 8.7}, [("max-mae", False)]),
        ({"min_question_spearman": 0.8}, [("min-question-spearman", True)]),
        ({"min_spearman": 0.5, "max_mae": 5}, [("min-spearman", True), ("max-mae", False)]),
        ({}, []),
    ],
)
def test_thresholds(kwargs: dict[str, float], expected: list[tuple[str, bool]]) -> None:
    ev = evaluate([scored("q.a", "1", 55, 50), scored("q.a", "2", 75, 60),
                   scored("q.a", "3", 65, 70), scored("q.a", "4", 90, 80)])
    assert [(c.name, c.passed) for c in checks(ev, **kwargs)] == expected


def test_a_threshold_that_cannot_be_measured_is_missed() -> None:
    ev = evaluate([scored("q.flat", "1", 50, 20), scored("q.flat", "2", 50, 80)])
    (c,) = checks(ev, min_question_spearman=0.7)
    assert c.value is None and not c.passed
    assert Check("max-mae", 12, 11.9).passed and not Check("min-spearman", 0.85, 0.849).passed


def test_evidence_names_points_hit_missed_negated_and_what_each_flag_cost() -> None:
    def crit(key: str, hit: bool, negated: bool, *matches: Match) -> CriterionResult:
        return CriterionResult(key, "r", "标签", "label", "提示", "tip", 1.0, False, hit, negated, 0.5, matches)

    result = ScoreResult(
        "q", 40.0,
        (
            crit("restore", True, False, Match("回滚", 3, 5, "回滚", 1.0, "exact")),
            crit("apologise", False, True, Match("道歉", 8, 10, "道歉", 1.0, "exact", negated=True)),
            crit("review", False, False),
        ),
        (
            Flag("too-short", "短", "short", penalty=12.5),
            Flag("red-flag", "推责", "blames", penalty=10, ref="blames-customer"),
            Flag("negated", "否定", "negated", ref="apologise"),  # costs nothing: not listed
        ),
        "zh", 30, (50, 300), {"coverage": 0.4, "length_factor": 0.6},
    )
    ev = evidence(result)
    assert ev.hit == (("restore", "回滚"),)
    assert ev.missed == ("review",)
    assert ev.negated == (("apologise", "道歉"),)
    assert ev.costs == (("too-short", 12.5), ("red-flag:blames-customer", 10))
    assert ev.factors == (("coverage", 0.4), ("length_factor", 0.6))


# -- graded-answers files ------------------------------------------------------------------------

KNOWN = {"t.q", "t.other"}

GOOD_FILE = """\
# a comment line first
questions:
  t.q:
    - id: a1
      grade: 85
      lang: zh
      kind: zh-strong
      why: owns it
      text: 我先道歉，再恢复业务。
    - id: 2
      grade: 10.5
      text: 我周末去爬山。
  t.other:
    - {id: b1, grade: 0, text: nothing}
"""


def write(tmp_path: Path, text: str, name: str = "graded.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_graded_file_is_read_with_every_field_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_FILE)
    a1, a2, b1 = load_graded(path, KNOWN)
    assert a1 == GradedAnswer("t.q", "a1", 85.0, "我先道歉，再恢复业务。", str(path), 4, "zh", "zh-strong", "owns it")
    assert (a2.id, a2.grade, a2.line, a2.kind) == ("2", 10.5, 10, "")
    assert (b1.question_id, b1.grade, b1.line) == ("t.other", 0.0, 14)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("questions:\n  t.q:\n    - id: a\n      grade: [1\n", 5, "invalid YAML"),
        ("questions:\n  t.q:\n\t- id: a\n", 3, "tabs"),
        ("questions:\n  t.q:\n    - {id: a, grade: 50, text: x}\n  t.nope:\n    - {id: a, grade: 50, text: x}\n",
         4, "unknown question id 't.nope'"),
        ("questions:\n  t.q:\n    - {id: a, grade: 50, text: x}\n    - {id: b, grade: 101, text: x}\n",
         4, "t.q answer b: grade 101 is outside 0-100"),
        ("questions:\n  t.q:\n    - id: a\n      text: x\n      grade: -1\n", 5, "t.q answer a: grade -1 is outside 0-100"),
        ("questions:\n  t.q:\n    - {id: a, grade: high, text: x}\n", 3, "t.q answer a: `grade` must be a number"),
        ("questions:\n  t.q:\n    - {id: a, grade: true, text: x}\n", 3, "`grade` must be a number"),
        ("questions:\n  t.q:\n    - {id: a, text: x}\n", 3, "t.q answer a: `grade` must be a number"),
        ("questions:\n  t.q:\n    - {id: a, grade: 5}\n", 3, "t.q answer a: needs a non-empty `text`"),
        ("questions:\n  t.q:\n    - {id: a, grade: 5, text: x}\n    - {id: a, grade: 6, text: y}\n",
         4, "t.q answer a: duplicate id"),
        ("questions:\n  t.q:\n    - {grade: 5, text: x}\n", 3, "t.q answer #1: needs an `id`"),
        ("questions:\n  t.q:\n    - just text\n", 3, "t.q answer #1: expected a mapping"),
        ("questions:\n  t.q: []\n", 2, "t.q: expected a list of graded answers"),
        ("questions:\n  t.q:\n    - {id: a, grade: 5, text: x, why: [1]}\n", 3, "`why` must be text"),
        ("- id: a\n", 1, "expected `questions:`"),
        ("", 1, "empty file"),
    ],
)
def test_a_bad_graded_file_gets_one_problem_naming_file_line_and_entry(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GradedFileError) as caught:
        load_graded(path, KNOWN)
    p = caught.value.problem
    assert (p.path, p.line) == (str(path), line)
    assert message in p.message
    assert "\n" not in str(p) and str(p).startswith(f"{path}:{line}:")


def test_a_missing_huge_fifo_or_non_utf8_file_is_one_problem(tmp_path: Path) -> None:
    import os

    with pytest.raises(GradedFileError, match="cannot read"):
        load_graded(tmp_path / "absent.yaml", KNOWN)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"questions: {}\n" + b"#" * 2_000_000)
    with pytest.raises(GradedFileError, match="too large"):
        load_graded(huge, KNOWN)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # would block a plain open() until someone writes
    with pytest.raises(GradedFileError, match="not a regular file"):
        load_graded(fifo, KNOWN)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("questions:\n  t.q:\n    - {id: a, grade: 5, text: 道歉}\n".encode("gbk"))
    with pytest.raises(GradedFileError, match="not UTF-8"):
        load_graded(gbk, KNOWN)


# -- bank examples and scoring -------------------------------------------------------------------


def test_bank_examples_are_scored_at_their_place_in_the_bank(tmp_path: Path) -> None:
    examples = [
        {"label": "strong", "grade": 85, "band": [60, 100], "answer": "我会先真诚道歉，承担责任，然后马上回滚恢复业务。"},
        {"label": "off-topic", "band": [0, 10], "answer": "我周末喜欢去爬山，也喜欢看电影。"},
    ]
    write_bank(
        tmp_path,
        question_data(examples=examples),
        rubric_data(criteria=[criterion("apologise", ["道歉"]), criterion("restore", ["回滚"])]),
    )
    bank = load_paths([tmp_path])
    strong, off = bank_examples(bank)
    assert (strong.id, strong.grade, strong.from_band) == ("strong", 85.0, False)  # the grade wins
    assert (off.id, off.grade, off.from_band) == ("off-topic", 5.0, True)  # an older band's midpoint
    source = Path(strong.source).read_text("utf-8").splitlines()
    assert "label: strong" in source[strong.line - 1]
    assert "label: off-topic" in source[off.line - 1]
    s_strong, s_off = score_all(bank, [strong, off])
    assert s_strong.result.score > s_off.result.score
    assert {k for k, _ in evidence(s_strong.result).hit} == {"apologise", "restore"}
