"""A session as Markdown, for reading and pasting: an overview table, then every question with
its answers, scores, evidence and comments, in the session's language (or the one asked for).

People's text (answers, names, comments, prompts, rubric labels) goes through markdown_text,
which escapes only what Markdown would misread, so it reads as typed both raw and rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockroom.store.session_record import AnswerRecord, QuestionRecord, of_transcript
from mockroom.transfer import common as c
from mockroom.transfer.export_words import word
from mockroom.transfer.markdown_text import inline, line, lines

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.store.records import Transcript


def render(t: Transcript, bank: Bank | None = None, lang: str | None = None) -> str:
    record = of_transcript(t, bank)
    lang = lang or t.session.lang
    out = [f"# {inline(word(lang, 'title', name=t.candidate.name))}", "",
           inline(c.meta_line(lang, record))]
    note = t.session.summary
    if note is not None:
        by = word(lang, "summary_by", coach=note.coach, when=c.when(note.written_at))
        out += ["", f"## {word(lang, 'summary')}", "", *_quote(note.text), "", f"— {inline(by)}"]
    rows, means = c.overview(lang, record)
    out += ["", f"## {word(lang, 'overview')}", "",
            _row(["#", *(word(lang, f"col.{k}") for k in ("question", "auto", "coach", "final",
                                                          "time"))]),
            "|---|---|--:|--:|--:|--:|"]
    out += [_row([r.number, r.title, r.auto, r.coach, r.final, r.time]) for r in rows]
    out += [_row(["", f"**{inline(means.title)}**", means.auto, means.coach, f"**{means.final}**",
                  means.time], escape=False),
            "", inline(word(lang, "best_note"))]
    for q in record.questions:
        out += ["", *_question(lang, q)]
    out += ["", "---", "", f"## {word(lang, 'appendix')}", ""]
    out += [f"- {inline(word(lang, 'ap.item', label=label, value=value))}"
            for label, value in c.appendix(lang, record)]
    return "\n".join(out) + "\n"


def _question(lang: str, q: QuestionRecord) -> list[str]:
    prompt = q.prompt.get(lang)
    out = [f"## {q.number}. {inline(c.title(prompt))}", ""]
    if c.says_more(prompt):
        out += [*_quote(prompt), ""]
    out.append(f"**{inline(c.result_line(lang, q))}**")
    for a in q.answers:
        out += ["", *_answer(lang, a)]
    return out


def _answer(lang: str, a: AnswerRecord) -> list[str]:
    at = a.attempt
    out = [f"### {a.label} · {inline(c.kind_label(lang, a))}", ""]
    if a.kind == "follow_up":
        out += [word(lang, "asked"), "", *_quote(a.prompt.get(lang)), ""]
    out += [inline(c.timing_line(lang, a)), "", f"**{word(lang, 'answer')}**", "",
            *_quote(at.answer if at.answer.strip() else word(lang, "empty_answer")), ""]
    out += [inline(c.scores(lang, a) + " · " + c.review_state(lang, a)), "",
            _row([word(lang, f"col.{k}") for k in ("point", "verdict", "auto_call", "evidence")]),
            "|---|---|---|---|"]
    for p in a.verdict.points:
        found = c.evidence(lang, p)
        shown = "" if found is None else f"“{inline(found[0])}”" + (
            inline(word(lang, "match.approx")) if found[1] else "")
        out.append(_row([inline(c.point_label(lang, p)), inline(c.verdict_text(lang, p)),
                         inline(c.auto_text(lang, p)), shown], escape=False))
    if a.verdict.flags:
        out += ["", f"**{word(lang, 'flags')}**", ""]
        out += [f"- {inline(c.flag_text(lang, f))}" for f in a.verdict.flags]
    if c.auto_flags_differ(a) and a.verdict.auto_flags:
        out += ["", f"*{inline(word(lang, 'auto_flags'))}*", ""]
        out += [f"- {inline(c.flag_text(lang, f))}" for f in a.verdict.auto_flags]
    if a.comments:
        out += ["", f"**{word(lang, 'comments')}**", ""]
        for note in a.comments:
            on = ""
            if note.span:
                on = word(lang, "comment_on", passage=at.answer[note.span[0] : note.span[1]])
            head = word(lang, "comment_head", author=note.author, when=c.when(note.created_at),
                        on=on)
            first, *rest = note.body.splitlines() or [""]
            body = "  \n  ".join([inline(first), *(line(part) for part in rest)])
            out.append(f"- {inline(head)}{body}")
    return out


def _row(cells: list[str], escape: bool = True) -> str:
    return "| " + " | ".join(inline(x) if escape else x for x in cells) + " |"


def _quote(text: str) -> list[str]:
    return [f"> {part}" if part else ">" for part in lines(text)] or [">"]
