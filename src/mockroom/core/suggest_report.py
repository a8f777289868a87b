"""`mockroom calibrate --suggest` as a rubric author reads it: per point, the phrases coaches
taught, as the point's `phrases:` block with them added (the rubric's own flow style and
indentation, ready to paste over the old block), each proposal's evidence in YAML comments
above it; or the same as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rich.cells import cell_len

from mockroom.core.bank import Bank
from mockroom.core.evaluate import GradedAnswer
from mockroom.core.inert import inert
from mockroom.core.phrase_suggest import Misfire, PointAdvice, Proposal, Suggestions
from mockroom.core.terminal_text import WIDTH, fit, shown_path, wrap

REF_CHARS = 8
"""Answers are named by the first characters of their id, as `mockroom review` accepts them."""

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "none": "No coach has overridden a rubric point yet: mark points with "
                "`mockroom review SESSION -a N --point KEY=hit|miss`.",
        "title": "Phrases coaches taught. Rubric points overridden: {points}; overrides: "
                 "{overrides}, of which today's rubric already agrees with {settled}.",
        "unknown": "Left out: {n} overrides of questions or points the banks in use no longer have.",
        "to_hit": "met for the coach, missed by the scorer: {n} ({refs})",
        "to_miss": "not met for the coach, credited by the scorer: {n} ({refs})",
        "settled": "today's rubric already agrees with the coach on all {n} overrides",
        "no_proposal": "no clause of those answers is a phrase the scorer would match there",
        "proposal": "+ {phrase} ({source}): fixes {fixes} of {of} ({refs}); {credits}",
        "comment": "commented passage", "clause": "closest clause",
        "credits_none": "credits no other graded text",
        "credits": "newly credits {texts}",
        "misfire": "- {phrase}: fired on {fired}; removing it fixes {fixes}; {loses}",
        "loses_none": "no graded text loses the point",
        "loses": "would lose the point on {texts}",
        "paste": "phrases with the proposals added, to paste over the point's:",
    },
    "zh": {
        "none": "还没有教练改判过评分要点：用 `mockroom review SESSION -a N --point KEY=hit|miss` 标注。",
        "title": "教练教给评分表的说法：{points} 个要点，{overrides} 个被改判的回答"
                 "（其中 {settled} 个如今的评分表已经判对）。",
        "unknown": "有 {n} 个改判针对的题目或要点已不在所用题库中。",
        "to_hit": "教练判为命中、评分器漏判：{n} 个（{refs}）",
        "to_miss": "教练判为未命中、评分器却给了分：{n} 个（{refs}）",
        "settled": "这 {n} 个改判如今的评分表都已判对",
        "no_proposal": "这些回答里没有评分器能在原处匹配到的分句",
        "proposal": "+ {phrase}（{source}）：修正 {of} 个中的 {fixes} 个（{refs}）；{credits}",
        "comment": "教练批注的片段", "clause": "最接近的分句",
        "credits_none": "不会新命中其他评分样本",
        "credits": "会新命中 {texts}",
        "misfire": "- {phrase}：误命中 {fired} 个；删掉可修正 {fixes} 个；{loses}",
        "loses_none": "没有评分样本会因此失分",
        "loses": "会让 {texts} 失去该要点",
        "paste": "加入建议后的 phrases，可直接替换该要点原来的：",
    },
}


def format_text(s: Suggestions, bank: Bank, lang: str) -> str:
    t = _TEXT["zh" if lang == "zh" else "en"]
    if not s.points:
        lines = [t["none"]]
        if s.unknown:
            lines.append(t["unknown"].format(n=s.unknown))
        return "\n".join(lines)
    overrides = sum(len(p.to_hit) + len(p.to_miss) + p.settled for p in s.points)
    settled = sum(p.settled for p in s.points)
    lines = wrap(t["title"].format(points=len(s.points), overrides=overrides, settled=settled))
    if s.unknown:
        lines += wrap(t["unknown"].format(n=s.unknown))
    for p in s.points:
        lines += ["", *_point(p, bank, t, lang)]
    return "\n".join(lines)


def _point(p: PointAdvice, bank: Bank, t: dict[str, str], lang: str) -> list[str]:
    path, line, column = _where(bank, p)
    lines = wrap(f"{p.question_id} · {p.key} — {inert(p.criterion.label.get(lang))}", "", "  ")
    lines.append("  " + fit(f"{path}:{line}", WIDTH - 2))
    if not p.to_hit and not p.to_miss:
        return [*lines, *wrap(t["settled"].format(n=p.settled), "  ")]
    if p.to_hit:
        lines += wrap(t["to_hit"].format(n=len(p.to_hit), refs=_refs(p.to_hit)), "  ")
        if not p.proposals:
            lines += wrap(t["no_proposal"], "    ")
    for pr in p.proposals:
        lines += wrap("# " + _proposal(pr, len(p.to_hit), t), "    ", "    #   ")
    if p.to_miss:
        lines += wrap(t["to_miss"].format(n=len(p.to_miss), refs=_refs(p.to_miss)), "  ")
        for m in p.misfires:
            lines += wrap("# " + _misfire(m, t), "    ", "    #   ")
    if p.proposals:
        lines += wrap(t["paste"], "  ")
        lines += phrases_block(p, max(0, column - 3))
    return lines


def _proposal(pr: Proposal, of: int, t: dict[str, str]) -> str:
    credits = t["credits"].format(texts=_texts(pr.newly_credits)) if pr.newly_credits else t["credits_none"]
    return t["proposal"].format(
        phrase=inert(pr.phrase), source=t[pr.source], fixes=len(pr.fixes), of=of,
        refs=_refs(pr.fixes), credits=credits,
    )


def _misfire(m: Misfire, t: dict[str, str]) -> str:
    loses = t["loses"].format(texts=_texts(m.would_lose)) if m.would_lose else t["loses_none"]
    return t["misfire"].format(
        phrase=inert(m.phrase), fired=len(m.fired_on), fixes=len(m.removing_fixes), loses=loses
    )


def phrases_block(p: PointAdvice, indent: int = 4) -> list[str]:
    """The point's `phrases:` with the proposals added, as the bank writes it: flow lists,
    `phrases:` at `indent` spaces (the point's own, so it pastes in place), items below it."""
    added = {"zh": [x.phrase for x in p.proposals if x.lang == "zh"],
             "en": [x.phrase for x in p.proposals if x.lang == "en"]}
    pad = " " * indent
    lines = [f"{pad}phrases:"]
    for lang in ("zh", "en"):
        items = [*p.criterion.phrases.get(lang), *added[lang]]
        if items:
            lines += _flow(f"{pad}  {lang}: [", [_scalar(i) for i in items], pad + "    ")
    return lines


def _flow(head: str, items: list[str], indent: str) -> list[str]:
    lines, line = [], head
    for i, item in enumerate(items):
        text = item + ("]" if i == len(items) - 1 else ",")
        gap = "" if line.endswith("[") or line == indent else " "
        if line not in (head, indent) and cell_len(line) + len(gap) + cell_len(text) > WIDTH:
            lines.append(line)
            line, gap = indent, ""
        line += gap + text
    return [*lines, line]


def _scalar(text: str) -> str:
    """`text` as an item of a YAML flow list, quoted only when it must be."""
    dumped = yaml.safe_dump([text], allow_unicode=True, default_flow_style=True, width=10**6).strip()
    return dumped[1:-1]


def _where(bank: Bank, p: PointAdvice) -> tuple[str, int, int]:
    """File, line and column of the point's phrase lists (the column of their `zh:`/`en:`)."""
    rubric = bank.rubrics[p.rubric_id]
    index = next(i for i, c in enumerate(rubric.criteria) if c.id == p.criterion.id)
    path, line, column = bank.locate(f"r:{p.rubric_id}", ("criteria", index, "phrases"))
    return shown_path(path), line, column


def _refs(refs: tuple[str, ...]) -> str:
    return ", ".join(r[:REF_CHARS] for r in refs)


def _texts(texts: tuple[GradedAnswer, ...]) -> str:
    return ", ".join(f"{Path(g.source).name}:{g.line} {inert(g.id)} ({g.grade:g})" for g in texts)




# -- JSON -----------------------------------------------------------------------------------------


def to_json(s: Suggestions, bank: Bank) -> dict[str, Any]:
    return {"points": [_point_json(p, bank) for p in s.points], "unknown_overrides": s.unknown}


def _point_json(p: PointAdvice, bank: Bank) -> dict[str, Any]:
    path, line, column = _where(bank, p)
    return {
        "question_id": p.question_id, "key": p.key, "rubric_id": p.rubric_id,
        "file": path, "line": line,
        "label": {"zh": p.criterion.label.zh, "en": p.criterion.label.en},
        "to_hit": list(p.to_hit), "to_miss": list(p.to_miss), "settled": p.settled,
        "proposals": [
            {"phrase": x.phrase, "lang": x.lang, "source": x.source, "fixes": list(x.fixes),
             "newly_credits": [_graded(g) for g in x.newly_credits]}
            for x in p.proposals
        ],
        "misfires": [
            {"phrase": m.phrase, "fired_on": list(m.fired_on), "removing_fixes": list(m.removing_fixes),
             "would_lose": [_graded(g) for g in m.would_lose]}
            for m in p.misfires
        ],
        "yaml": "\n".join(phrases_block(p, max(0, column - 3))) if p.proposals else None,
    }


def _graded(g: GradedAnswer) -> dict[str, Any]:
    return {"question_id": g.question_id, "id": g.id, "source": g.source, "line": g.line or None,
            "grade": g.grade}
