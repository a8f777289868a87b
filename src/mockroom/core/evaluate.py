"""How far the scorer agrees with graded answers: the figures behind `mockroom eval`.

A graded-answers file holds answers a careful interviewer graded 0-100, by question:

    questions:
      support.outage-strategic-customer:
        - {id: d1, grade: 90, lang: zh, kind: zh-strong, why: ..., text: ...}

Every answer is scored; per question and overall we report Spearman's rank
correlation between score and grade (does the scorer order answers as the
interviewer does?), the mean absolute error, the share of answers within
`WITHIN` points, and the bias, the mean of score - grade (negative: the scorer is
harsher than the grader). The overall Spearman is the mean of the per-question ones, the figure
the rubric targets are set on (pooling all questions would reward getting the
questions' difficulty right rather than ranking answers within a question).
A question whose grades or scores are all equal has no Spearman: it is left
out of the mean and named, never given an invented number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mockroom.core.bank import Bank
from mockroom.core.bank.source import read_bank_file
from mockroom.core.calibrate import ALL, Agreement, GradedPair, agreement
from mockroom.core.models import Example
from mockroom.core.result import ScoreResult
from mockroom.core.scorer import Scorer
from mockroom.core.yamlsafe import Problem, YamlError, decode, load, locate
from mockroom.files.bounded import NotRegularFile, TooLarge

WITHIN = 15.0
"""An answer scored within this many points of its grade counts as agreeing."""
BANK_EXAMPLES = "bank examples"
"""The `source` of a bank example whose file is unknown."""


@dataclass(frozen=True)
class GradedAnswer:
    """One answer with the grade an interviewer gave it."""

    question_id: str
    id: str
    """Unique within its question (an example's label for bank examples)."""
    grade: float
    text: str
    source: str
    """The graded file it came from, or BANK_EXAMPLES."""
    line: int = 0
    """Line of the entry in its file (0: not from a file)."""
    lang: str = ""
    kind: str = ""
    why: str = ""
    """The grader's one line on what drove the grade."""
    from_band: bool = False
    """A bank example with a score band and no grade: graded at the band's midpoint."""


class GradedFileError(Exception):
    """A graded file that cannot be used; `problem` names the file, line and entry."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Scored:
    answer: GradedAnswer
    result: ScoreResult

    @property
    def error(self) -> float:
        """score - grade: negative when the scorer is harsher than the grader."""
        return self.result.score - self.answer.grade


@dataclass(frozen=True)
class Row:
    """Agreement of one question (or of all: question_id ALL)."""

    question_id: str
    answers: int
    spearman: float | None
    """Per question: None when undefined. Overall: the mean of the defined per-question values."""
    mae: float
    within: float
    """Share (0..1) of answers scored within WITHIN points of their grade."""
    bias: float
    """Mean score - grade: negative when the scorer is harsher than the grader."""


@dataclass(frozen=True)
class KindRow:
    """How one kind of answer (zh-terse, trap…) fares across questions: systematic harshness
    shows here (terse answers scored far below their grades) where per-question ranks hide it."""

    kind: str
    answers: int
    mean_grade: float
    mean_score: float
    mae: float


@dataclass(frozen=True)
class Evaluation:
    scored: tuple[Scored, ...]
    questions: tuple[Row, ...]
    """One row per question, sorted by id."""
    overall: Row
    pooled_spearman: float | None
    """Spearman over all answers together, questions mixed (for reference only)."""

    @property
    def undefined(self) -> list[str]:
        """Questions whose Spearman is undefined (all grades or all scores equal, or one answer)."""
        return [r.question_id for r in self.questions if r.spearman is None]

    @property
    def lowest(self) -> Row | None:
        """The question with the lowest defined Spearman."""
        defined = [r for r in self.questions if r.spearman is not None]
        return min(defined, key=lambda r: (r.spearman, r.question_id)) if defined else None

    def kinds(self) -> list[KindRow]:
        """One row per answer kind given in the files (none for the banks' examples), by name."""
        by_kind: dict[str, list[Scored]] = {}
        for s in self.scored:
            if s.answer.kind:
                by_kind.setdefault(s.answer.kind, []).append(s)
        return [
            KindRow(
                kind,
                len(ss),
                sum(s.answer.grade for s in ss) / len(ss),
                sum(s.result.score for s in ss) / len(ss),
                sum(abs(s.error) for s in ss) / len(ss),
            )
            for kind, ss in sorted(by_kind.items())
        ]

    def worst(self, n: int) -> list[Scored]:
        """The n answers furthest from their grade, furthest first."""
        key = lambda s: (-abs(s.error), s.answer.question_id, s.answer.id)  # noqa: E731
        return sorted(self.scored, key=key)[:n]


@dataclass(frozen=True)
class Check:
    """A threshold given on the command line, and whether it was met."""

    name: str
    """min-spearman, max-mae or min-question-spearman."""
    limit: float
    value: float | None
    """None when it cannot be measured (no question has a defined Spearman)."""
    question_id: str | None = None
    """For min-question-spearman: the lowest question."""

    @property
    def passed(self) -> bool:
        if self.value is None:
            return False
        return self.value <= self.limit if self.name == "max-mae" else self.value >= self.limit


# -- reading graded answers ---------------------------------------------------------------------


def load_graded(path: str | Path, known: Mapping[str, object] | Iterable[str]) -> list[GradedAnswer]:
    """Every answer of a graded-answers file, or GradedFileError at the first problem.

    `known` holds the question ids of the banks in use; any other id is a problem.
    """
    name = str(path)
    try:  # bounded like a bank file: never more than the size limit, never a FIFO or device
        doc = load(decode(read_bank_file(name)))
    except (TooLarge, NotRegularFile) as e:
        raise GradedFileError(Problem(name, 1, 1, str(e))) from None
    except OSError as e:
        raise GradedFileError(Problem(name, 1, 1, f"cannot read: {e.strerror or e}")) from None
    except YamlError as e:
        raise GradedFileError(Problem(name, e.line, e.column, e.message)) from None
    known_ids = set(known)

    def fail(loc: tuple[Any, ...], message: str) -> GradedFileError:
        return GradedFileError(Problem(name, *locate(doc.root, loc), message))

    questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
    if not isinstance(questions, dict) or not questions:
        raise fail((), "expected `questions:` mapping question ids to lists of graded answers")
    out: list[GradedAnswer] = []
    for qid, entries in questions.items():
        if str(qid) not in known_ids:
            where = _key_mark(doc.root, qid)
            raise GradedFileError(Problem(name, *where, f"unknown question id {qid!r} (not in the banks in use)"))
        if not isinstance(entries, list) or not entries:
            raise fail(("questions", qid), f"{qid}: expected a list of graded answers")
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            at = ("questions", qid, i)
            problem = _entry_problem(str(qid), i, entry, seen)
            if problem is not None:
                field, message = problem
                raise fail((*at, *field), message)
            seen.add(str(entry["id"]))
            out.append(
                GradedAnswer(
                    str(qid), str(entry["id"]), float(entry["grade"]), entry["text"], name,
                    line=locate(doc.root, at)[0],
                    lang=entry.get("lang") or "", kind=entry.get("kind") or "",
                    why=(entry.get("why") or "").strip(),
                )
            )
    return out


def _entry_problem(qid: str, i: int, entry: object, seen: set[str]) -> tuple[tuple[str, ...], str] | None:
    """What is wrong with one graded answer (the field to point at, and a message), if anything."""
    if not isinstance(entry, dict):
        return (), f"{qid} answer #{i + 1}: expected a mapping with id, grade and text"
    ident = entry.get("id")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident).strip():
        return ("id",) if "id" in entry else (), f"{qid} answer #{i + 1}: needs an `id`"
    what = f"{qid} answer {ident}"
    if str(ident) in seen:
        return ("id",), f"{what}: duplicate id"
    grade = entry.get("grade")
    if isinstance(grade, bool) or not isinstance(grade, (int, float)):
        return ("grade",) if "grade" in entry else (), f"{what}: `grade` must be a number 0-100"
    if not 0 <= grade <= 100:
        return ("grade",), f"{what}: grade {grade:g} is outside 0-100"
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        return ("text",) if "text" in entry else (), f"{what}: needs a non-empty `text`"
    for k in ("lang", "kind", "why"):
        if entry.get(k) is not None and not isinstance(entry[k], str):
            return (k,), f"{what}: `{k}` must be text"
    return None


def _key_mark(root: yaml.Node, qid: object) -> tuple[int, int]:
    """Line and column of question id `qid` as a key under `questions:`."""
    for k, v in root.value if isinstance(root, yaml.MappingNode) else ():
        if k.value == "questions" and isinstance(v, yaml.MappingNode):
            for qk, _ in v.value:
                if qk.value == str(qid):
                    return qk.start_mark.line + 1, qk.start_mark.column + 1
    return 1, 1


def bank_examples(bank: Bank, question_ids: Iterable[str] | None = None) -> list[GradedAnswer]:
    """The graded examples of the bank's questions (all, or those named), in id order, each
    placed at its line of the question's file."""
    out = []
    for qid in sorted(bank.questions if question_ids is None else question_ids):
        examples = bank.questions[qid].examples
        if not examples:
            continue
        origin = bank.question_origin(qid)
        root = _root(origin.path) if origin else None
        for i, ex in enumerate(examples):
            grade, from_band = example_grade(ex)
            source, line = BANK_EXAMPLES, 0
            if origin is not None:
                source = origin.path
                line = locate(root, (*origin.loc, "examples", i))[0] if root is not None else origin.line
            out.append(GradedAnswer(qid, ex.label, grade, ex.answer, source, line, from_band=from_band))
    return out


def _root(path: str) -> yaml.Node | None:
    try:
        return load(decode(read_bank_file(path))).root
    except (OSError, YamlError):
        return None


def example_grade(example: Example) -> tuple[float, bool]:
    """An example's grade, and whether it came from the midpoint of an older file's score band."""
    if example.grade is not None:
        return example.grade, False
    assert example.band is not None  # the model requires one of the two
    lo, hi = example.band
    return (lo + hi) / 2, True


# -- measuring ----------------------------------------------------------------------------------


def score_all(bank: Bank, answers: Iterable[GradedAnswer], scorer: Scorer | None = None) -> list[Scored]:
    scorer = scorer or Scorer(bank)
    return [Scored(a, scorer.score(bank.questions[a.question_id], a.text)) for a in answers]


def evaluate(scored: Sequence[Scored]) -> Evaluation:
    pairs = [GradedPair(s.answer.question_id, s.result.score, s.answer.grade) for s in scored]
    rows = agreement(pairs)
    by_question: dict[str, list[Scored]] = {}
    for s in scored:
        by_question.setdefault(s.answer.question_id, []).append(s)
    questions = tuple(_row(r, by_question[r.question_id]) for r in rows if r.question_id != ALL)
    defined = [r.spearman for r in questions if r.spearman is not None]
    pooled = next((r for r in rows if r.question_id == ALL), None)
    overall = Row(
        ALL,
        len(scored),
        sum(defined) / len(defined) if defined else None,
        pooled.mean_abs_difference if pooled else 0.0,
        _within(scored),
        -pooled.mean_difference if pooled else 0.0,
    )
    return Evaluation(tuple(scored), questions, overall, pooled.spearman if pooled else None)


def _row(a: Agreement, scored: list[Scored]) -> Row:
    # calibrate's mean difference is coach - auto, i.e. grade - score
    return Row(a.question_id, a.graded, a.spearman, a.mean_abs_difference, _within(scored), -a.mean_difference)


def _within(scored: Sequence[Scored]) -> float:
    return sum(abs(s.error) <= WITHIN for s in scored) / len(scored) if scored else 0.0


def checks(
    ev: Evaluation,
    min_spearman: float | None = None,
    max_mae: float | None = None,
    min_question_spearman: float | None = None,
) -> list[Check]:
    """The thresholds that were given, each measured."""
    out = []
    if min_spearman is not None:
        out.append(Check("min-spearman", min_spearman, ev.overall.spearman))
    if max_mae is not None:
        out.append(Check("max-mae", max_mae, ev.overall.mae))
    if min_question_spearman is not None:
        low = ev.lowest
        out.append(
            Check(
                "min-question-spearman",
                min_question_spearman,
                None if low is None else low.spearman,
                None if low is None else low.question_id,
            )
        )
    return out


# -- the evidence behind one disagreement -------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    hit: tuple[tuple[str, str], ...]
    """(point key, the answer text that showed it)."""
    missed: tuple[str, ...]
    negated: tuple[tuple[str, str], ...]
    """(point key, the text where it was rejected)."""
    costs: tuple[tuple[str, float], ...]
    """(flag code, with its point or red flag when it has one; points it cost)."""
    factors: tuple[tuple[str, float], ...]
    """The scorer's factors (ScoreResult.details), as given."""


def evidence(result: ScoreResult) -> Evidence:
    hit, missed, negated = [], [], []
    for c in result.criteria:
        if c.hit:
            best = c.best
            hit.append((c.key, best.text if best else ""))
        elif c.negated:
            negated.append((c.key, next((m.text for m in c.matches if m.negated), "")))
        else:
            missed.append(c.key)
    costs = [
        (f"{f.code}:{f.ref}" if f.ref else f.code, f.penalty)
        for f in result.flags
        if f.penalty
    ]
    return Evidence(
        tuple(hit), tuple(missed), tuple(negated), tuple(costs), tuple(result.details.items())
    )
