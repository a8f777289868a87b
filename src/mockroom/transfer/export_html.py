"""A session as one self-contained, printable HTML page with the evidence highlighted.

No scripts, no external files: the CSS is inline and prints cleanly. Every
piece of text that came from a person or a file (names, answers, comments,
rubric labels, phrases, ids) goes through html.escape(quote=True), in text
and in attributes alike.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from mockroom.core.report import status
from mockroom.store.records import Transcript, TranscriptItem
from mockroom.transfer.common import mean_final, numbered, prompt, score, secs, when

if TYPE_CHECKING:
    from mockroom.core.bank import Bank

CSS = """
:root { --ink: #1d232b; --muted: #5b6673; --line: #d5dbe1; --hit: #d9f2dc; --neg: #fde0dc;
        --note: #fff1b8; --accent: #2f6fb0; }
body { font: 15px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 2rem; }
.meta, .timing { color: var(--muted); font-size: .9rem; }
.prompt { border-left: 3px solid var(--accent); padding-left: .75rem; }
.answer { white-space: pre-wrap; background: #f7f8fa; border: 1px solid var(--line);
          border-radius: 4px; padding: .75rem; }
mark.hit { background: var(--hit); }
mark.negated { background: var(--neg); text-decoration: line-through; }
mark.commented { background: var(--note); }
mark.hit.commented { background: linear-gradient(var(--hit), var(--note)); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .75rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
.scores b { font-size: 1.1rem; }
.comment { border-left: 3px solid #e0b400; padding-left: .75rem; margin: .5rem 0; }
.comment .body { white-space: pre-wrap; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.attempt { break-inside: avoid-page; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render(t: Transcript, bank: Bank | None = None) -> str:
    s = t.session
    answers = sum(1 for i in t.items if i.attempt.follow_up_of is None)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_lang(s.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Mockroom session: {escape(t.candidate.name)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Mockroom session: {escape(t.candidate.name)}</h1>",
        f'<p class="meta">Session <code>{escape(s.id)}</code> · track {escape(s.track)} · '
        f"mode {escape(s.mode)} · language {escape(s.lang)}<br>"
        f"Started {when(s.started_at)} · ended {when(s.ended_at)} · {escape(s.state)} · "
        f"{answers} answers · mean final score {score(mean_final(t))}</p>",
    ]
    for number, item in numbered(t):
        parts.append(_item(number, item, prompt(bank, item.attempt.question_id, s.lang), s.lang))
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def highlight(answer: str, item: TranscriptItem) -> str:
    """The answer as HTML, evidence and commented passages wrapped in <mark>."""
    spans: list[tuple[int, int, str, str]] = []
    for c in item.attempt.result.criteria:
        for m in c.matches:
            spans.append((m.start, m.end, "negated" if m.negated else "hit", c.key))
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


def _item(number: str, item: TranscriptItem, wording: str | None, lang: str) -> str:
    a, r, tm = item.attempt, item.review, item.attempt.timing
    follow = (
        f" <small>(follow-up on {escape(a.follow_up_criterion)})</small>"
        if a.follow_up_criterion
        else ""
    )
    cpm = f" · {tm.typing_cpm:.0f} chars/min" if tm.typing_cpm is not None else ""
    coach = f" ({escape(r.coach)})" if r.coach else ""
    reviewed = f"reviewed {when(r.reviewed_at)}" if r.reviewed_at else "not reviewed"
    rating = f" · self-rating {a.self_rating}" if a.self_rating is not None else ""
    rows = []
    for c in a.result.criteria:
        verdict = r.points.get(c.key)
        best = c.best
        evidence = (
            f'<mark class="hit">{escape(best.text)}</mark> ({escape(best.kind)} '
            f"{best.similarity:.2f})"
            if best
            else ""
        )
        rows.append(
            f'<tr data-point="{escape(c.key)}"><td>{escape(c.label(lang))}'
            f"{' <small>(required)</small>' if c.required else ''}</td>"
            f"<td>{status(c)}</td>"
            f"<td>{'-' if verdict is None else 'hit' if verdict else 'missed'}</td>"
            f"<td>{evidence}</td></tr>"
        )
    flags = "".join(
        f"<li>{escape(f.code)}{f' (−{f.penalty:g})' if f.penalty else ''}: "
        f"{escape(f.message(lang))}</li>"
        for f in a.result.flags
    )
    comments = "".join(
        '<div class="comment">'
        f'<b>{escape(n.author)}</b> <span class="meta">{when(n.created_at)}</span>'
        + (f" on “{escape(a.answer[n.span[0] : n.span[1]])}”" if n.span else "")
        + f'<div class="body">{escape(n.body)}</div></div>'
        for n in item.comments
    )
    return "\n".join(
        [
            f'<section class="attempt" id="a-{escape(a.id)}">',
            f"<h2>{escape(number)}. {escape(a.question_id)}{follow}</h2>",
            f'<p class="prompt">{escape(wording)}</p>' if wording else "",
            f'<p class="timing">Bank version <code>{escape(a.bank_version)}</code> · '
            f"prep {secs(tm.prep_s)} · answer {secs(tm.answer_s)} · "
            f"overtime {secs(tm.overtime_s)}{cpm}</p>",
            f'<div class="answer">{highlight(a.answer, item)}</div>',
            f'<p class="scores">Auto score <b>{score(a.auto_score)}</b> · Coach score '
            f"<b>{score(r.coach_score)}</b>{coach} · {reviewed}{rating}</p>",
            "<table><thead><tr><th>Point</th><th>Auto</th><th>Coach</th><th>Evidence</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>",
            f'<ul class="flags">{flags}</ul>' if flags else "",
            comments,
            "</section>",
        ]
    )


def _lang(lang: str) -> str:
    return "zh-CN" if lang == "zh" else "en"
