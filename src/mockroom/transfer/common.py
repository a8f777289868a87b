"""What the Markdown and HTML exports both show, worked out once: the words are in
export_words.py, the escaping is each format's own.

A session is shown as the session record counts it (store/session_record.py): questions
numbered 1, 2, … each with its attempts (first answer, retries) and follow-ups, the best
attempt as the question's result, and every mark and flag from the final verdict (the
coach's over the scorer's), the scorer's call shown beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len

from mockroom.core import number_format
from mockroom.core.answer_pace import answer_pace
from mockroom.core.cells import cut
from mockroom.core.report import MARKS
from mockroom.core.verdict import PointCall
from mockroom.store.session_record import (
    AnswerRecord,
    QuestionRecord,
    SessionRecord,
    mean_auto,
    mean_coach,
)
from mockroom.transfer.export_words import named, word

if TYPE_CHECKING:
    from mockroom.core.result import Flag
    from mockroom.store.records import Transcript, TranscriptItem

TITLE_CELLS = 110
"""Width of a question's title, in cells (a Chinese character takes two): about 55 Chinese
characters or 110 English letters."""
TITLE_MIN = 50
"""Whole sentences narrower than this ("You are the support manager.") say too little: the
first line is then cut at TITLE_CELLS instead."""
_SENTENCE = re.compile(r"(?<=[。？！])|(?<=[.?!])(?=\s)")


def when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


score = number_format.score
"""One answer's or question's score, whole (core/number_format.py); means keep a decimal."""


def duration(seconds: float) -> str:
    """m:ss, rounded to the second."""
    s = max(0, round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def title(prompt: str) -> str:
    """A question's title: its prompt's first line, as many whole sentences of it as fit in
    TITLE_CELLS (bank prompts are one line of several sentences), else the line cut with "…"."""
    first = " ".join(next((ln for ln in prompt.splitlines() if ln.strip()), "").split())
    kept = ""
    for sentence in (part.strip() for part in _SENTENCE.split(first)):
        if not sentence:
            continue
        # English sentences are joined with a space, Chinese ones without.
        joined = f"{kept} {sentence}" if kept and kept[-1] not in "。？！" else kept + sentence
        if cell_len(joined) > TITLE_CELLS:
            break
        kept = joined
    if kept == first or cell_len(kept) >= TITLE_MIN:
        return kept
    if cell_len(first) <= TITLE_CELLS:
        return first
    head = cut(first, TITLE_CELLS - 1)[0]
    if " " in head and not cell_len(head) > len(head):  # English: end on a whole word
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-—，、") + "…"


def says_more(prompt: str) -> bool:
    """Whether the full prompt says more than its title (then both are shown)."""
    return " ".join(prompt.split()) != title(prompt)


def kind_label(lang: str, a: AnswerRecord) -> str:
    """First answer, Retry 1, Follow-up."""
    if a.kind == "retry":
        return word(lang, "kind.retry", n=a.label.rsplit("r", 1)[-1])
    return word(lang, f"kind.{a.kind}")


def timing_line(lang: str, a: AnswerRecord) -> str:
    tm = a.attempt.timing
    parts = [word(lang, "prep", t=duration(tm.prep_s)),
             word(lang, "answer_time", t=duration(tm.answer_s))]
    if tm.overtime_s > 0:
        parts.append(word(lang, "overtime", t=duration(tm.overtime_s)))
    pace = answer_pace(a.attempt.result, tm.answer_s)
    if pace is not None and a.attempt.answer.strip():
        parts.append(word(lang, f"pace.{pace.unit}", n=f"{pace.per_minute:.0f}"))
    return " · ".join(parts)


def verdict_text(lang: str, p: PointCall) -> str:
    """The final verdict on a point with its mark: "✓ met", "✗ missed (coach)"."""
    text = f"{MARKS[p.final]} {word(lang, f'status.{p.final}')}"
    return text + (word(lang, "by_coach") if p.coach is not None else "")


def auto_text(lang: str, p: PointCall) -> str:
    return f"{MARKS[p.auto]} {word(lang, f'status.{p.auto}')}"


def evidence(lang: str, p: PointCall) -> tuple[str, bool] | None:
    """(the words of the answer that showed the point, whether it was a close match)."""
    best = p.criterion.best
    if best is None:
        return None
    return best.text, best.kind != "exact"


def scores(
    lang: str, a: AnswerRecord, number: Callable[[str], str] = str, text: Callable[[str], str] = str
) -> str:
    """Auto, coach (with the coach's name) and final score: `number` marks up the scores,
    `text` escapes the name (HTML); Markdown escapes the whole line instead."""
    r = a.review
    by = word(lang, "coach_by", coach=text(r.coach)) if r.coach else ""
    return word(lang, "scores", auto=number(score(a.auto_score)),
                coach=number(score(a.coach_score)), by=by, final=number(score(a.score)))


def review_state(lang: str, a: AnswerRecord) -> str:
    r, rating = a.review, a.attempt.self_rating
    parts = [word(lang, "reviewed", when=when(r.reviewed_at)) if r.reviewed_at
             else word(lang, "not_reviewed")]
    if rating is not None:
        parts.append(word(lang, "self_rating", n=rating))
    return " · ".join(parts)


def point_label(lang: str, p: PointCall) -> str:
    return p.criterion.label(lang) + (word(lang, "required") if p.criterion.required else "")


def flag_text(lang: str, f: Flag) -> str:
    cost = word(lang, "cost", n=number_format.points(f.penalty)) if f.penalty else ""
    return f.message(lang) + cost


def auto_flags_differ(a: AnswerRecord) -> bool:
    """The coach's verdicts changed the flags: the scorer's are shown too."""
    return [f.message_en for f in a.verdict.flags] != [f.message_en for f in a.verdict.auto_flags]


@dataclass(frozen=True)
class OverviewRow:
    number: str
    title: str
    auto: str
    coach: str
    final: str
    time: str


def overview(lang: str, record: SessionRecord) -> tuple[list[OverviewRow], OverviewRow]:
    """One row per question (its result: the best attempt), and the row of means."""
    qs = record.questions
    rows = [
        OverviewRow(str(q.number), title(q.prompt.get(lang)), score(q.auto_score),
                    score(q.coach_score), score(q.score), duration(q.time_s))
        for q in qs
    ]
    coach, graded = mean_coach(qs)
    coach_text = number_format.mean(coach) + (
        word(lang, "graded_of", n=graded, total=len(qs)) if graded else ""
    )
    means = OverviewRow("", word(lang, "mean"), number_format.mean(mean_auto(qs)), coach_text,
                        number_format.mean(record.mean_score), duration(sum(q.time_s for q in qs)))
    return rows, means


def meta_line(lang: str, record: SessionRecord) -> str:
    s = record.session
    parts = [named(lang, "track", s.track), named(lang, "mode", s.mode),
             word(lang, "started", when=when(s.started_at))]
    if s.ended_at is not None:
        parts.append(word(lang, "ended", when=when(s.ended_at)))
    parts += [named(lang, "state", s.state), (word(lang, "questions_1") if len(record.questions) == 1
              else word(lang, "questions_n", n=len(record.questions))),
              word(lang, "mean_final", score=number_format.mean(record.mean_score))]
    return " · ".join(parts)


def result_line(lang: str, q: QuestionRecord) -> str:
    return word(lang, "result", label=kind_label(lang, q.best), score=score(q.score))


def appendix(lang: str, record: SessionRecord) -> list[tuple[str, str]]:
    """(label, value) pairs of the ids a person may need to find the session again; each
    is shown with word(lang, "ap.item", ...)."""
    s = record.session
    versions: dict[str, list[str]] = {}
    for a in record.answers:
        versions.setdefault(a.attempt.question_id, []).append(a.attempt.bank_version)
    questions = "; ".join(
        f"{q.number}: {q.question_id} ({', '.join(dict.fromkeys(versions[q.question_id]))})"
        for q in record.questions
    )
    return [
        (word(lang, "ap.session"), s.id),
        (word(lang, "ap.track"), s.track),
        (word(lang, "ap.mode"), s.mode),
        (word(lang, "ap.lang"), named(lang, "lang", s.lang)),
        (word(lang, "ap.questions"), questions),
        (word(lang, "ap.answers"), ", ".join(f"{a.label} = {a.id[:8]}" for a in record.answers)),
    ]


def numbered(t: Transcript) -> list[tuple[str, TranscriptItem]]:
    """Each answer with its number as `mockroom review` and the transcript screen show it:
    1, 2, ... and 2a, 2b for follow-ups (the exports number by question, above)."""
    out: list[tuple[str, TranscriptItem]] = []
    main = 0
    follow = 0
    for item in t.items:
        if item.attempt.follow_up_of is None:
            main, follow = main + 1, 0
            out.append((str(main), item))
        else:
            follow += 1
            out.append((f"{max(main, 1)}{chr(ord('a') + (follow - 1) % 26)}", item))
    return out
