"""`mockroom lint`: every check on bank files, as a list of problems.

Beyond what loading checks (YAML safety, schema, duplicate ids, references),
lint scores every example and reports those more than 15 points from their grade
(or, in older files that give only a band, outside it), and
flags rubric phrases that can never help (a point's phrase that is also a red
flag of the same rubric), and Chinese texts a candidate reads (prompts, outlines,
labels, tips) punctuated with ASCII commas, colons or brackets beside Chinese
characters. Phrases and example answers are left alone: matching folds
punctuation, and candidates type either kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from mockroom.config import paths
from mockroom.core import thesaurus
from mockroom.core.bank import Bank, load_paths
from mockroom.core.matching import compile_phrase
from mockroom.core.scorer import Scorer
from mockroom.core.text import CJK_RE
from mockroom.core.yamlsafe import Problem


def lint(targets: Iterable[str | Path] = (), extra_dirs: Iterable[str | Path] = ()) -> tuple[Bank, list[Problem]]:
    """Problems in `targets` (default: the whole bank), checked in the context of the built-in bank."""
    given = [Path(t) for t in targets]
    context = paths.bank_dirs(list(extra_dirs))
    bank = load_paths([*context, *given], keep_nodes=True)
    problems = list(bank.problems)
    problems += _example_scores(bank)
    problems += _red_flag_overlap(bank)
    problems += _ascii_punctuation(bank)
    if given:
        roots = [t.resolve() for t in given]
        problems = [p for p in problems if _inside(Path(p.path).resolve(), roots)]
    return bank, sorted(set(problems))


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


# How far the scorer may land from an example's grade before lint reports it.
GRADE_TOLERANCE = 15


def _example_scores(bank: Bank) -> list[Problem]:
    """Examples the scorer puts more than GRADE_TOLERANCE from their grade (or outside an older band)."""
    scorer = Scorer(bank)
    out = []
    for q in bank.questions.values():
        for i, ex in enumerate(q.examples):
            score = scorer.score(q, ex.answer).score
            if ex.grade is not None:
                if abs(score - ex.grade) <= GRADE_TOLERANCE:
                    continue
                field, why = "grade", (
                    f"{score - ex.grade:+.1f} from its grade {ex.grade:g} (allowed ±{GRADE_TOLERANCE})"
                )
            elif ex.band is not None:
                lo, hi = ex.band
                if lo <= score <= hi:
                    continue
                field, why = "band", f"outside its band [{lo:g}, {hi:g}]"
            else:  # the model requires one of the two
                continue
            where = bank.locate(f"q:{q.id}", ("examples", i, field))
            out.append(Problem(*where, f"{q.id}: example {ex.label!r} scores {score:.1f}, {why}"))
    return out


def _red_flag_overlap(bank: Bank) -> list[Problem]:
    out = []
    for r in bank.rubrics.values():
        flags = {compile_phrase(p).norm: f.id for f in r.red_flags for p in f.phrases.all()}
        for ci, c in enumerate(r.criteria):
            for phrase in c.phrases.all():
                norm = compile_phrase(phrase).norm
                hit = next((fid for fp, fid in flags.items() if fp and fp in norm), None)
                unknown = thesaurus.builtin().unknown_pattern(phrase)
                if unknown:
                    where = bank.locate(f"r:{r.id}", ("criteria", ci, "phrases"))
                    out.append(Problem(*where, f"{r.id}: phrase {phrase!r}: the thesaurus has no pattern <{unknown}>"))
                if hit:
                    where = bank.locate(f"r:{r.id}", ("criteria", ci, "phrases"))
                    out.append(
                        Problem(
                            *where,
                            f"{r.id}: phrase {phrase!r} of point {c.id!r} contains red flag {hit!r}",
                        )
                    )
    return out


_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_ASCII_BESIDE_HAN = re.compile(f"(?<={CJK_RE.pattern})[,:;()?!]|[,:;()?!](?={CJK_RE.pattern})")


def _ascii_punctuation(bank: Bank) -> list[Problem]:
    out = []
    for key, loc, text in _reader_texts(bank):
        m = _ASCII_BESIDE_HAN.search(text)
        if m:
            where = bank.locate(key, loc)
            field = ".".join(map(str, loc))
            out.append(
                Problem(
                    *where,
                    f"{key[2:]}: {field} has ASCII {m.group()!r} beside Chinese "
                    f"(…{text[max(0, m.start() - 6) : m.end() + 6]}…); write {_FULL_WIDTH[m.group()]!r}",
                )
            )
    return out


def _reader_texts(bank: Bank) -> Iterator[tuple[str, tuple[object, ...], str]]:
    """(object key, location, text) of every Chinese text a candidate or coach reads."""
    for q in bank.questions.values():
        key = f"q:{q.id}"
        yield key, ("prompt", "zh"), q.prompt.zh
        yield key, ("intent", "zh"), q.intent.zh
        for i, bullet in enumerate(q.outline.zh):
            yield key, ("outline", "zh", i), bullet
        for i, follow_up in enumerate(q.follow_ups):
            yield key, ("follow_ups", i, "prompt", "zh"), follow_up.prompt.zh
    for r in bank.rubrics.values():
        key = f"r:{r.id}"
        yield key, ("title", "zh"), r.title.zh
        for i, c in enumerate(r.criteria):
            yield key, ("criteria", i, "label", "zh"), c.label.zh
            yield key, ("criteria", i, "tip", "zh"), c.tip.zh
        for i, flag in enumerate(r.red_flags):
            yield key, ("red_flags", i, "label", "zh"), flag.label.zh
