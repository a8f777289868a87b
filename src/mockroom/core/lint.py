"""`mockroom lint`: every check on bank files, as a list of problems.

Beyond what loading checks (YAML safety, schema, duplicate ids, references),
lint scores every example and reports those more than 15 points from their grade
(or, in older files that give only a band, outside it), and
flags rubric phrases that can never help (a point's phrase that is also a red
flag of the same rubric), and Chinese texts a candidate reads (prompts, outlines,
labels, tips) punctuated with ASCII commas, colons or brackets beside Chinese
characters, each character at its own line and column, and a point's phrase that is only
a stock phrase (持续优化, "going forward": see `stock_phrases`). Phrases and example answers
are left alone: matching folds punctuation, and candidates type either kind. A point
or red flag with no phrases in one language is reported: an answer in that language
could show it only through the other's words. A question left out only because its
rubric's file has problems of its own gets no "unknown rubric" besides them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from mockroom.config import paths
from mockroom.core import stock_phrases, thesaurus
from mockroom.core.bank import Bank, load_paths
from mockroom.core.bank.load import unknown_rubric
from mockroom.core.bank.source import read_bank_file
from mockroom.core.matching import compile_phrase
from mockroom.core.models import Criterion, RedFlag
from mockroom.core.scorer import Scorer
from mockroom.core.text import CJK_CLASS
from mockroom.core.yamlsafe import Problem, YamlError, decode, leading_keys, node_at, positions


def lint(targets: Iterable[str | Path] = (), extra_dirs: Iterable[str | Path] = ()) -> tuple[Bank, list[Problem]]:
    """Problems in `targets` (default: the whole bank), checked in the context of the built-in bank."""
    given = [Path(t) for t in targets]
    context = paths.bank_dirs(list(extra_dirs))
    bank = load_paths([*context, *given], keep_nodes=True)
    roots = [t.resolve() for t in given]
    problems = _loading_problems(bank, roots)
    problems += _example_scores(bank)
    problems += _red_flag_overlap(bank)
    problems += _ascii_punctuation(bank)
    problems += _phrase_languages(bank)
    problems += _stock_only_phrases(bank)
    if given:
        problems = [p for p in problems if _inside(Path(p.path).resolve(), roots)]
    return bank, sorted(set(problems))


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


@dataclass(frozen=True)
class Checked:
    """What lint read of the paths it was given (all of the bank when none were)."""

    files: int
    questions: int
    """Questions defined, those left out for a problem included."""
    rubrics: int
    examples: int
    """Examples scored."""


def checked(bank: Bank, targets: Iterable[str | Path] = ()) -> Checked:
    """What lint read of `targets`, not of the bank around them."""
    roots = [Path(t).resolve() for t in targets]

    def ours(path: str) -> bool:
        return not roots or _inside(Path(path).resolve(), roots)

    files = {*(bank.nodes or {}), *bank.skipped}
    questions = [k[2:] for k, o in bank.origins.items() if k.startswith("q:") and ours(o.path)]
    return Checked(
        files=sum(1 for f in files if ours(f)),
        questions=len(questions),
        rubrics=sum(1 for k, o in bank.origins.items() if k.startswith("r:") and ours(o.path)),
        examples=sum(len(bank.questions[q].examples) for q in questions if q in bank.questions),
    )


def _loading_problems(bank: Bank, roots: list[Path]) -> list[Problem]:
    """The loading problems, with "unknown rubric" made useful: none for a rubric whose own
    file was refused and is linted too (a comma that split a label, a duplicate key: that
    file's problems say what to fix), else which file that is; the id meant when one is
    close; and, when paths were given, where else the rubric can come from."""
    refused = {rid: name for name in bank.skipped if (rid := _refused_rubric(bank, name))}
    said: dict[str, str | None] = {}
    for key in bank.origins:
        if key.startswith("q:") and key[2:] not in bank.questions:  # left out
            for rid in _rubric_ids(bank, key):
                message = unknown_rubric(key[2:], rid)
                near = difflib.get_close_matches(rid, list(bank.rubrics), n=1, cutoff=0.85)
                if rid in refused:
                    linted = not roots or _inside(Path(refused[rid]).resolve(), roots)
                    said[message] = None if linted else f"{message}: {refused[rid]} defines it but has problems; lint it"
                elif near:
                    said[message] = f"{message}: did you mean {near[0]!r}?"
                elif roots:
                    said[message] = f"{message}: lint the file or folder that holds it too, or add --bank DIR"
    out = []
    for p in bank.problems:
        instead = said.get(p.message, p.message)
        if instead is not None:
            out.append(p._replace(message=instead))
    return out


def _rubric_ids(bank: Bank, key: str) -> list[str]:
    """The rubric ids a question's file names (the question itself may not be built)."""
    origin = bank.origins[key]
    root = (bank.nodes or {}).get(origin.path)
    if root is None:
        return []
    own = node_at(root, (*origin.loc, "rubric"))
    shared = node_at(root, (*origin.loc, "shared_rubrics"))
    nodes = [own, *(shared.value if isinstance(shared, yaml.SequenceNode) else [])]
    return [n.value for n in nodes if isinstance(n, yaml.ScalarNode)]


def _refused_rubric(bank: Bank, name: str) -> str | None:
    """The id a refused file gives, unless it holds questions (its top level as far as it
    could be read: a YAML error can stop the parser before the end)."""
    root = (bank.nodes or {}).get(name)
    if isinstance(root, yaml.MappingNode):
        top: dict[str, str | None] = {
            k.value: v.value if isinstance(v, yaml.ScalarNode) else None
            for k, v in root.value if isinstance(k, yaml.ScalarNode)
        }
    else:
        source = _source(name)
        top = leading_keys(source) if source is not None else {}
    if "prompt" in top or "questions" in top:
        return None
    return top.get("id")


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
_ASCII_BESIDE_HAN = re.compile(f"(?<={CJK_CLASS})[,:;()?!]|[,:;()?!](?={CJK_CLASS})")


def _ascii_punctuation(bank: Bank) -> list[Problem]:
    """Every ASCII mark beside a Chinese character, each at its own line and column."""
    out = []
    sources: dict[str, str | None] = {}
    for key, loc, text in _reader_texts(bank):
        found = list(_ASCII_BESIDE_HAN.finditer(text))
        if not found:
            continue
        path, line, column = bank.locate(key, loc)
        root = (bank.nodes or {}).get(path)
        node = node_at(root, (*bank.origins[key].loc, *loc)) if root is not None else None
        if path not in sources:
            sources[path] = _source(path)
        source = sources[path]
        if isinstance(node, yaml.ScalarNode) and node.value == text and source is not None:
            where = positions(source, node, [m.start() for m in found])
        else:  # the file changed since it was read: the field's own place
            where = [(line, column)] * len(found)
        field = ".".join(map(str, loc))
        for m, (at_line, at_column) in zip(found, where, strict=True):
            around = re.sub(r"\s+", " ", text[max(0, m.start() - 6) : m.end() + 6])  # one line
            out.append(
                Problem(
                    path, at_line, at_column,
                    f"{key[2:]}: {field} has ASCII {m.group()!r} beside Chinese (…{around}…); "
                    f"write {_FULL_WIDTH[m.group()]!r}",
                )
            )
    return out


def _source(path: str) -> str | None:
    """A bank file's text as the YAML parser read it, to place characters inside values."""
    try:
        return decode(read_bank_file(path))
    except (OSError, YamlError):
        return None


def _stock_only_phrases(bank: Bank) -> list[Problem]:
    """A point's phrase made only of stock phrases (持续优化, "going forward", see
    `stock_phrases`) credits fluent filler with a point it does not say."""
    out = []
    for r in bank.rubrics.values():
        for ci, c in enumerate(r.criteria):
            for phrase in c.phrases.all():
                if stock_phrases.only_stock(compile_phrase(phrase).norm):
                    where = bank.locate(f"r:{r.id}", ("criteria", ci, "phrases"))
                    out.append(Problem(
                        *where,
                        f"{r.id}: phrase {phrase!r} of point {c.id!r} is only a stock phrase: it would "
                        "credit filler that does not say the point; name what is done instead",
                    ))
    return out


_LANGUAGES = {"zh": "Chinese", "en": "English"}


def _phrase_languages(bank: Bank) -> list[Problem]:
    """Points and red flags with no phrases in one language (an empty `zh: []` or no `zh`)."""
    out = []
    for r in bank.rubrics.values():
        key = f"r:{r.id}"
        items: list[tuple[str, int, str, Criterion | RedFlag]]
        items = [("criteria", i, "point", c) for i, c in enumerate(r.criteria)]
        items += [("red_flags", i, "red flag", f) for i, f in enumerate(r.red_flags)]
        for part, i, what, item in items:
            for lang, language in _LANGUAGES.items():
                if item.phrases.get(lang):
                    continue
                where = bank.locate(key, (part, i, "phrases", lang))
                other = _LANGUAGES["en" if lang == "zh" else "zh"]
                out.append(Problem(
                    *where,
                    f"{r.id}: {what} {item.id!r} has no {language} phrases: "
                    f"an answer in {language} could show it only in {other} words; add some",
                ))
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
