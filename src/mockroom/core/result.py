"""What the scorer returns: a score and the evidence behind it.

Plain frozen dataclasses so results can be stored, exported and compared
without pulling in the scorer or pydantic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MatchKind = Literal["exact", "fuzzy", "pinyin", "gapped", "synonym", "pattern", "related"]
"""exact; fuzzy (an English typo); pinyin (a homophone typo); gapped (a Chinese phrase in two
pieces within a clause); synonym (a thesaurus word in place of one of the phrase's); pattern (a `<name>` phrase such as
<percent>, a thesaurus pattern); related (no phrase, but a clause sharing several telling words
with the point's description: `phrase` lists them after "≈")."""


@dataclass(frozen=True)
class Match:
    """One place in the answer where a rubric phrase was found."""

    phrase: str
    """The rubric phrase that matched, as written in the rubric."""
    start: int
    """Offset of the first matched character in the answer as given (Python str index)."""
    end: int
    """Offset one past the last matched character."""
    text: str
    """The answer text at [start, end)."""
    similarity: float
    """1.0 for an exact match, lower for typos, homophones, gaps and synonyms."""
    kind: MatchKind
    negated: bool = False
    """True when the surrounding words reject the point ("we would not roll back")."""


@dataclass(frozen=True)
class CriterionResult:
    key: str
    """`point` for the question's own rubric, `rubric-id:point` for a shared one."""
    rubric_id: str
    label_zh: str
    label_en: str
    tip_zh: str
    tip_en: str
    weight: float
    required: bool
    hit: bool
    negated: bool
    """True when the point was only mentioned to be rejected."""
    credit: float
    """0..1: how much of the point's weight was earned (similarity x elaboration)."""
    matches: tuple[Match, ...] = ()

    @property
    def best(self) -> Match | None:
        ok = [m for m in self.matches if not m.negated]
        return max(ok, key=lambda m: m.similarity) if ok else None

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def tip(self, lang: str) -> str:
        return self.tip_zh if lang == "zh" else self.tip_en


@dataclass(frozen=True)
class Flag:
    """Something that lowered the score or that a reviewer should know."""

    code: str
    """Stable code: too-short, too-long, keyword-list, off-topic, missed-required, negated, red-flag."""
    message_zh: str
    message_en: str
    penalty: float = 0.0
    """Points taken off because of it (0 when it only informs)."""
    ref: str | None = None
    """The criterion key or red-flag id it is about, if any."""
    spans: tuple[tuple[int, int], ...] = ()

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en


@dataclass(frozen=True)
class ScoreResult:
    question_id: str
    score: float
    """0..100, rounded to one decimal."""
    criteria: tuple[CriterionResult, ...]
    flags: tuple[Flag, ...]
    answer_lang: str
    """`zh` or `en`: the dominant script of the answer."""
    length: int
    """Answer length in the unit of its language (zh characters or en words)."""
    length_range: tuple[int, int]
    details: dict[str, float] = field(default_factory=dict)
    """The factors behind the score (coverage, fluency, length factor, penalties)."""

    @property
    def hit(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.hit]

    @property
    def missed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.hit]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["question"] = d.pop("question_id")
        for c in d["criteria"]:
            c["id"] = c["key"]
        return d

    @staticmethod
    def from_dict(d: dict[str, Any]) -> ScoreResult:
        crits = tuple(
            CriterionResult(
                **{k: v for k, v in c.items() if k not in ("matches", "id")},
                matches=tuple(Match(**m) for m in c.get("matches", ())),
            )
            for c in d["criteria"]
        )
        flags = tuple(
            Flag(**{**f, "spans": tuple(tuple(s) for s in f.get("spans", ()))}) for f in d["flags"]
        )
        return ScoreResult(
            question_id=d["question"],
            score=float(d["score"]),
            criteria=crits,
            flags=flags,
            answer_lang=d["answer_lang"],
            length=int(d["length"]),
            length_range=(int(d["length_range"][0]), int(d["length_range"][1])),
            details={k: float(v) for k, v in d.get("details", {}).items()},
        )
