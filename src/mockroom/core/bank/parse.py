"""One bank file's bytes -> what it defines, or its problems. Pure: no file is read here.

A file is classified by content, not folder: a mapping with `criteria` is a rubric; one
with `prompt` or `questions` holds questions. Problems carry line and column; the loader
adds the file's name.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from mockroom.core.models import Question, QuestionFile, Rubric
from mockroom.core.yamlsafe import YamlError, decode, find, load, locate, split_by_comma

FORMAT = 1
"""Bump when what `parse` returns for the same bytes changes (cached parses are dropped)."""

Refs = tuple[tuple[str, ...], ...]
"""A question's (rubric ids, follow-up points), or a rubric's (criterion ids,)."""


class Pending(ABC):
    """A question or rubric not built yet (a cached parse): `build()` makes it."""

    @abstractmethod
    def build(self) -> Question | Rubric: ...


class Spot(NamedTuple):
    """A problem at a line and column of the file being parsed."""

    line: int
    column: int
    message: str


class Defined(NamedTuple):
    """A question or rubric a file defines, and where."""

    key: str
    """`q:<id>` or `r:<id>`."""
    line: int
    column: int
    loc: tuple[Any, ...]
    """Path of the object inside the file's YAML tree."""
    refs: Refs
    """What the cross-check needs of it (`refs_of`), so the check builds nothing."""
    obj: Question | Rubric | Pending


class ParsedFile(NamedTuple):
    problems: tuple[Spot, ...] = ()
    skipped: bool = False
    """The file could not be used at all (its problems say why)."""
    defined: tuple[Defined, ...] = ()
    root: yaml.Node | None = None
    """The YAML node tree, kept only when asked for (lint places later problems with it)."""


def parse(raw: bytes, keep_root: bool = False) -> ParsedFile:
    """What the bytes of one bank file define, or why they cannot be used."""
    try:
        doc = load(decode(raw), keep_duplicates=True)
    except YamlError as e:
        return _refused(e.line, e.column, e.message)
    root = doc.root if keep_root else None
    data = doc.data
    if not isinstance(data, dict):
        return _refused(1, 1, "expected a mapping (a question, `questions:` or a rubric)", root)
    if "criteria" in data:
        model: Any = Rubric
    elif "questions" in data:
        model = QuestionFile
    elif "prompt" in data:
        model = Question
    else:
        return _refused(1, 1, "not a question (no `prompt`) or rubric (no `criteria`)", root)
    # A duplicate key makes the file ambiguous, so it is not used; its other problems are
    # still reported, so that one run shows them all.
    spots = [Spot(d.line, d.column, d.message) for d in doc.duplicates]
    try:
        obj = model.model_validate(data)
    except ValidationError as e:
        spots += [_spot(doc.root, err) for err in e.errors()]
    if spots:
        return ParsedFile(tuple(dict.fromkeys(spots)), True, (), root)
    if isinstance(obj, Rubric):
        return ParsedFile(defined=(_defined("r", obj, doc.root, ()),), root=root)
    if isinstance(obj, QuestionFile):
        found = [_defined("q", q, doc.root, ("questions", i)) for i, q in enumerate(obj.questions)]
        return ParsedFile(defined=tuple(found), root=root)
    return ParsedFile(defined=(_defined("q", obj, doc.root, ()),), root=root)


def refs_of(obj: Question | Rubric) -> Refs:
    """What the cross-check needs of an object, so it can run without building any."""
    if isinstance(obj, Rubric):
        return (tuple(c.id for c in obj.criteria),)
    return tuple(obj.rubric_ids), tuple(f.criterion for f in obj.follow_ups)


def _defined(kind: str, obj: Question | Rubric, root: yaml.Node, loc: tuple[Any, ...]) -> Defined:
    return Defined(f"{kind}:{obj.id}", *locate(root, loc), loc, refs_of(obj), obj)


def _refused(line: int, column: int, message: str, root: yaml.Node | None = None) -> ParsedFile:
    return ParsedFile((Spot(line, column, message),), True, (), root)


def _spot(root: yaml.Node, err: Any) -> Spot:
    """Where a validation error is and what it says; a value that a comma split inside
    `{…}` (one unknown field per piece) is one problem, at the value, saying to quote it."""
    loc = tuple(err["loc"])
    split = split_by_comma(root, loc) if err["type"] == "extra_forbidden" else None
    if split is None:
        message = _message(err)
        return Spot(*locate(root, _named_field(root, loc, message) or loc), message)
    line, column, key, full = split
    field = ".".join(str(p) for p in (*loc[:-1], key))
    return Spot(line, column, f"{field}: a comma inside {{…}} ends the value, so the rest read as "
                f"unknown fields; quote this value: {key}: {_quoted(full)}")


_LEADING_FIELD = re.compile(r"([a-z_]+(?:\.[a-z_]+)*)[: ]")


def _named_field(root: yaml.Node, loc: tuple[Any, ...], message: str) -> tuple[Any, ...] | None:
    """A check across fields is reported on their parent (`outline: needs bullets in both zh
    and en` on the question): place it at the field its message starts with, when there is one."""
    m = _LEADING_FIELD.match(message)
    if not m:
        return None
    named = tuple(m.group(1).split("."))
    for where in ((*loc, *named), (*loc[:-1], *named)):
        if find(root, where) is not None:
            return where
    return None


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
