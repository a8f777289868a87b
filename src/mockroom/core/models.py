"""The question and rubric formats, as pydantic models.

These models are the single definition of the YAML formats: the loader
validates against them, `mockroom schema` prints their JSON Schema, and the
scorer and the UI consume them. Unknown fields are errors, so a typo in a
field name is reported instead of silently ignored.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$"
SLUG_RE = r"^[a-z0-9][a-z0-9-]*$"

Category = Literal["behavioral", "scenario", "technical", "general"]
Lang = Literal["zh", "en"]


def _empty() -> list[Any]:
    """A new empty list, the default of list fields. A function of ours, not `list`: pydantic
    reads each default factory's signature when a model is first validated, and a builtin's
    is parsed from its text (tokenize, ~2 ms of every `mockroom score`)."""
    return []


class Strict(BaseModel):
    # Validators are built on first validation (a bank loaded from the cache validates
    # nothing). The one-line docstrings under fields describe them in the JSON Schema
    # (core/schema.py adds them): extracting them here, at every start, would cost ~35 ms.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A piece of text in both interface languages."""

    zh: str = Field(min_length=1)
    """Chinese text."""
    en: str = Field(min_length=1)
    """English text."""

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class TextList(Strict):
    """A list of short texts in both languages (outline bullets, phrases)."""

    zh: list[str] = Field(default_factory=_empty)
    """Chinese items."""
    en: list[str] = Field(default_factory=_empty)
    """English items."""

    def get(self, lang: str) -> list[str]:
        return self.zh if lang == "zh" else self.en

    def all(self) -> list[str]:
        return [*self.zh, *self.en]


class Phrases(TextList):
    """Phrases that show a rubric point: aliases and paraphrases in both languages."""

    @model_validator(mode="after")
    def _not_empty(self) -> Phrases:
        stripped = list(map(str.strip, self.all()))  # every rubric's ~40 phrases, at each build
        if not any(stripped):
            raise ValueError("phrases: the alias list is empty (give at least one zh or en phrase)")
        if not all(stripped):
            raise ValueError("phrases: an empty phrase")
        return self


class Criterion(Strict):
    """One weighted rubric point."""

    id: str = Field(pattern=SLUG_RE)
    """Stable id of the point inside its rubric, e.g. `restore-first`."""
    label: Text
    """What the point is, in a few words."""
    tip: Text
    """Advice shown to the candidate when the point is missed."""
    weight: float = Field(default=1.0, gt=0, le=10)
    """Relative weight of the point within the question's rubrics."""
    required: bool = False
    """A strong answer must cover it; missing it keeps 85% of the score (each one missed) and counts as a failure for review scheduling."""
    phrases: Phrases
    """Phrases (aliases, paraphrases, in zh and en) whose presence shows the point."""


class RedFlag(Strict):
    """A phrase family that costs points when it appears un-negated (e.g. blaming the customer)."""

    id: str = Field(pattern=SLUG_RE)
    """Stable id of the red flag."""
    label: Text
    """Plain-words explanation shown in feedback."""
    penalty: float = Field(default=10, gt=0, le=50)
    """Points (0-100 scale) taken off when it appears."""
    phrases: Phrases
    """Phrases that show it."""


class Rubric(Strict):
    """A list of weighted points, optionally red flags. One rubric per file in rubrics/."""

    id: str = Field(pattern=ID_RE)
    """Stable id, e.g. `support.outage-strategic-customer` or `shared.star`."""
    title: Text
    """Human title."""
    criteria: list[Criterion] = Field(min_length=1)
    """The points a strong answer covers."""
    red_flags: list[RedFlag] = Field(default_factory=_empty)
    """Phrases that lower the score."""

    @field_validator("criteria")
    @classmethod
    def _unique_criteria(cls, v: list[Criterion]) -> list[Criterion]:
        _no_duplicates([c.id for c in v], "criterion")
        return v

    @field_validator("red_flags")
    @classmethod
    def _unique_flags(cls, v: list[RedFlag]) -> list[RedFlag]:
        _no_duplicates([f.id for f in v], "red flag")
        return v


class Timing(Strict):
    """Clock settings of a question, like a one-way video interview."""

    prep_seconds: int = Field(default=60, ge=0, le=3600)
    """Thinking time before the answer clock starts."""
    answer_seconds: int = Field(default=180, ge=10, le=7200)
    """Answer time; past it the clock counts overtime."""
    zh_chars: tuple[int, int] = (150, 800)
    """Expected length of a Chinese answer, in characters (min, max)."""
    en_words: tuple[int, int] = (90, 500)
    """Expected length of an English answer, in words (min, max)."""

    @model_validator(mode="after")
    def _ranges(self) -> Timing:
        for name in ("zh_chars", "en_words"):
            lo, hi = getattr(self, name)
            if not 0 < lo < hi:
                raise ValueError(f"timing.{name}: need 0 < min < max, got [{lo}, {hi}]")
        return self


class FollowUp(Strict):
    """A follow-up question asked when its rubric point was missed."""

    criterion: str
    """Id of the rubric point (`point` or `rubric-id:point` for a shared rubric)."""
    prompt: Text
    """The follow-up question."""


class Example(Strict):
    """A labelled sample answer with the grade a careful interviewer would give it.

    `mockroom lint` checks the scorer lands near it. `band`, the score range of older
    files, is still read; an example gives a `grade`, a `band`, or both.
    """

    label: str = Field(min_length=1)
    """Short name, e.g. `strong-zh`, `terse-zh`, `keyword-list`, `off-topic`."""
    grade: float | None = None
    """The score 0-100 a careful interviewer would give it, on substance, not keywords or length."""
    band: tuple[float, float] | None = None
    """Older form: the score range (inclusive) a careful interviewer would give it."""
    answer: str
    """The sample answer text."""

    @field_validator("grade")
    @classmethod
    def _grade(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v <= 100:
            raise ValueError(f"grade must be between 0 and 100, got {v:g}")
        return v

    @field_validator("band")
    @classmethod
    def _band(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None and not 0 <= v[0] <= v[1] <= 100:
            raise ValueError(f"band must satisfy 0 <= low <= high <= 100, got [{v[0]}, {v[1]}]")
        return v

    @model_validator(mode="after")
    def _graded(self) -> Example:
        if self.grade is None and self.band is None:
            raise ValueError(
                f"example {self.label!r} needs a grade (0-100, what an interviewer would give it) "
                "or an older band [low, high]"
            )
        return self


class Question(Strict):
    """One interview question. A bank file holds one question, or a list under `questions:`."""

    id: str = Field(pattern=ID_RE)
    """Stable id `<track>.<slug>`; saved histories refer to it, so never change it."""
    track: str = Field(pattern=SLUG_RE)
    """The role this question belongs to; must equal the id's prefix."""
    category: Category
    """behavioral, scenario, technical or general."""
    difficulty: int = Field(ge=1, le=5)
    """1 (warm-up) to 5 (hardest)."""
    prompt: Text
    """The question as asked."""
    intent: Text
    """What the interviewer is assessing; hidden until the candidate asks."""
    timing: Timing = Field(default_factory=Timing)
    """Prep and answer clocks, expected answer length."""
    tags: list[str] = Field(default_factory=_empty)
    """Free-form tags for filtering."""
    rubric: str = Field(pattern=ID_RE)
    """Id of the question's own rubric (a file in rubrics/)."""
    shared_rubrics: list[str] = Field(default_factory=_empty)
    """Ids of shared rubrics combined with the own one (e.g. `shared.star`)."""
    outline: TextList
    """Model-answer outline: what a strong answer covers, as bullets."""
    follow_ups: list[FollowUp] = Field(default_factory=_empty)
    """Follow-up questions tied to rubric points."""
    examples: list[Example] = Field(default_factory=_empty)
    """Labelled sample answers with the grade an interviewer would give each."""

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        prefix = self.id.split(".", 1)[0]
        if prefix != self.track:
            raise ValueError(f"id {self.id!r} must start with its track {self.track!r}")
        if not self.outline.zh or not self.outline.en:
            raise ValueError("outline: needs bullets in both zh and en")
        for p in self.shared_rubrics:
            if not re.match(ID_RE, p):
                raise ValueError(f"shared_rubrics: {p!r} is not a rubric id")
        return self

    @property
    def rubric_ids(self) -> list[str]:
        return [self.rubric, *self.shared_rubrics]


class QuestionFile(Strict):
    """A bank file holding several questions."""

    questions: list[Question] = Field(min_length=1)
    """The questions in this file."""


def _no_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"duplicate {what} id {i!r}")
        seen.add(i)
