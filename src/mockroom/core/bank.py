"""Loading the question bank: YAML files -> validated Questions and Rubrics.

A file that fails to load never stops the rest: its problems are collected
(`Bank.problems`, each `file:line:column: message`) and the file is skipped.
Files are classified by content, not folder: a mapping with `criteria` is a
rubric; one with `prompt` or `questions` holds questions.

`Bank.questions` and `Bank.rubrics` are mappings that build each object on first
access: a bank loaded through the cache holds them pickled (see bank_cache), and the
cross-check reads only what each one refers to (`refs_of`), so loading builds nothing.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mockroom.config import paths
from mockroom.core import bank_cache
from mockroom.core.lazy_map import LazyMap
from mockroom.core.models import Question, QuestionFile, Rubric
from mockroom.core.yamlsafe import Problem, YamlError, decode, load, locate

YAML_SUFFIXES = (".yaml", ".yml")

Refs = tuple[tuple[str, ...], ...]
"""A question's (rubric ids, follow-up points), or a rubric's (criterion ids,)."""


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
    questions: LazyMap[Question] = field(default_factory=lambda: LazyMap(prefix="q:"))
    rubrics: LazyMap[Rubric] = field(default_factory=lambda: LazyMap(prefix="r:"))
    problems: list[Problem] = field(default_factory=list)
    origins: MutableMapping[str, Origin] = field(default_factory=dict)
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
        # A question's id starts with its track (the model checks it): no need to build any.
        return sorted({i.split(".", 1)[0] for i in self.questions})

    def in_track(self, track: str | None) -> list[Question]:
        qs = [self.questions[i] for i in self.questions if track in (None, i.split(".", 1)[0])]
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
    files, roots = _yaml_files(targets, bank)
    names = [name for name, _ in files]
    # Each file as _load_file would, reusing parses of unchanged files, and the cross-check
    # as _cross_check would (bank_cache); lint runs, which keep node trees, parse everything.
    if keep_nodes or not bank_cache.load_files(bank, names, roots):
        for name in names:
            _load_file(bank, name)
        refs = {f"q:{i}": refs_of(q) for i, q in bank.questions.items()}
        refs |= {f"r:{i}": refs_of(r) for i, r in bank.rubrics.items()}
        apply_cross_check(bank, _cross_check(bank, refs))
    bank.problems.sort()
    return bank


def _yaml_files(targets: Iterable[str | Path], bank: Bank) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, real path) of each file in load order, each file once; and the targets' real paths.

    The order is `sorted(folder.rglob("*"))` per folder target, as it always was; linked
    folders inside a target are not followed (as rglob), linked files are.
    """
    files: list[tuple[str, str]] = []
    roots: list[str] = []
    for t in targets:
        p = Path(t)
        if p.is_dir():
            real = str(p.resolve())
            found: list[tuple[str, str]] = []
            _walk("" if str(p) == "." else str(p), real, found)
        elif p.is_file():
            real = str(p.resolve())
            found = [(str(p), real)]
        else:
            bank.problems.append(Problem(str(p), 1, 1, "no such file or folder"))
            continue
        roots.append(real)
        files += found
    seen: set[str] = set()
    unique = []
    for name, real in files:
        if real not in seen:
            seen.add(real)
            unique.append((name, real))
    return unique, roots


_by_name: Callable[[os.DirEntry[str]], str] = (
    operator.attrgetter("name") if os.name != "nt" else lambda e: os.path.normcase(e.name)
)


def _walk(folder: str, real: str, out: list[tuple[str, str]]) -> None:
    """YAML files under `folder` (whose real path is `real`), depth first in name order."""
    try:
        with os.scandir(folder or ".") as it:
            entries = sorted(it, key=_by_name)
    except OSError:
        return  # an unreadable folder is passed over, as rglob does
    prefix = _with_sep(folder) if folder else ""
    real = _with_sep(real)
    for e in entries:
        name = e.name
        try:
            if e.is_dir():
                if not e.is_symlink():
                    _walk(prefix + name, real + name, out)
            # `Path(name).suffix in YAML_SUFFIXES` (".yaml" alone has no suffix)
            elif name.endswith(YAML_SUFFIXES) and name.rfind(".") > 0 and e.is_file():
                shown = prefix + name
                out.append((shown, os.path.realpath(shown) if e.is_symlink() else real + name))
        except OSError:
            continue


def _with_sep(folder: str) -> str:
    return folder if folder.endswith(os.sep) else folder + os.sep


def _load_file(bank: Bank, name: str) -> None:
    try:
        raw = Path(name).read_bytes()
    except OSError as e:
        unreadable(bank, name, e)
        return
    add_file(bank, name, raw)


def unreadable(bank: Bank, name: str, error: OSError) -> None:
    _skip(bank, Problem(name, 1, 1, f"cannot read: {error.strerror or error}"))


def add_file(bank: Bank, name: str, raw: bytes) -> None:
    """Add what the bytes of file `name` define to `bank`, or its problems."""
    try:
        doc = load(decode(raw))
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
        add(bank, f"r:{obj.id}", obj, Origin(name, *locate(doc.root, ()), ()))
    else:
        questions = obj.questions if isinstance(obj, QuestionFile) else [obj]
        for i, q in enumerate(questions):
            loc: tuple[Any, ...] = ("questions", i) if isinstance(obj, QuestionFile) else ()
            add(bank, f"q:{q.id}", q, Origin(name, *locate(doc.root, loc), loc))


def refs_of(obj: Question | Rubric) -> Refs:
    """What the cross-check needs of an object, so it can run without building any."""
    if isinstance(obj, Rubric):
        return (tuple(c.id for c in obj.criteria),)
    return tuple(obj.rubric_ids), tuple(f.criterion for f in obj.follow_ups)


def _skip(bank: Bank, problem: Problem) -> None:
    bank.problems.append(problem)
    bank.skipped.append(problem.path)


def add(bank: Bank, key: str, obj: Any, origin: Origin) -> bool:
    """Add a question (`key` `q:<id>`) or rubric (`r:<id>`) unless its id is taken (a problem).

    `obj` is the object, or the number of its file in the maps' `PickledFiles`, to be
    unpickled on first access.
    """
    ident = key[2:]
    question = key[0] == "q"
    into: LazyMap[Any] = bank.questions if question else bank.rubrics
    if ident in into:
        first = bank.origins[key]
        what = "question" if question else "rubric"
        bank.problems.append(
            Problem(
                origin.path,
                origin.line,
                origin.column,
                f"duplicate {what} id {ident!r} (first defined at {first.path}:{first.line})",
            )
        )
        return False
    if type(obj) is int:
        into.put_later(ident, obj)
    else:
        into[ident] = obj
    bank.origins[key] = origin
    return True


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
    refs = {f"r:{r.id}": refs_of(r) for r in bank.rubrics_for(question)}
    return _point_keys(question.rubric, question.rubric_ids, refs)


def _point_keys(own: str, rubric_ids: Iterable[str], refs: Mapping[str, Refs]) -> set[str]:
    keys: set[str] = set()
    for r in rubric_ids:
        found = refs.get(f"r:{r}")
        if found is not None:  # an unknown rubric is the cross-check's to report
            keys |= {p if r == own else f"{r}:{p}" for p in found[0]}
    return keys


CrossCheck = tuple[list[Problem], list[str]]
"""Problems found between files, and the ids of questions left out for them."""


def _cross_check(bank: Bank, refs: Mapping[str, Refs]) -> CrossCheck:
    """References between files: rubrics exist, follow-ups name real points.

    Reads `refs` (`refs_of` each question and rubric in the bank, by `q:<id>` / `r:<id>`)
    and, to place a problem, the file: no object is built.
    """
    problems: list[Problem] = []
    left_out: list[str] = []
    for qid in bank.questions:
        key = f"q:{qid}"
        rubric_ids, points = refs[key]
        missing = False
        for i, r in enumerate(rubric_ids):
            if r not in bank.rubrics:
                loc = ("rubric",) if i == 0 else ("shared_rubrics", i - 1)
                problems.append(Problem(*bank.locate(key, loc), f"{qid}: unknown rubric {r!r}"))
                missing = True
        if missing:
            # A question without its rubric cannot be scored: keep it out of the bank.
            left_out.append(qid)
            continue
        keys = _point_keys(rubric_ids[0], rubric_ids, refs)
        for i, point in enumerate(points):
            if point not in keys:
                problems.append(
                    Problem(
                        *bank.locate(key, ("follow_ups", i, "criterion")),
                        f"{qid}: follow-up refers to unknown rubric point {point!r} "
                        f"(known: {', '.join(sorted(keys))})",
                    )
                )
    return problems, left_out


def apply_cross_check(bank: Bank, checked: CrossCheck) -> None:
    problems, left_out = checked
    bank.problems += problems
    for qid in left_out:
        del bank.questions[qid]
