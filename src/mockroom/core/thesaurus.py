"""The shared thesaurus: synonym groups that every rubric's phrases reach through.

A phrase holding one member of a group also matches with another member in its place, one
substitution at a time (补偿方案 -> 赔偿方案). Named patterns (`<percent>`) let a phrase
stand for any figure. The file is checked when loaded: a problem is reported as one line
naming the file and line (`ThesaurusError`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick
import yaml

from mockroom.core.text import CJK_RUN, normalize_phrase
from mockroom.core.yamlsafe import YamlError, decode, load, locate

BUILTIN = Path(__file__).with_name("thesaurus.yaml")
MAX_VARIANTS = 24
"""At most this many variants of one phrase: a long phrase through many groups stays cheap."""


class ThesaurusError(ValueError):
    """A thesaurus file that cannot be used: `str()` is `file:line: problem`."""


PATTERN_PHRASE = re.compile(r"<([a-z][a-z0-9-]*)>")
"""A rubric phrase that stands for a named pattern of the thesaurus: `<percent>`."""


@dataclass(frozen=True)
class Thesaurus:
    groups: tuple[tuple[str, ...], ...]
    """Normalised members of each group."""
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Named patterns rubric phrases can stand for (`<percent>`)."""

    def pattern(self, phrase: str) -> re.Pattern[str] | None:
        """The pattern a `<name>` phrase stands for; None for any other phrase."""
        m = PATTERN_PHRASE.fullmatch(phrase.strip())
        return self.patterns.get(m.group(1)) if m else None

    def unknown_pattern(self, phrase: str) -> str | None:
        """The name in a `<name>` phrase the thesaurus does not define, if any."""
        m = PATTERN_PHRASE.fullmatch(phrase.strip())
        return m.group(1) if m and m.group(1) not in self.patterns else None

    @cached_property
    def _by_member(self) -> dict[str, tuple[str, ...]]:
        return {m: g for g in self.groups for m in g}

    @cached_property
    def _members(self) -> ahocorasick.Automaton | None:
        """Every member, found in one pass (overlapping ones too); None without members.
        An automaton, not one regular expression of all members: compiling that took
        about 3 ms of every process that scores."""
        if not self._by_member:
            return None
        automaton = ahocorasick.Automaton()
        for member in self._by_member:
            automaton.add_word(member, member)
        automaton.make_automaton()
        return automaton

    def _found(self, phrase: str) -> list[tuple[int, str]]:
        """Where members start in the phrase, in order, with the longest member found
        there: Chinese anywhere, English as whole words."""
        if self._members is None:
            return []
        at: dict[int, str] = {}
        for last, member in self._members.iter(phrase):
            start = last + 1 - len(member)
            if CJK_RUN.search(member) is None and not _whole_word(phrase, start, last + 1):
                continue
            if len(member) > len(at.get(start, "")):
                at[start] = member
        return sorted(at.items())

    def variants(self, phrase: str) -> tuple[str, ...]:
        """The normalised phrase with one member of a group swapped for another, for every
        member it holds (Chinese anywhere, English as whole words)."""
        out: list[str] = []
        for at, member in self._found(phrase):
            for other in self._by_member[member]:
                if other != member:
                    out.append(phrase[:at] + other + phrase[at + len(member) :])
        unique = [v for v in dict.fromkeys(out) if v != phrase]
        return tuple(unique[:MAX_VARIANTS])


_WORD_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a word of lower-case text: no letter or digit either side."""
    return text[start - 1 : start] not in _WORD_CHAR and text[end : end + 1] not in _WORD_CHAR


def _places(phrase: str, member: str) -> list[int]:
    """Where `member` is in `phrase`: anywhere for Chinese, as whole words for English.
    A string search, not a regular expression: the thesaurus check calls this for every pair
    of members of a group, and compiling a pattern each time cost most of the thesaurus's load."""
    whole_words = CJK_RUN.search(member) is None
    out = []
    at = phrase.find(member)
    while at != -1:
        end = at + len(member)
        if not whole_words or (not _is_word_char(phrase[at - 1 : at]) and not _is_word_char(phrase[end : end + 1])):
            out.append(at)
        at = phrase.find(member, at + 1)
    return out


def _is_word_char(ch: str) -> bool:
    return ch != "" and ch.isascii() and ch.isalnum()


def parse(text: str, name: str) -> Thesaurus:
    """The thesaurus in `text` (the file `name`), or ThesaurusError naming file and line."""
    try:
        doc = load(text)
    except YamlError as e:
        raise ThesaurusError(f"{name}:{e.line}: {e.message}") from None
    data = doc.data

    def fail(loc: tuple[object, ...], message: str) -> ThesaurusError:
        line, _ = locate(doc.root, loc) if isinstance(doc.root, yaml.Node) else (1, 1)
        return ThesaurusError(f"{name}:{line}: {message}")

    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise fail((), "expected `groups:`, a list of synonym groups")
    if set(data) - {"groups", "patterns"}:
        raise fail((), f"unknown keys {sorted(set(data) - {'groups', 'patterns'})}; expected `groups:` and `patterns:`")
    patterns: dict[str, re.Pattern[str]] = {}
    raw_patterns = data.get("patterns") or {}
    if not isinstance(raw_patterns, dict):
        raise fail(("patterns",), "`patterns:` is a mapping of name: regular expression")
    for key, regex in raw_patterns.items():
        if not isinstance(key, str) or not PATTERN_PHRASE.fullmatch(f"<{key}>"):
            raise fail(("patterns",), f"pattern name {key!r}: use lower-case letters, digits and -")
        try:
            patterns[key] = re.compile(str(regex))
        except re.error as e:
            raise fail(("patterns", key), f"pattern {key!r} is not a valid regular expression: {e}") from None
        if patterns[key].search(""):
            raise fail(("patterns", key), f"pattern {key!r} matches empty text")
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for i, group in enumerate(data["groups"]):
        if not isinstance(group, list) or len(group) < 2:
            raise fail(("groups", i), "a group is a list of at least two words or phrases")
        members: list[str] = []
        for j, word in enumerate(group):
            if not isinstance(word, str) or not word.strip():
                raise fail(("groups", i, j), "a member must be a non-empty text")
            norm = normalize_phrase(word)
            if norm in members:
                raise fail(("groups", i, j), f"{word!r} is twice in its group")
            inside = [m for m in members if _places(norm, m) or _places(m, norm)]
            if inside:
                raise fail(("groups", i, j), f"{word!r} and {inside[0]!r} hold one another; swapping them would garble phrases")
            if norm in seen:
                raise fail(("groups", i, j), f"{word!r} is already in group {seen[norm] + 1}; a word belongs to one group")
            seen[norm] = i
            members.append(norm)
        groups.append(tuple(members))
    return Thesaurus(tuple(groups), patterns)


def read(path: Path) -> Thesaurus:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ThesaurusError(f"{path}: cannot read the thesaurus ({e.strerror})") from None
    try:
        text = decode(raw)
    except YamlError as e:
        raise ThesaurusError(f"{path}:{e.line}: {e.message}") from None
    return parse(text, str(path))


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _builtin() -> Thesaurus:
    return read(BUILTIN)


def builtin() -> Thesaurus:
    """The thesaurus shipped with mockroom, read once (by whichever thread asks first)."""
    with _lock:
        return _builtin()
