"""The corpus of malformed bank files in tests/data/bad: each gives one exact `line:column: message`.

Every bad file is checked in the context of tests/data/good (a valid question and rubric that
some bad files refer to), the way `mockroom lint --bank tests/data/good FILE` checks it.
"""

from __future__ import annotations

import os
import shutil
import tracemalloc
from pathlib import Path

import pytest
import yaml

from mockroom.core.bank import load_paths
from mockroom.core.lint import lint
from mockroom.core.yamlsafe import MAX_BYTES, MAX_DEPTH

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"

# file -> "line:column: message", found when loading (so lint reports it too).
LOAD_PROBLEMS = {
    "bad-yaml-syntax.yaml": "4:9: invalid YAML: did not find expected ',' or '}'",
    "gbk-encoded.yaml": "4:7: not UTF-8 (byte 0xd5); save the file as UTF-8 "
    "(it may be GBK or another legacy encoding)",
    "tab-indentation.yaml": "4:1: invalid YAML: found character that cannot start any token "
    "(YAML does not allow tabs for indentation; use spaces)",
    "alias-bomb.yaml": "3:8: anchors and aliases (*name) are not allowed",
    "python-tag.yaml": "5:9: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
    "(tags are never executed)",
    "empty.yaml": "1:1: empty file",
    "binary.yaml": "3:1: binary file (contains NUL bytes); expected UTF-8 YAML",
    "deep-nesting.yaml": f"3:48: nesting deeper than {MAX_DEPTH}",
    "duplicate-keys.yaml": "9:1: duplicate key 'difficulty'",
    "unknown-field.yaml": "15:13: unknown field 'time_limit'",
    "wrong-type.yaml": "4:13: difficulty: Input should be a valid integer, unable to parse string "
    "as an integer (got 'hard')",
    "duplicate-question-id.yaml": "2:1: duplicate question id 'good.apology' "
    f"(first defined at {GOOD / 'question.yaml'}:2)",
    "missing-rubric.yaml": "11:9: bad.missing-rubric: unknown rubric 'bad.no-such-rubric'",
    "follow-up-unknown-point.yaml": "16:16: bad.follow-up: follow-up refers to unknown rubric "
    "point 'apologize' (known: apologise, restore, review)",
    "empty-alias-list.yaml": "10:7: phrases: the alias list is empty "
    "(give at least one zh or en phrase)",
    "comma-split-label.yaml": "6:28: criteria.0.label.en: a comma inside {…} ends the value, so "
    'the rest read as unknown fields; quote this value: en: "Follow up, feed back"',
}
# file -> problem only `mockroom lint` finds (the file itself loads).
LINT_PROBLEMS = {
    "example-outside-band.yaml": "20:11: bad.example-band: example 'off-topic-labelled-strong' "
    "scores 0.0, outside its band [80, 100]",
    "example-far-from-grade.yaml": "20:12: bad.example-grade: example 'off-topic-graded-strong' "
    "scores 0.0, -90.0 from its grade 90 (allowed ±15)",
    "red-flag-in-criterion.yaml": "10:7: bad.red-flag-overlap: phrase '这不是客户的责任' of point "
    "'ownership' contains red flag 'blames-customer'",
    "empty-zh-phrases.yaml": "9:11: bad.empty-zh-phrases: point 'follow-up' has no Chinese "
    "phrases: an answer in Chinese could show it only in English words; add some",
    "ascii-punctuation.yaml": "7:12: bad.ascii-punctuation: prompt.zh has ASCII ',' beside Chinese "
    "(…客户很生气,你会怎么做？…); write '，'",
}
# Where lint says more than loading: a rubric found nowhere, when paths are linted.
LINT_SAYS = {
    **LOAD_PROBLEMS,
    "missing-rubric.yaml": LOAD_PROBLEMS["missing-rubric.yaml"]
    + ": lint the file or folder that holds it too, or add --bank DIR",
}
SKIPPED = set(LOAD_PROBLEMS) - {
    "duplicate-question-id.yaml", "missing-rubric.yaml", "follow-up-unknown-point.yaml"
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted({*LOAD_PROBLEMS, *LINT_PROBLEMS})


def test_the_good_context_is_clean() -> None:
    _, problems = lint([GOOD])
    assert problems == []


@pytest.mark.parametrize(("name", "expected"), sorted(LOAD_PROBLEMS.items()))
def test_loading_reports_the_exact_problem(name: str, expected: str) -> None:
    path = BAD / name
    bank = load_paths([GOOD, path])
    assert [str(p) for p in bank.problems] == [f"{path}:{expected}"]
    assert (str(path) in bank.skipped) == (name in SKIPPED)
    assert "good.apology" in bank.questions  # the rest still loads


@pytest.fixture(scope="module")
def linted() -> list[str]:
    """`mockroom lint --bank tests/data/good tests/data/bad`, once (lint scores every example)."""
    _, problems = lint([BAD], [GOOD])
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("name", "expected"), sorted({**LINT_SAYS, **LINT_PROBLEMS}.items())
)
def test_lint_reports_the_exact_problem(linted: list[str], name: str, expected: str) -> None:
    path = BAD / name
    assert [p for p in linted if p.startswith(f"{path}:")] == [f"{path}:{expected}"]


def test_lint_of_one_file_reports_only_that_file() -> None:
    path = BAD / "example-outside-band.yaml"
    _, problems = lint([path], [GOOD])
    assert [str(p) for p in problems] == [f"{path}:{LINT_PROBLEMS[path.name]}"]


@pytest.mark.parametrize("name", sorted(LINT_PROBLEMS))
def test_lint_only_problems_do_not_stop_loading(name: str) -> None:
    bank = load_paths([GOOD, BAD / name])
    assert bank.problems == [] and bank.skipped == []


def test_the_alias_bomb_is_refused_before_anything_is_expanded() -> None:
    text = (BAD / "alias-bomb.yaml").read_text()
    # It is a real bomb: 8 levels x 9 aliases would expand to 9**9 strings.
    aliases = sum(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text))
    assert aliases == 8 * 9
    bank = load_paths([BAD / "alias-bomb.yaml"])
    assert bank.questions == {} and bank.rubrics == {}


def test_a_python_tag_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = BAD / "python-tag.yaml"
    events = list(yaml.parse(source.read_text()))
    assert any(getattr(e, "tag", "") == "tag:yaml.org,2002:python/object/apply:os.system"
               for e in events)
    load_paths([source])
    lint([source], [GOOD])
    assert not (tmp_path / "pwned-by-yaml").exists()


def test_a_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = "# " + "填充" * 40 + "\n"
    with path.open("w", encoding="utf-8") as f:
        f.write("id: bad.huge\n")
        while f.tell() <= MAX_BYTES:
            f.write(line)
    size = path.stat().st_size
    bank = load_paths([path])
    assert [str(p) for p in bank.problems] == [
        f"{path}:1:1: file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})"
    ]
    assert bank.skipped == [str(path)]


def test_a_bad_file_does_not_stop_the_rest_of_a_folder(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "good")
    for name in ("python-tag.yaml", "gbk-encoded.yaml", "wrong-type.yaml", "empty.yaml"):
        shutil.copy(BAD / name, tmp_path / name)
    bank = load_paths([tmp_path])
    assert list(bank.questions) == ["good.apology"]
    assert list(bank.rubrics) == ["good.apology"]
    assert sorted(Path(p).name for p in bank.skipped) == [
        "empty.yaml", "gbk-encoded.yaml", "python-tag.yaml", "wrong-type.yaml"
    ]
    assert sorted(Path(p.path).name for p in bank.problems) == sorted(
        Path(p).name for p in bank.skipped
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Columns count characters, not bytes: 中文 is 6 bytes of UTF-8 but 2 columns.
        ("id: bad.mixed\nprompt:\n  zh: 中文".encode() + "乱码".encode("gbk") + b"\n",
         "3:9: not UTF-8 (byte 0xc2); save the file as UTF-8 (it may be GBK or another legacy "
         "encoding)"),
        ("id: 中文\x00\n".encode(), "1:7: binary file (contains NUL bytes); expected UTF-8 YAML"),
        ("\ufeffid: 中文\x00\n".encode(), "1:7: binary file (contains NUL bytes); expected UTF-8 YAML"),
        (b"a: 1\nb:\n  - x\n\t- y\n", "4:1: invalid YAML: found a tab character that "
         "violates indentation (YAML does not allow tabs for indentation; use spaces)"),
        (b"   \n\n", "1:1: empty file"),
        (b"# only a comment\n", "1:1: empty document"),
        (b"- a\n- b\n", "1:1: expected a mapping (a question, `questions:` or a rubric)"),
        (b"id: x.y\n---\nid: x.z\n", "2:1: invalid YAML: expected a single document in the stream, "
         "but found another document"),
        (b"id: x.y\nname: nothing\n", "1:1: not a question (no `prompt`) or rubric (no `criteria`)"),
        (b"a: !!binary aGVsbG8=\n",
         "1:4: tag 'tag:yaml.org,2002:binary' is not allowed (tags are never executed)"),
        (b"a: !!python/name:os.system\n",
         "1:4: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed (tags are never "
         "executed)"),
        (b"a: &x 1\n", "1:1: not a question (no `prompt`) or rubric (no `criteria`)"),
    ],
    ids=["mixed-encoding", "nul-after-chinese", "nul-after-bom", "tab-in-list", "blank",
         "comment-only", "top-level-list", "two-documents", "neither", "binary-tag", "python-name",
         "anchor-without-alias"],
)
def test_more_bad_inputs_give_a_positioned_message(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    bank = load_paths([path])
    assert [str(p) for p in bank.problems] == [f"{path}:{expected}"]


def test_deep_nesting_just_inside_the_limit_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    depth = MAX_DEPTH - 1  # plus the root mapping
    path.write_text("tags: " + "[" * depth + "]" * depth + "\n")
    bank = load_paths([path])
    assert [p.message for p in bank.problems] == [
        "not a question (no `prompt`) or rubric (no `criteria`)"
    ]


def test_a_huge_sparse_file_is_refused_after_reading_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB of nothing: reading it whole took 3.2 GB of memory
    tracemalloc.start()
    try:
        banks = [load_paths([path]), load_paths([tmp_path])]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    for bank in banks:
        assert [str(p) for p in bank.problems] == [
            f"{path}:1:1: file is too large ({3 * 1024**3:,} bytes; the limit is {MAX_BYTES:,})"
        ]
    assert peak < 20 * MAX_BYTES


def test_a_fifo_named_as_a_bank_file_is_refused_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "questions.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    bank = load_paths([fifo])
    assert [str(p) for p in bank.problems] == [f"{fifo}:1:1: not a regular file (a FIFO)"]
    assert bank.skipped == [str(fifo)]
    assert load_paths([tmp_path]).problems == []  # inside a folder it is not a bank file at all
