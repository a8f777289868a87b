"""Loading questions and rubrics from folders: what loads, where it came from, how folders combine."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockroom.core.bank import criterion_keys, load_bank, load_paths
from tests.helpers.bank_builders import (
    criterion,
    question_data,
    rubric_data,
    write_bank,
    write_yaml,
)

GOOD = Path(__file__).resolve().parent.parent / "data" / "good"


def test_the_builtin_bank_loads_without_problems() -> None:
    bank = load_bank()
    assert bank.problems == [] and bank.skipped == []
    assert bank.tracks() == ["sales", "support"]
    assert len(bank.questions) >= 20
    for q in bank.questions.values():
        assert q.id.startswith(q.track + ".")
        assert [r.id for r in bank.rubrics_for(q)] == q.rubric_ids
        keys = criterion_keys(bank, q)
        assert {f.criterion for f in q.follow_ups} <= keys
        assert q.examples, f"{q.id} has no labelled examples"


def test_every_builtin_question_has_graded_examples_of_each_kind() -> None:
    # Kinds a candidate types: strong, adequate, terse, English, traditional, mixed, and a trap.
    kinds = {"strong-zh", "partial", "terse-zh", "traditional-zh", "mixed-zh", "keyword-list"}
    for q in load_bank().questions.values():
        labels = {e.label for e in q.examples}
        assert all(e.grade is not None for e in q.examples), q.id
        assert len(q.examples) >= 8 and kinds <= labels, q.id
        assert any(e.label.endswith("-en") for e in q.examples), q.id


def test_the_builtin_bank_has_both_languages_everywhere() -> None:
    bank = load_bank()
    for q in bank.questions.values():
        assert q.prompt.zh and q.prompt.en and q.outline.zh and q.outline.en
    for r in bank.rubrics.values():
        for c in r.criteria:
            assert c.phrases.zh and c.phrases.en, f"{r.id}:{c.id} lacks zh or en phrases"


def test_builtin_false_loads_only_what_is_given() -> None:
    bank = load_bank([GOOD], builtin=False)
    assert list(bank.questions) == ["good.apology"]
    assert list(bank.rubrics) == ["good.apology"]


def test_mockroom_bank_and_extra_folders_add_to_the_builtin_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = write_bank(tmp_path / "other", question_data("other.q"), rubric_data("other.q"))
    monkeypatch.setenv("MOCKROOM_BANK", str(GOOD))
    bank = load_bank([other])
    assert {"good.apology", "other.q", "support.outage-strategic-customer"} <= set(bank.questions)
    assert bank.problems == []


def test_origins_point_at_each_question(tmp_path: Path) -> None:
    rubric = rubric_data("multi.shared")
    write_yaml(tmp_path / "rubric.yaml", rubric)
    first = question_data("multi.first", rubric="multi.shared")
    second = question_data("multi.second", rubric="multi.shared", difficulty=1)
    path = write_yaml(tmp_path / "both.yaml", {"questions": [first, second]})
    bank = load_paths([tmp_path])
    assert bank.problems == []
    assert [q.id for q in bank.in_track("multi")] == ["multi.second", "multi.first"]
    a, b = bank.question_origin("multi.first"), bank.question_origin("multi.second")
    assert a is not None and b is not None
    assert (a.path, b.path) == (str(path), str(path))
    assert (a.line, a.column) == (2, 3)
    assert b.line > a.line
    assert bank.question_origin("multi.nope") is None


def test_files_are_classified_by_content_not_folder(tmp_path: Path) -> None:
    # The rubric sits among questions and the question in a folder called rubrics: both load.
    write_yaml(tmp_path / "questions" / "r.yml", rubric_data("mix.q"))
    write_yaml(tmp_path / "rubrics" / "deep" / "q.yaml", question_data("mix.q"))
    (tmp_path / "notes.txt").write_text("not yaml: [", "utf-8")
    bank = load_paths([tmp_path])
    assert bank.problems == []
    assert list(bank.questions) == ["mix.q"] and list(bank.rubrics) == ["mix.q"]


@pytest.mark.parametrize(
    "transform",
    [
        lambda raw: b"\xef\xbb\xbf" + raw,  # UTF-8 with a BOM (Windows editors)
        lambda raw: raw.replace(b"\n", b"\r\n"),  # CRLF line ends
    ],
    ids=["bom", "crlf"],
)
def test_common_editor_formats_load(tmp_path: Path, transform) -> None:  # type: ignore[no-untyped-def]
    for name in ("question.yaml", "rubric.yaml"):
        (tmp_path / name).write_bytes(transform((GOOD / name).read_bytes()))
    bank = load_paths([tmp_path])
    assert bank.problems == []
    assert bank.questions["good.apology"] == load_paths([GOOD]).questions["good.apology"]


def test_the_same_file_named_twice_loads_once(tmp_path: Path) -> None:
    bank = load_paths([GOOD, GOOD / "question.yaml", GOOD / ".." / "good"])
    assert bank.problems == []


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    bank = load_paths([GOOD, missing])
    assert [str(p) for p in bank.problems] == [f"{missing}:1:1: no such file or folder"]
    assert "good.apology" in bank.questions


def test_version_of_tracks_the_question_and_its_rubrics(tmp_path: Path) -> None:
    write_bank(tmp_path, question_data(), rubric_data())
    before = load_paths([tmp_path]).version_of("t.q")
    assert load_paths([tmp_path]).version_of("t.q") == before
    assert len(before) == 12
    write_yaml(
        tmp_path / "rubrics" / "t.q.yaml",
        rubric_data(criteria=[criterion("apologise", ["道歉", "致歉"], ["apologise"])]),
    )
    assert load_paths([tmp_path]).version_of("t.q") != before


def test_loading_twice_gives_the_same_bank(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: [\n", "utf-8")
    write_bank(tmp_path, question_data(), rubric_data())
    first, second = load_paths([tmp_path]), load_paths([tmp_path])
    assert first.questions == second.questions and first.rubrics == second.rubrics
    assert first.problems == second.problems and first.skipped == second.skipped


def test_a_shared_rubric_point_is_referred_to_by_rubric_and_point(tmp_path: Path) -> None:
    write_yaml(tmp_path / "shared.yaml", rubric_data("shared.star", [criterion("result", ["结果"])]))
    q = question_data(
        shared_rubrics=["shared.star"],
        follow_ups=[
            {"criterion": "shared.star:result", "prompt": {"zh": "结果？", "en": "Result?"}},
            {"criterion": "result", "prompt": {"zh": "结果？", "en": "Result?"}},
        ],
    )
    write_bank(tmp_path, q, rubric_data())
    bank = load_paths([tmp_path], keep_nodes=True)
    assert criterion_keys(bank, bank.questions["t.q"]) == {"apologise", "shared.star:result"}
    assert [p.message for p in bank.problems] == [
        "t.q: follow-up refers to unknown rubric point 'result' "
        "(known: apologise, shared.star:result)"
    ]


@pytest.mark.parametrize(
    ("question", "rubric", "expected"),
    [
        (question_data("t.q", track="other"), rubric_data(),
         "question.yaml:1:5: id 't.q' must start with its track 'other'"),
        (question_data("T.Q"), rubric_data(),
         "question.yaml:1:5: id: String should match pattern "
         "'^[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9.-]*$' (got 'T.Q')"),
        (question_data(outline={"zh": ["道歉"], "en": []}), rubric_data(),
         "question.yaml:20:3: outline: needs bullets in both zh and en"),
        (question_data(timing={"zh_chars": [300, 100]}), rubric_data(),
         "question.yaml:13:3: timing.zh_chars: need 0 < min < max, got [300, 100]"),
        (question_data(examples=[{"label": "x", "band": [80, 20], "answer": "a"}]), rubric_data(),
         "question.yaml:27:3: band must satisfy 0 <= low <= high <= 100, got [80.0, 20.0]"),
        (question_data(examples=[{"label": "x", "grade": 120, "answer": "a"}]), rubric_data(),
         "question.yaml:26:10: grade must be between 0 and 100, got 120"),
        (question_data(examples=[{"label": "x", "answer": "a"}]), rubric_data(),
         "question.yaml:25:3: examples.0: example 'x' needs a grade (0-100, what an interviewer "
         "would give it) or an older band [low, high]"),
        (question_data(), rubric_data(criteria=[criterion("a", ["道歉"]), criterion("a", ["回滚"])]),
         "rubric.yaml:6:1: criteria: duplicate criterion id 'a'"),
        (question_data(), rubric_data(criteria=[criterion("a", ["道歉"], weight=20)]),
         "rubric.yaml:13:11: criteria.0.weight: Input should be less than or equal to 10 (got 20)"),
        (question_data(), rubric_data(criteria=[criterion("a", ["道歉", "  "])]),
         "rubric.yaml:16:5: phrases: an empty phrase"),
        (question_data(), {k: v for k, v in rubric_data().items() if k != "title"},
         "rubric.yaml:1:1: missing required field 'title'"),
    ],
    ids=["track-mismatch", "id-pattern", "outline-one-language", "timing-range", "band-order",
         "grade-range", "no-grade",
         "duplicate-criterion", "weight-range", "blank-phrase", "missing-field"],
)
def test_schema_problems_are_placed_and_explained(
    tmp_path: Path, question: dict, rubric: dict, expected: str
) -> None:
    write_yaml(tmp_path / "question.yaml", question)
    write_yaml(tmp_path / "rubric.yaml", rubric)
    bank = load_paths([tmp_path])
    problems = [str(p).removeprefix(f"{tmp_path}/") for p in bank.problems]
    assert expected in problems
    assert len(bank.skipped) == 1


def test_a_duplicate_rubric_id_keeps_the_first(tmp_path: Path) -> None:
    first = write_yaml(tmp_path / "a.yaml", rubric_data("dup.r"))
    second = write_yaml(tmp_path / "b.yaml", rubric_data("dup.r", title={"zh": "二", "en": "two"}))
    bank = load_paths([tmp_path])
    assert [str(p) for p in bank.problems] == [
        f"{second}:1:1: duplicate rubric id 'dup.r' (first defined at {first}:1)"
    ]
    assert bank.rubrics["dup.r"].title.en == "Test rubric"


def test_a_question_without_its_rubric_is_left_out(tmp_path: Path) -> None:
    write_yaml(tmp_path / "q.yaml", question_data(shared_rubrics=["shared.none"]))
    write_yaml(tmp_path / "r.yaml", rubric_data())
    bank = load_paths([tmp_path])
    assert "t.q" not in bank.questions
    assert [str(p) for p in bank.problems] == [
        f"{tmp_path / 'q.yaml'}:25:3: t.q: unknown rubric 'shared.none'"
    ]
