"""Reading an exported session back: strict validation first, then one all-or-nothing import.

Every check runs before the database is touched, and the import itself is one
transaction, so a malformed or hand-edited file changes nothing. Errors are
one line: the file, where in it, and what is wrong.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, overload

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mockroom.core.inert import is_inert
from mockroom.core.result import MatchKind, ScoreResult
from mockroom.files.bounded import TooLarge, read_limited
from mockroom.store import lineage, summary_lineage
from mockroom.store.names import NAME_MAX, clean_name, name_problem
from mockroom.store.records import (
    LANGS,
    MODES,
    AttemptRec,
    AttemptTiming,
    CandidateRec,
    CoachReview,
    CommentRec,
    SessionRec,
    SessionSummaryNote,
    Transcript,
    TranscriptItem,
)
from mockroom.store.review import COMMENT_MAX
from mockroom.transfer.errors import TransferError
from mockroom.transfer.export_json import FORMAT, VERSION, checksum

if TYPE_CHECKING:
    from mockroom.store.repo import Store
    from mockroom.store.review import ImportOutcome

MAX_BYTES = 50 * 1024 * 1024
READS = (1, 2, VERSION)
"""Format versions this import reads: 1 has no review lineage (its reviews compare by content);
1 and 2 have no session summary."""
ID = r"^[0-9a-f]{32}$"
MAX_SECONDS = 24 * 3600.0
"""Longest time a file may give for a prep, an answer or its overtime: a day."""
MAX_INT = 2**31 - 1
"""Offsets, lengths and counts: far above any real answer, far below SQLite's 2^63."""
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _one_line(value: str) -> str:
    """Names, tracks, ids and labels: no control character, no bidi control, no lone surrogate."""
    if not is_inert(value):
        bad = next(c for c in value if not is_inert(c))
        raise ValueError(f"holds the control character U+{ord(bad):04X}")
    return value


def _name(value: str) -> str:
    """A person's name as the store keeps it (store/names.py): the one rule, so an imported
    name is one this database could have written, never longer or differently spaced."""
    _one_line(value)
    problem = name_problem(clean_name(value))
    if problem == "empty":
        raise ValueError("is empty")
    if problem == "too_long":
        raise ValueError(f"is longer than {NAME_MAX} characters")
    if clean_name(value) != value:
        raise ValueError("has spaces at an end or in a row, which a stored name never has")
    return value


def _text(value: str) -> str:
    """Answers, comments, messages: any text, but no lone surrogate (not writable as UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"holds a lone surrogate at character {e.start}") from None
    return value


def _moment(value: datetime) -> datetime:
    """A time between 2000 and 2100, returned in UTC."""
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the calendar once converted to UTC") from None
    if not EARLIEST <= utc < LATEST:
        raise ValueError(f"{value.isoformat()} is not between 2000 and 2100")
    return utc


Line = Annotated[str, AfterValidator(_one_line)]
Text = Annotated[str, AfterValidator(_text)]
NameStr = Annotated[str, AfterValidator(_name)]
Key = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
Label = Annotated[str, Field(max_length=2_000), AfterValidator(_one_line)]
Moment = Annotated[AwareDatetime, AfterValidator(_moment)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
Score = Annotated[float, Field(ge=0, le=100)]
Share = Annotated[float, Field(ge=0, le=1)]


class Strict(BaseModel):
    # allow_inf_nan: JSON's Infinity and NaN are refused (they crashed the screens later).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class CandidateIn(Strict):
    id: str = Field(pattern=ID)
    name: NameStr


class SummaryIn(Strict):
    """The coach's overall comment on the session, as the store writes it (set_summary)."""

    text: Annotated[str, Field(min_length=1, max_length=COMMENT_MAX), AfterValidator(_text)] | None
    coach: NameStr | None
    written_at: Moment | None
    digest: str = Field(pattern=ID)
    ancestors: list[Annotated[str, Field(pattern=ID)]] = Field(max_length=10_000)

    @model_validator(mode="after")
    def _whole(self) -> SummaryIn:
        if {self.text is None, self.coach is None, self.written_at is None} != {
            self.text is None
        }:
            raise ValueError("a summary has its text, coach and written_at, or none of them")
        if self.text is not None and self.text != self.text.strip():
            raise ValueError("has spaces at an end, which a stored summary never has")
        parent = self.ancestors[-1] if self.ancestors else None
        if self.digest != summary_lineage.digest(parent, self.text, self.coach,
                                                 _utc(self.written_at)):
            raise ValueError("the summary's digest does not match its content; was it edited?")
        return self

    def note(self) -> SessionSummaryNote | None:
        if self.text is None or self.coach is None or self.written_at is None:
            return None
        return SessionSummaryNote(self.text, self.coach, _utc(self.written_at))


class SessionIn(Strict):
    id: str = Field(pattern=ID)
    track: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_one_line)]
    mode: str
    lang: str
    question_ids: list[Key] = Field(min_length=1, max_length=10_000)
    time_budget_s: int | None = Field(gt=0, le=int(MAX_SECONDS))
    clock_on: bool
    started_at: Moment
    ended_at: Moment | None
    state: Literal["open", "finished", "abandoned"]
    summary: SummaryIn | None = None  # version 3

    @field_validator("mode")
    @classmethod
    def _mode(cls, v: str) -> str:
        return _one_of("mode", v, MODES)

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        return _one_of("language", v, LANGS)


class TimingIn(Strict):
    shown_at: Moment
    first_key_s: Seconds | None
    prep_s: Seconds
    answer_s: Seconds
    overtime_s: Seconds
    typing_cpm: float | None = Field(ge=0, le=100_000)


class MatchIn(Strict):
    phrase: Text = Field(max_length=2_000)
    start: Count
    end: Count
    text: Text
    similarity: Share
    kind: MatchKind
    negated: bool


class CriterionIn(Strict):
    id: Key
    key: Key
    rubric_id: Key
    label_zh: Label
    label_en: Label
    tip_zh: Text = Field(max_length=20_000)
    tip_en: Text = Field(max_length=20_000)
    weight: float = Field(gt=0, le=10)
    required: bool
    hit: bool
    negated: bool
    credit: Share
    matches: list[MatchIn]


class FlagIn(Strict):
    code: Key
    message_zh: Text = Field(max_length=20_000)
    message_en: Text = Field(max_length=20_000)
    penalty: float = Field(ge=0, le=100)
    ref: Key | None
    spans: list[tuple[Count, Count]]


class ResultIn(Strict):
    question: Key
    score: Score
    criteria: list[CriterionIn]
    flags: list[FlagIn]
    answer_lang: Key
    length: Count
    length_range: tuple[Count, Count]
    details: dict[Key, Annotated[float, Field(ge=-1e9, le=1e9)]]


class ReviewIn(Strict):
    coach: NameStr | None
    coach_score: Score | None
    reviewed_at: Moment | None
    coached_at: Moment | None
    points: dict[Key, bool]
    # Version 2: the review's lineage (store/lineage.py); a version 1 file has none.
    revision: int | None = Field(default=None, ge=0, le=MAX_INT)
    digest: str | None = Field(default=None, pattern=ID)
    ancestors: list[Annotated[str, Field(pattern=ID)]] = Field(default=[], max_length=10_000)

    @model_validator(mode="after")
    def _dated(self) -> ReviewIn:
        touched = self.coach_score is not None or self.reviewed_at is not None or self.points
        if touched and (self.coached_at is None or not self.coach):
            raise ValueError("a coach review needs its coach and coached_at")
        if self.digest is not None and self.digest != self.own_digest(
            self.ancestors[-1] if self.ancestors else None
        ):
            raise ValueError("the review's digest does not match its content; was it edited?")
        if self.revision is None and (self.digest is not None or self.ancestors):
            # Read as version 1 it would get a parentless digest beside its ancestors, and
            # its own export would then fail this check.
            raise ValueError("a review with a lineage (digest, ancestors) needs its revision")
        if (self.digest is None) != (self.coached_at is None) and self.revision is not None:
            raise ValueError("a coach review has a digest exactly when it has coached_at")
        return self

    def own_digest(self, parent: str | None) -> str:
        return lineage.digest(parent, self.coach, self.coach_score, _utc(self.reviewed_at),
                              _utc(self.coached_at), self.points)


class CommentIn(Strict):
    id: str = Field(pattern=ID)
    author: NameStr
    body: Text = Field(min_length=1, max_length=20_000)
    span: tuple[Count, Count] | None
    created_at: Moment


class AttemptIn(Strict):
    id: str = Field(pattern=ID)
    question_id: Key
    bank_version: str = Field(pattern=r"^[0-9A-Za-z._:+-]{0,64}$")
    prompt_lang: str
    answer: Text
    created_at: Moment
    follow_up_of: str | None = Field(pattern=ID)
    follow_up_criterion: Key | None
    self_rating: int | None = Field(ge=1, le=5)
    auto_score: Score
    timing: TimingIn
    result: ResultIn
    review: ReviewIn
    comments: list[CommentIn]

    @field_validator("prompt_lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        return _one_of("prompt language", v, LANGS)

    @model_validator(mode="after")
    def _consistent(self) -> AttemptIn:
        """What a hand edit breaks: the score, the evidence offsets, the passages commented on."""
        if self.result.question != self.question_id:
            raise ValueError(f"result is for {self.result.question!r}, not {self.question_id!r}")
        if self.result.score != self.auto_score:
            raise ValueError(
                f"auto_score {self.auto_score:g} differs from the result's score "
                f"{self.result.score:g}"
            )
        for c in self.result.criteria:
            for m in c.matches:
                if m.end > len(self.answer) or self.answer[m.start : m.end] != m.text:
                    raise ValueError(
                        f"the evidence for {c.key!r} ({m.text!r} at {m.start}:{m.end}) is not "
                        "in the answer; was the answer edited?"
                    )
        keys = {c.key for c in self.result.criteria}
        unknown = sorted(set(self.review.points) - keys)
        if unknown:
            raise ValueError(f"review overrides unknown rubric point {unknown[0]!r}")
        for note in self.comments:
            if note.span and not 0 <= note.span[0] < note.span[1] <= len(self.answer):
                raise ValueError(
                    f"comment {note.id} marks {note.span[0]}:{note.span[1]}, outside the answer"
                )
        if (self.follow_up_of is None) != (self.follow_up_criterion is None):
            raise ValueError("a follow-up needs both follow_up_of and follow_up_criterion")
        return self


class SessionFile(Strict):
    format: Literal["mockroom-session"]
    version: Literal[1, 2, 3]
    candidate: CandidateIn
    session: SessionIn
    attempts: list[AttemptIn]
    checksum: str

    @model_validator(mode="after")
    def _consistent(self) -> SessionFile:
        seen: dict[str, str] = {}
        comment_ids: set[str] = set()
        for i, a in enumerate(self.attempts):
            where = f"attempts[{i}]"
            if a.id in seen:
                raise ValueError(f"{where}: answer id {a.id} appears twice")
            if a.question_id not in self.session.question_ids:
                raise ValueError(f"{where}: question {a.question_id!r} is not in the session")
            if a.follow_up_of is not None and seen.get(a.follow_up_of) != a.question_id:
                raise ValueError(f"{where}: follows {a.follow_up_of}, no earlier answer to it")
            seen[a.id] = a.question_id
            for c in a.comments:
                if c.id in comment_ids:
                    raise ValueError(f"{where}: comment id {c.id} appears twice")
                comment_ids.add(c.id)
        return self


def read(path: Path | str) -> Transcript:
    """Read and check an exported session file; TransferError names what is wrong."""
    p = Path(path)
    try:
        raw = read_limited(p, MAX_BYTES)  # a FIFO or /dev/zero is refused, never waited on
    except TooLarge:
        raise TransferError(
            f"{p}: larger than {MAX_BYTES // (1024 * 1024)} MB; not a session export"
        ) from None
    except OSError as e:
        raise TransferError(f"{p}: cannot read it ({e.strerror or e})") from None
    return parse(raw, str(p))


def parse(raw: bytes, name: str = "<input>") -> Transcript:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise TransferError(
            f"{name}: not UTF-8 text (byte {e.start}); not a session export"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise TransferError(f"{name}:{e.lineno}:{e.colno}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise TransferError(f"{name}: JSON nested too deeply; not a session export") from None
    except ValueError as e:  # an integer of more than 4,300 digits
        raise TransferError(f"{name}: not a session export ({e})") from None
    _envelope(data, name)
    try:
        # JSON mode keeps strict types (no "1" for 1, no 1 for true) yet reads ISO times and
        # arrays as JSON has no datetimes or tuples.
        model = SessionFile.model_validate_json(text)
    except ValidationError as e:
        raise TransferError(f"{name}: {_first_problem(e)}") from None
    return _transcript(model)


def import_file(store: Store, path: Path | str) -> ImportOutcome:
    """Read, check and import a session file into `store`, all or nothing."""
    return store.import_transcript(read(path))


def _envelope(data: Any, name: str) -> None:
    """The checks that come before the details: is this our format, our version, untouched?"""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(f'{name}: not a mockroom session export (no "format": "{FORMAT}")')
    version = data.get("version")
    if version not in READS:
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise TransferError(
                f"{name}: format version {version} is newer than this mockroom reads "
                f"({VERSION}); upgrade mockroom"
            )
        raise TransferError(
            f"{name}: unknown format version {version!r} (expected {' or '.join(map(str, READS))})"
        )
    if data.get("checksum") != checksum(data):
        raise TransferError(
            f"{name}: the file was changed after it was exported (checksum does not match); "
            "export it again from mockroom"
        )


def _first_problem(e: ValidationError) -> str:
    errors = e.errors(include_url=False)
    first = errors[0]
    where = _loc(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "tagged-union")):
            out += f".{part}" if out else str(part)
    return out


def _transcript(m: SessionFile) -> Transcript:
    s = m.session
    session = SessionRec(
        id=s.id,
        candidate_id=m.candidate.id,
        track=s.track,
        mode=s.mode,
        lang=s.lang,
        question_ids=tuple(s.question_ids),
        time_budget_s=s.time_budget_s,
        clock_on=s.clock_on,
        started_at=_utc(s.started_at),
        ended_at=_utc(s.ended_at),
        state=s.state,
        summary=s.summary.note() if s.summary else None,
        summary_digest=s.summary.digest if s.summary else None,
        summary_ancestors=tuple(s.summary.ancestors) if s.summary else (),
    )
    items = tuple(_item(a, s.id) for a in m.attempts)
    return Transcript(CandidateRec(m.candidate.id, m.candidate.name), session, items)


def _item(a: AttemptIn, session_id: str) -> TranscriptItem:
    result = ScoreResult.from_dict(a.result.model_dump())
    t = a.timing
    attempt = AttemptRec(
        id=a.id,
        session_id=session_id,
        question_id=a.question_id,
        bank_version=a.bank_version,
        prompt_lang=a.prompt_lang,
        answer=a.answer,
        result=result,
        timing=AttemptTiming(
            shown_at=_utc(t.shown_at),
            first_key_s=t.first_key_s,
            prep_s=t.prep_s,
            answer_s=t.answer_s,
            overtime_s=t.overtime_s,
            typing_cpm=t.typing_cpm,
        ),
        auto_score=a.auto_score,
        follow_up_of=a.follow_up_of,
        follow_up_criterion=a.follow_up_criterion,
        self_rating=a.self_rating,
        created_at=_utc(a.created_at),
        coach_score=a.review.coach_score,
        reviewed_at=_utc(a.review.reviewed_at),
    )
    r = a.review
    digest = r.digest
    if r.revision is None and r.coached_at is not None:  # version 1: content only, no parent
        digest = r.own_digest(None)
    review = CoachReview(
        coach=r.coach,
        coach_score=r.coach_score,
        reviewed_at=_utc(r.reviewed_at),
        coached_at=_utc(r.coached_at),
        points=dict(r.points),
        revision=r.revision if r.revision is not None else int(r.coached_at is not None),
        digest=digest,
        ancestors=tuple(r.ancestors),
    )
    comments = tuple(
        CommentRec(
            id=c.id,
            attempt_id=a.id,
            author=c.author,
            body=c.body,
            span=c.span,
            created_at=_utc(c.created_at),
        )
        for c in a.comments
    )
    return TranscriptItem(attempt, review, comments)


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def _one_of(what: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r} (expected one of {', '.join(choices)})")
    return value
