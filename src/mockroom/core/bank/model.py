"""The question bank as loaded: questions and rubrics by id, where each was defined, and
the problems found (each `file:line:column: message`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from mockroom.core.bank.lazy import BuiltOnUse
from mockroom.core.bank.listing import tracks_of
from mockroom.core.bank.parse import Refs, refs_of
from mockroom.core.bank.source import read_bank_file
from mockroom.core.models import Question, Rubric
from mockroom.core.yamlsafe import Problem, YamlError, decode, load, locate


class Origin(NamedTuple):
    """Where a question or rubric was defined, for error messages."""

    path: str
    line: int
    column: int
    loc: tuple[Any, ...] = ()
    """Path of the object inside its file's YAML tree (for `Bank.locate`)."""


@dataclass
class Bank:
    questions: MutableMapping[str, Question] = field(default_factory=BuiltOnUse)
    rubrics: MutableMapping[str, Rubric] = field(default_factory=BuiltOnUse)
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
        return tracks_of(self.questions)

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
        return load(decode(read_bank_file(path))).root
    except (OSError, YamlError):
        return None


def criterion_keys(bank: Bank, question: Question) -> set[str]:
    """Keys a follow-up may refer to: own points by id, shared ones as `rubric:point`."""
    refs = {f"r:{r.id}": refs_of(r) for r in bank.rubrics_for(question)}
    return point_keys(question.rubric, question.rubric_ids, refs)


def point_keys(own: str, rubric_ids: Iterable[str], refs: Mapping[str, Refs]) -> set[str]:
    keys: set[str] = set()
    for r in rubric_ids:
        found = refs.get(f"r:{r}")
        if found is not None:  # an unknown rubric is the cross-check's to report
            keys |= {p if r == own else f"{r}:{p}" for p in found[0]}
    return keys
