"""A session as Markdown, for reading and pasting: every answer, its scores, evidence and comments.

User text (answers, names, comments, rubric labels from the file) is
backslash-escaped, so it reads as written and never turns into markup or
raw HTML where the Markdown is rendered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mockroom.core.report import MARKS, status
from mockroom.store.records import Transcript, TranscriptItem
from mockroom.transfer.common import mean_final, numbered, prompt, score, secs, when

if TYPE_CHECKING:
    from mockroom.core.bank import Bank

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


def esc(text: str) -> str:
    """Escape Markdown punctuation so user text shows as typed."""
    return _SPECIAL.sub(r"\\\1", text)


def render(t: Transcript, bank: Bank | None = None) -> str:
    s, lang = t.session, t.session.lang
    lines = [
        f"# Mockroom session: {esc(t.candidate.name)}",
        "",
        f"- Session: `{s.id}`",
        f"- Track: {esc(s.track)} · mode {s.mode} · language {s.lang}",
        f"- Started: {when(s.started_at)} · ended: {when(s.ended_at)} · {s.state}",
        f"- Answers: {sum(1 for i in t.items if i.attempt.follow_up_of is None)}"
        f" · mean final score {score(mean_final(t))}",
    ]
    for number, item in numbered(t):
        lines += ["", *_item(number, item, prompt(bank, item.attempt.question_id, lang), lang)]
    return "\n".join(lines) + "\n"


def _item(number: str, item: TranscriptItem, wording: str | None, lang: str) -> list[str]:
    a, r, tm = item.attempt, item.review, item.attempt.timing
    title = f"## {number}. {esc(a.question_id)}"
    if a.follow_up_criterion:
        title += f" (follow-up on {esc(a.follow_up_criterion)})"
    out = [title, ""]
    if wording:
        out += [*_quote(wording), ""]
    out += [
        f"Bank version {esc(a.bank_version)} · prep {secs(tm.prep_s)} · answer {secs(tm.answer_s)}"
        f" · overtime {secs(tm.overtime_s)}"
        + (f" · {tm.typing_cpm:.0f} chars/min" if tm.typing_cpm is not None else ""),
        "",
        "**Answer**",
        "",
        *_quote(a.answer or "(empty)"),
        "",
        f"**Auto score** {score(a.auto_score)} · **Coach score** {score(r.coach_score)}"
        + (f" ({esc(r.coach)})" if r.coach else "")
        + (f" · reviewed {when(r.reviewed_at)}" if r.reviewed_at else " · not reviewed")
        + (f" · self-rating {a.self_rating}" if a.self_rating is not None else ""),
        "",
        "| | Point | Auto | Coach | Evidence |",
        "|---|---|---|---|---|",
    ]
    for c in a.result.criteria:
        coach = r.points.get(c.key)
        best = c.best
        evidence = f"{esc(best.text)} ({best.kind} {best.similarity:.2f})" if best else ""
        out.append(
            f"| {MARKS[status(c)]} | {esc(c.label(lang))}{' (required)' if c.required else ''}"
            f" | {status(c)} | {'-' if coach is None else 'hit' if coach else 'missed'}"
            f" | {evidence} |"
        )
    if a.result.flags:
        out += ["", "**Flags**", ""]
        out += [
            f"- {esc(f.code)}"
            + (f" (−{f.penalty:g})" if f.penalty else "")
            + f": {esc(f.message(lang))}"
            for f in a.result.flags
        ]
    if item.comments:
        out += ["", "**Comments**", ""]
        for note in item.comments:
            passage = f" on “{esc(a.answer[note.span[0] : note.span[1]])}”" if note.span else ""
            body = esc(note.body).replace("\n", "  \n  ")
            out.append(f"- **{esc(note.author)}** ({when(note.created_at)}){passage}: {body}")
    return out


def _quote(text: str) -> list[str]:
    return [f"> {esc(line)}" if line else ">" for line in text.splitlines()] or [">"]
