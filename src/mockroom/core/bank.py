"""Loading the question bank: YAML files -> validated Questions and Rubrics.

A file that fails to load never stops the rest: its problems are collected
(`Bank.problems`, each `file:line:column: message`) and the file is skipped.
Files are classified by content, not folder: a mapping with `criteria` is a
rubric; one with `prompt` or `questions` holds questions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mockroom.core import bank_cache, paths
from mockroom.core.models import Question, QuestionFile, Rubric
from mockroom.core.yamlsafe import Problem, YamlError, decode, load, locate

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Origin:
    """Where a question or rubric was defined, for error messages."""

    path: str
    line: int
    column: int
    loc: tuple[Any, ...] = ()
    """Path of the object inside its file's YAML tree (for `Bank.locate`)."""


@dataclass
class Bank:
    questions: dict[str, Question] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    """`q:<id>` / `r:<id>` -> where it was defined."""
    skipped: list[str] = field(default_factory=list)
    """Files that could not be loaded at all."""
    nodes: dict[str, Any] | None = None
    """YAML node trees by file, kept only when asked (lint), to place problems precisely."""

    def locate(self, key: str, loc: tuple[Any, ...]) -> tuple[str, int, int]:
        """File, line and column of `loc` inside the object `q:<id>` / `r:<id>`."""
        origin = self.origins[key]
        root = (self.nodes or {}).get(origin.path) or _reparse(origin.path)
        if root is None:
            return origin.path, origin.line, origin.column
        return (origin.path, *locate(root, (*origin.loc, *loc)))

    def tracks(self) -> list[str]:
        return sorted({q.track for q in self.questions.values()})

    def in_track(self, track: str | None) -> list[Question]:
        qs = [q for q in self.questions.values() if track in (None, q.track)]
        return sorted(qs, key=lambda q: (q.difficulty, q.id))

    def rubrics_for(self, question: Question) -> list[Rubric]:
        return [self.rubrics[r] for r in question.rubric_ids if r in self.rubrics]

    def version_of(self, question_id: str) -> str:
        """Short hash of the question and its rubrics: stored with each attempt."""
        q = self.questions[question_id]
        parts = [q.model_dump(mode="json"), *(r.model_dump(mode="json") for r in self.rubrics_for(q))]
        blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def question_origin(self, question_id: str) -> Origin | None:
        return self.origins.get(f"q:{question_id}")


def _reparse(path: str) -> Any:
    """The YAML node tree of a file that loaded, to place a problem found later (rare)."""
    try:
        return load(decode(Path(path).read_bytes())).root
    except (OSError, YamlError):
        return None


def load_bank(extra_dirs: Iterable[str | Path] | None = None, builtin: bool = True) -> Bank:
    """The built-in bank plus MOCKROOM_BANK and `extra_dirs`, cross-checked."""
    return load_paths(paths.bank_dirs(list(extra_dirs or []), builtin=builtin))


def load_paths(targets: Iterable[str | Path], keep_nodes: bool = False) -> Bank:
    """Load every YAML file under the given files and folders into one Bank."""
    bank = Bank(nodes={} if keep_nodes else None)
    # Each file as _load_file(bank, path) would, reusing parses of unchanged files (bank_cache).
    bank_cache.load_files(bank, _yaml_files(targets, bank), _load_file)
    _cross_check(bank)
    bank.problems.sort()
    return bank


def _yaml_files(targets: Iterable[str | Path], bank: Bank) -> list[Path]:
    files: list[Path] = []
    for t in targets:
        p = Path(t)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in YAML_SUFFIXES and f.is_file())
        elif p.is_file():
            files.append(p)
        else:
            bank.problems.append(Problem(str(p), 1, 1, "no such file or folder"))
    return paths.unique_paths(files)


def _load_file(bank: Bank, path: Path) -> None:
    name = str(path)
    try:
        raw = path.read_bytes()
        doc = load(decode(raw))
    except OSError as e:
        _skip(bank, Problem(name, 1, 1, f"cannot read: {e.strerror or e}"))
        return
    except YamlError as e:
        _skip(bank, Problem(name, e.line, e.column, e.message))
        return
    data = doc.data
    if bank.nodes is not None:
        bank.nodes[name] = doc.root
    if not isinstance(data, dict):
        _skip(bank, Problem(name, 1, 1, "expected a mapping (a question, `questions:` or a rubric)"))
        return
    if "criteria" in data:
        model: Any = Rubric
    elif "questions" in data:
        model = QuestionFile
    elif "prompt" in data:
        model = Question
    else:
        _skip(bank, Problem(name, 1, 1, "not a question (no `prompt`) or rubric (no `criteria`)"))
        return
    try:
        obj = model.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            line, col = locate(doc.root, tuple(err["loc"]))
            bank.problems.append(Problem(name, line, col, _message(err)))
        bank.skipped.append(name)
        return
    if isinstance(obj, Rubric):
        _add(bank, "r", obj.id, obj, bank.rubrics, Origin(name, *locate(doc.root, ()), ()))
    else:
        questions = obj.questions if isinstance(obj, QuestionFile) else [obj]
        for i, q in enumerate(questions):
            loc: tuple[Any, ...] = ("questions", i) if isinstance(obj, QuestionFile) else ()
            _add(bank, "q", q.id, q, bank.questions, Origin(name, *locate(doc.root, loc), loc))


def _skip(bank: Bank, problem: Problem) -> None:
    bank.problems.append(problem)
    bank.skipped.append(problem.path)


def _add(bank: Bank, kind: str, ident: str, obj: Any, into: dict[str, Any], origin: Origin) -> None:
    key = f"{kind}:{ident}"
    if ident in into:
        first = bank.origins[key]
        what = "question" if kind == "q" else "rubric"
        bank.problems.append(
            Problem(
                origin.path,
                origin.line,
                origin.column,
                f"duplicate {what} id {ident!r} (first defined at {first.path}:{first.line})",
            )
        )
        return
    into[ident] = obj
    bank.origins[key] = origin


def _message(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "missing":
        return f"missing required field {loc!r}"
    if kind == "extra_forbidden":
        return f"unknown field {loc!r}"
    msg = err["msg"].removeprefix("Value error, ")
    if kind.startswith("value_error") or not loc:
        return f"{loc}: {msg}" if loc and not msg.startswith(loc.split(".")[-1]) else msg
    shown = repr(err.get("input"))
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return f"{loc}: {msg} (got {shown})"


def criterion_keys(bank: Bank, question: Question) -> set[str]:
    """Keys a follow-up may refer to: own points by id, shared ones as `rubric:point`."""
    keys: set[str] = set()
    for r in bank.rubrics_for(question):
        own = r.id == question.rubric
        keys |= {c.id if own else f"{r.id}:{c.id}" for c in r.criteria}
    return keys


def _cross_check(bank: Bank) -> None:
    """References between files: rubrics exist, follow-ups name real points."""
    for q in list(bank.questions.values()):
        key = f"q:{q.id}"
        missing = False
        for i, r in enumerate(q.rubric_ids):
            if r not in bank.rubrics:
                loc = ("rubric",) if i == 0 else ("shared_rubrics", i - 1)
                bank.problems.append(Problem(*bank.locate(key, loc), f"{q.id}: unknown rubric {r!r}"))
                missing = True
        if missing:
            # A question without its rubric cannot be scored: keep it out of the bank.
            del bank.questions[q.id]
            continue
        keys = criterion_keys(bank, q)
        for i, f in enumerate(q.follow_ups):
            if f.criterion not in keys:
                bank.problems.append(
                    Problem(
                        *bank.locate(key, ("follow_ups", i, "criterion")),
                        f"{q.id}: follow-up refers to unknown rubric point {f.criterion!r} "
                        f"(known: {', '.join(sorted(keys))})",
                    )
                )
