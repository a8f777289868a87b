"""Properties of the bank loader on hostile input (Hypothesis): it never raises, every problem
points at a file, line and column inside that file, and a cached load reports exactly what a
fresh parse does (the plain `ReadEveryFile` source is the reference the cache is checked
against)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockroom.core.bank import Bank, load_paths
from mockroom.core.bank.source import ReadEveryFile

GOOD = Path(__file__).resolve().parent.parent / "data" / "good"
GOOD_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(GOOD.glob("*.yaml"))]
PROBLEM_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): \S")

# YAML-shaped trees: scalars, lists and mappings, as a bank author might get wrong.
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
KEYS = st.one_of(
    st.sampled_from(["id", "track", "prompt", "criteria", "questions", "zh", "en", "phrases",
                     "timing", "rubric", "outline", "weight", "label", "tip", "examples"]),
    st.text(min_size=1, max_size=10),
)
TREES = st.recursive(
    SCALARS,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(KEYS, kids, max_size=5)),
    max_leaves=25,
)

# Text edits of valid files: the typos, cuts and pastes that really happen.
EDITS = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1),
        st.integers(min_value=0, max_value=40),
        st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"\t\n ,%@`中文\x00\ufeff")) | st.characters(),
                max_size=6),
    ),
    min_size=1,
    max_size=4,
)

# Every example shares one data folder (and so one bank cache) by design: later examples
# replay what earlier ones cached.
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load(files: dict[str, bytes]) -> tuple[Bank, dict[str, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        lines: dict[str, int] = {}
        for name, raw in files.items():
            path = Path(tmp) / name
            path.write_bytes(raw)
            lines[str(path)] = raw.count(b"\n") + 1
        reference = load_paths([tmp], source=ReadEveryFile())
        bank = load_paths([tmp])
        again = load_paths([tmp])  # second time from the cache: must report the same
        for loaded in (bank, again):
            assert loaded.problems == reference.problems
            assert loaded.skipped == reference.skipped
            assert loaded.origins == reference.origins
            assert loaded.questions == reference.questions
            assert loaded.rubrics == reference.rubrics
        return bank, lines


def _check_problems(bank: Bank, lines: dict[str, int]) -> None:
    for p in bank.problems:
        assert p.path in lines, p
        assert 1 <= p.line <= lines[p.path], p
        assert p.column >= 1, p
        assert p.message.strip(), p
        m = PROBLEM_RE.match(str(p))
        assert m and m["path"] == p.path and int(m["line"]) == p.line, str(p)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    bank, lines = _load({"f.yaml": raw})
    _check_problems(bank, lines)
    assert bank.problems or bank.rubrics  # a file is either loaded or explained


@SETTINGS
@given(TREES)
def test_arbitrary_yaml_trees_never_raise(tree: object) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    bank, lines = _load({"tree.yaml": text.encode()})
    _check_problems(bank, lines)


@SETTINGS
@given(st.sampled_from(range(len(GOOD_TEXTS))), EDITS)
def test_edited_valid_files_never_raise(which: int, edits: list[tuple[float, int, str]]) -> None:
    text = GOOD_TEXTS[which]
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut:]
    others = {f"other{i}.yaml": t.encode() for i, t in enumerate(GOOD_TEXTS) if i != which}
    bank, lines = _load({"edited.yaml": text.encode("utf-8", "surrogatepass"), **others})
    _check_problems(bank, lines)


def test_the_valid_files_load_without_problems() -> None:
    """The base the edits start from is valid, so the properties above test real damage."""
    bank, _ = _load({f"good{i}.yaml": t.encode() for i, t in enumerate(GOOD_TEXTS)})
    assert bank.problems == [] and bank.questions and bank.rubrics
