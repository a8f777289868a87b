"""A session as one self-contained, printable HTML page, in the session's language (or the one
asked for): an overview table, then every question with its answers, the evidence
highlighted, scores, verdicts and comments.

No scripts, no external files (the CSS is inline, the fonts the reader's own), so it opens and
prints offline; the print styles lay it out on A4 and keep table rows and short blocks whole.
Every piece of text that came from a person or a file (names, answers, comments, prompts,
rubric labels, phrases, ids) goes through html.escape(quote=True), in text and attributes.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from mockroom.store.session_record import (
    AnswerRecord,
    QuestionRecord,
    SessionRecord,
    of_transcript,
)
from mockroom.transfer import common as c
from mockroom.transfer.export_words import word

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.result import Flag
    from mockroom.store.records import Transcript, TranscriptItem

CSS = """
:root { --ink: #1d232b; --muted: #5b6673; --line: #d5dbe1; --hit: #d9f2dc; --neg: #fde0dc;
        --note: #fff1b8; --accent: #2f6fb0; }
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.5rem 0 .25rem; }
.meta, .timing, .note, .by { color: var(--muted); font-size: .9rem; }
.summary, .prompt { border-left: 3px solid var(--accent); padding-left: .75rem;
                    white-space: pre-wrap; }
.answer { white-space: pre-wrap; background: #f7f8fa; border: 1px solid var(--line);
          border-radius: 4px; padding: .75rem; }
mark.hit { background: var(--hit); }
mark.negated { background: var(--neg); text-decoration: line-through; }
mark.commented { background: var(--note); }
mark.hit.commented { background: linear-gradient(var(--hit), var(--note)); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .75rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.overview a { color: inherit; text-decoration: none; }
tfoot td { font-weight: bold; }
.scores b { font-size: 1.05rem; }
.comment { border-left: 3px solid #e0b400; padding-left: .75rem; margin: .5rem 0; }
.comment .body { white-space: pre-wrap; }
.appendix { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
.appendix h2 { font-size: .95rem; }
.appendix code { word-break: break-all; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid-page; }
  tr, .scores, .timing, .comment, .summary, .prompt { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  table, .answer { break-inside: auto; }
  mark, .answer { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render(t: Transcript, bank: Bank | None = None, lang: str | None = None) -> str:
    record = of_transcript(t, bank)
    lang = lang or t.session.lang
    heading = escape(word(lang, "title", name=t.candidate.name))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{heading}</h1>",
        f'<p class="meta">{escape(c.meta_line(lang, record))}</p>',
    ]
    note = t.session.summary
    if note is not None:
        by = word(lang, "summary_by", coach=note.coach, when=c.when(note.written_at))
        parts += [f"<h2>{escape(word(lang, 'summary'))}</h2>",
                  f'<div class="summary">{escape(note.text)}</div>',
                  f'<p class="by">— {escape(by)}</p>']
    parts += _overview(lang, record)
    for q in record.questions:
        parts.append(_question(lang, q))
    parts.append('<section class="appendix">')
    parts.append(f"<h2>{escape(word(lang, 'appendix'))}</h2><ul>")
    parts += [f"<li>{escape(word(lang, 'ap.item', label=label, value=value))}</li>"
              for label, value in c.appendix(lang, record)]
    parts += ["</ul></section>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _overview(lang: str, record: SessionRecord) -> list[str]:
    rows, means = c.overview(lang, record)
    head = "".join(
        f'<th{_num(k)}>{escape(word(lang, f"col.{k}"))}</th>'
        for k in ("question", "auto", "coach", "final", "time")
    )
    body = "".join(
        f'<tr><td class="num">{r.number}</td><td><a href="#q{r.number}">{escape(r.title)}</a></td>'
        f'<td class="num">{r.auto}</td><td class="num">{r.coach}</td>'
        f'<td class="num"><b>{r.final}</b></td><td class="num">{r.time}</td></tr>'
        for r in rows
    )
    foot = (f'<tr><td></td><td>{escape(means.title)}</td><td class="num">{means.auto}</td>'
            f'<td class="num">{escape(means.coach)}</td><td class="num">{means.final}</td>'
            f'<td class="num">{means.time}</td></tr>')
    return [
        f"<h2>{escape(word(lang, 'overview'))}</h2>",
        f'<table class="overview"><thead><tr><th class="num">#</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>",
        f'<p class="note">{escape(word(lang, "best_note"))}</p>',
    ]


def _num(key: str) -> str:
    return "" if key == "question" else ' class="num"'


def _question(lang: str, q: QuestionRecord) -> str:
    prompt = q.prompt.get(lang)
    parts = [f'<section class="question" id="q{q.number}">',
             f"<h2>{q.number}. {escape(c.title(prompt))}</h2>"]
    if c.says_more(prompt):
        parts.append(f'<div class="prompt">{escape(prompt)}</div>')
    parts.append(f'<p class="result"><b>{escape(c.result_line(lang, q))}</b></p>')
    parts += [_answer(lang, a) for a in q.answers]
    parts.append("</section>")
    return "\n".join(parts)


def _answer(lang: str, a: AnswerRecord) -> str:
    at = a.attempt
    rows = []
    for p in a.verdict.points:
        found = c.evidence(lang, p)
        shown = "" if found is None else f'<mark class="hit">{escape(found[0])}</mark>' + (
            f"<small>{escape(word(lang, 'match.approx'))}</small>" if found[1] else "")
        rows.append(
            f'<tr data-point="{escape(p.key)}"><td>{escape(c.point_label(lang, p))}</td>'
            f"<td>{escape(c.verdict_text(lang, p))}</td><td>{escape(c.auto_text(lang, p))}</td>"
            f"<td>{shown}</td></tr>"
        )
    head = "".join(f"<th>{escape(word(lang, f'col.{k}'))}</th>"
                   for k in ("point", "verdict", "auto_call", "evidence"))
    parts = [f'<section class="attempt" id="a-{escape(a.label)}">',
             f"<h3>{escape(a.label)} · {escape(c.kind_label(lang, a))}</h3>"]
    if a.kind == "follow_up":
        parts.append(f'<div class="prompt"><b>{escape(word(lang, "asked"))}</b> '
                     f"{escape(a.prompt.get(lang))}</div>")
    answer = highlight(at.answer, a.item) if at.answer.strip() else escape(
        word(lang, "empty_answer"))
    parts += [
        f'<p class="timing">{escape(c.timing_line(lang, a))}</p>',
        f'<div class="answer">{answer}</div>',
        f'<p class="scores">{c.scores(lang, a, _bold, escape)} · {escape(c.review_state(lang, a))}</p>',
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
    ]
    if a.verdict.flags:
        parts.append(f"<p><b>{escape(word(lang, 'flags'))}</b></p>" + _flags(lang, a.verdict.flags))
    if c.auto_flags_differ(a) and a.verdict.auto_flags:
        parts.append(f'<p class="note">{escape(word(lang, "auto_flags"))}</p>'
                     + _flags(lang, a.verdict.auto_flags))
    if a.comments:
        parts.append(f"<p><b>{escape(word(lang, 'comments'))}</b></p>")
        for n in a.comments:
            on = word(lang, "comment_on", passage=at.answer[n.span[0] : n.span[1]]) if n.span else ""
            head = word(lang, "comment_head", author=n.author, when=c.when(n.created_at), on=on)
            parts.append(f'<div class="comment"><b>{escape(head)}</b>'
                         f'<div class="body">{escape(n.body)}</div></div>')
    parts.append("</section>")
    return "\n".join(parts)


def _bold(number: str) -> str:
    return f"<b>{escape(number)}</b>"


def _flags(lang: str, flags: tuple[Flag, ...]) -> str:
    return '<ul class="flags">' + "".join(
        f"<li>{escape(c.flag_text(lang, f))}</li>" for f in flags) + "</ul>"


def highlight(answer: str, item: TranscriptItem) -> str:
    """The answer as HTML, evidence and commented passages wrapped in <mark>."""
    spans: list[tuple[int, int, str, str]] = []
    for crit in item.attempt.result.criteria:
        for m in crit.matches:
            spans.append((m.start, m.end, "negated" if m.negated else "hit", crit.key))
    for note in item.comments:
        if note.span:
            spans.append((note.span[0], note.span[1], "commented", note.author))
    cuts = sorted(
        {0, len(answer), *(p for s, e, _, _ in spans for p in (s, e) if p <= len(answer))}
    )
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [(kind, who) for s, e, kind, who in spans if s <= a and b <= e]
        text = escape(answer[a:b])
        if not covering:
            out.append(text)
            continue
        kinds = " ".join(sorted({k for k, _ in covering}))
        title = ", ".join(dict.fromkeys(who for _, who in covering))
        out.append(f'<mark class="{kinds}" title="{escape(title)}">{text}</mark>')
    return "".join(out)
