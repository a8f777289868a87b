"""`mockroom lint` on examples: a grade the scorer misses by more than 15 points is reported, at
the grade's line; an older file's band is still checked where an example gives only a band.

The grades are set from what the scorer gives the answer, so these tests check the lint rule,
not the scorer's tuning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.core.lint import GRADE_TOLERANCE, lint
from tests.helpers.bank_builders import (
    QID,
    build,
    criterion,
    question_data,
    rubric_data,
    write_bank,
)

ANSWER = "我会先认真倾听客户的不满，真诚道歉，然后说明我们接下来怎么处理，并且每天同步进展。"
# The answer covers two of four points, so its score sits mid-scale.
CRITERIA = [
    criterion("apologise", ["道歉"], ["apologise"]),
    criterion("update", ["同步进展"], ["regular updates"]),
    criterion("restore", ["回滚"], ["roll back"]),
    criterion("review", ["复盘"], ["postmortem"]),
]


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> float:
    scorer, question = build(tmp_path_factory.mktemp("probe"), CRITERIA)
    return scorer.score(question, ANSWER).score


def _example(label: str, **fields: object) -> dict[str, object]:
    return {"label": label, **fields, "answer": ANSWER}


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory, score: float) -> tuple[Path, list[str]]:
    """A bank of one question whose examples sit at known distances from their grade or band."""
    root = tmp_path_factory.mktemp("bank")
    examples = [
        _example("near", grade=round(score + 10, 1)),
        _example("far-above", grade=min(100.0, round(score + 25, 1))),
        _example("far-below", grade=max(0.0, round(score - 25, 1))),
        _example("band-holds", band=[max(0.0, score - 1), min(100.0, score + 1)]),
        _example("band-misses", band=[min(100.0, score + 20), 100]),
        # Both given: the grade is what counts, however stale the band.
        _example("grade-over-band", grade=round(score, 1), band=[min(100.0, score + 20), 100]),
    ]
    write_bank(root, question_data(examples=examples), rubric_data(criteria=CRITERIA))
    _, problems = lint([root])
    return root / "questions" / f"{QID}.yaml", [str(p) for p in problems]


def _reported(linted: tuple[Path, list[str]], label: str) -> list[str]:
    path, problems = linted
    return [p for p in problems if p.startswith(f"{path}:") and f"example {label!r}" in p]


def test_the_probe_answer_is_neither_floor_nor_ceiling(score: float) -> None:
    # Far-above and far-below must really be more than the tolerance away on both sides.
    assert GRADE_TOLERANCE + 5 < score < 100 - GRADE_TOLERANCE - 5


def test_an_example_within_the_tolerance_passes(linted: tuple[Path, list[str]]) -> None:
    assert _reported(linted, "near") == []


@pytest.mark.parametrize(("label", "sign"), [("far-above", "-"), ("far-below", "+")])
def test_an_example_far_from_its_grade_is_reported_at_the_grade(
    linted: tuple[Path, list[str]], score: float, label: str, sign: str
) -> None:
    path, _ = linted
    text = path.read_text()
    [problem] = _reported(linted, label)
    line = text[: text.index(f"label: {label}")].count("\n") + 2  # the grade follows the label
    assert problem.startswith(f"{path}:{line}:")
    assert f"{QID}: example {label!r} scores {score:.1f}, {sign}" in problem
    assert "from its grade" in problem and f"(allowed ±{GRADE_TOLERANCE})" in problem


def test_an_old_band_is_still_checked(linted: tuple[Path, list[str]], score: float) -> None:
    assert _reported(linted, "band-holds") == []
    [problem] = _reported(linted, "band-misses")
    assert f"scores {score:.1f}, outside its band" in problem


def test_a_grade_takes_precedence_over_a_band(linted: tuple[Path, list[str]]) -> None:
    assert _reported(linted, "grade-over-band") == []
