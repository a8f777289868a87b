"""Loading the question bank: find the YAML files, take each one's parse from a
`ParseSource` (the user's cache when it can be used), add them up, cross-check.

A file that fails to load never stops the rest: its problems are collected
(`Bank.problems`) and the file is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from mockroom.config import paths
from mockroom.core.bank.cache import for_folders
from mockroom.core.bank.files import YAML_SUFFIXES as YAML_SUFFIXES  # their home before files.py
from mockroom.core.bank.files import yaml_files
from mockroom.core.bank.model import Bank, Origin, point_keys
from mockroom.core.bank.parse import ParsedFile, Refs
from mockroom.core.bank.source import ParseSource, ReadEveryFile
from mockroom.core.problem import Problem


def load_bank(extra_dirs: Iterable[str | Path] | None = None, builtin: bool = True) -> Bank:
    """The built-in bank plus MOCKROOM_BANK and `extra_dirs`, cross-checked."""
    return load_paths(paths.bank_dirs(list(extra_dirs or []), builtin=builtin))


def load_paths(
    targets: Iterable[str | Path], keep_nodes: bool = False, source: ParseSource | None = None
) -> Bank:
    """Load every YAML file under the given files and folders into one Bank.

    `source` gives each file's parse; by default the user's bank cache (which may also
    restore the whole bank it kept from the last load), or reading every file when there is
    no usable cache or when node trees are kept (lint).
    """
    bank = Bank(nodes={} if keep_nodes else None)
    files, roots = _yaml_files(targets, bank)
    cache = for_folders(roots) if source is None and not keep_nodes else None
    since = len(bank.problems), len(bank.skipped)
    if cache is None or not cache.restore(bank, files):
        refs: dict[str, Refs] = {}
        for name, parsed in (cache or source or ReadEveryFile(keep_nodes)).parses(files):
            add_parsed(bank, name, parsed, refs)
        cross_check(bank, refs)
        if cache is not None:
            cache.remember(bank, files, since)
    bank.problems.sort()
    return bank


def add_parsed(bank: Bank, name: str, parsed: ParsedFile, refs: dict[str, Refs]) -> None:
    """Add what file `name` defines to `bank` (first definition of an id wins), its problems,
    and the cross-check's `refs` of each object added."""
    bank.problems += [Problem(name, s.line, s.column, s.message) for s in parsed.problems]
    if parsed.skipped:
        bank.skipped.append(name)
    if bank.nodes is not None and parsed.root is not None:
        bank.nodes[name] = parsed.root
    for d in parsed.defined:
        question = d.key[0] == "q"
        ident = d.key[2:]
        if d.key in bank.origins:
            first = bank.origins[d.key]
            what = "question" if question else "rubric"
            bank.problems.append(Problem(
                name, d.line, d.column,
                f"duplicate {what} id {ident!r} (first defined at {first.path}:{first.line})",
            ))
            continue
        (bank.questions if question else bank.rubrics)[ident] = d.obj  # type: ignore[assignment]
        bank.origins[d.key] = Origin(name, d.line, d.column, d.loc)
        refs[d.key] = d.refs


def cross_check(bank: Bank, refs: Mapping[str, Refs]) -> None:
    """References between files: rubrics exist, follow-ups name real points.

    Reads `refs` (`refs_of` each question and rubric, by `q:<id>` / `r:<id>`) and, to place a
    problem, the file: no object is built. A question without its rubric cannot be scored:
    it is left out of the bank.
    """
    left_out: list[str] = []
    for qid in bank.questions:
        key = f"q:{qid}"
        rubric_ids, points = refs[key]
        missing = False
        for i, r in enumerate(rubric_ids):
            if r not in bank.rubrics:
                loc = ("rubric",) if i == 0 else ("shared_rubrics", i - 1)
                bank.problems.append(Problem(*bank.locate(key, loc), unknown_rubric(qid, r)))
                missing = True
        if missing:
            left_out.append(qid)
            continue
        keys = point_keys(rubric_ids[0], rubric_ids, refs)
        for i, point in enumerate(points):
            if point not in keys:
                bank.problems.append(Problem(
                    *bank.locate(key, ("follow_ups", i, "criterion")),
                    f"{qid}: follow-up refers to unknown rubric point {point!r} "
                    f"(known: {', '.join(sorted(keys))})",
                ))
    for qid in left_out:
        del bank.questions[qid]


def unknown_rubric(qid: str, rubric_id: str) -> str:
    """The problem of a question naming a rubric the bank does not have (lint knows it by this)."""
    return f"{qid}: unknown rubric {rubric_id!r}"


def _yaml_files(targets: Iterable[str | Path], bank: Bank) -> tuple[list[str], list[str]]:
    """Each YAML file's name in load order and the targets' real paths (`files.yaml_files`);
    a target that does not exist is a problem of `bank`."""
    names, roots, problems = yaml_files(targets)
    bank.problems += problems
    return names, roots
