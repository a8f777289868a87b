"""`mockroom eval` as a rubric author or a coach reads it: a table of agreement per
question at 80 terminal columns, then the worst disagreements with their evidence;
or the same as JSON. Both interface languages; widths counted in terminal cells."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from mockroom.core.calibrate import ALL
from mockroom.core.cells import cut, pad
from mockroom.core.evaluate import WITHIN, Check, Evaluation, KindRow, Row, Scored, evidence
from mockroom.core.inert import inert
from mockroom.core.terminal_text import WIDTH, fit, shown_path, wrap

QUESTION_CELLS = 36
LABEL_CELLS = 9
"""The evidence labels' column (hit, missed, ...), so their values line up."""

_HEAD = {
    "en": ("QUESTION", "N", "RHO", "MAE", f"≤{WITHIN:g}", "BIAS"),
    "zh": ("题目", "条数", "相关", "误差", f"≤{WITHIN:g}分", "偏差"),
}
_KIND_HEAD = {
    "en": ("KIND", "N", "GRADE", "SCORE", "MAE"),
    "zh": ("类型", "条数", "平均评分", "平均得分", "误差"),
}
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "{n} answers, {q} questions: {sources}",
        "overall": "overall",
        "examples": "the graded examples of the banks in use",
        "legend": (
            "RHO: Spearman of score vs grade (overall: mean over questions{low}). "
            "MAE: mean |score - grade|. "
            f"≤{WITHIN:g}: share of answers within {WITHIN:g} points. "
            "BIAS: mean score - grade, negative when the scorer is harsher."
        ),
        "lowest": "; lowest {rho:.2f} {q}",
        "undefined": "— : undefined, all grades or all scores of the question are equal "
                     "(left out of the mean): {qs}",
        "from_band": "{n} bank examples have a score band and no grade: graded at the band's midpoint.",
        "worst": "Worst disagreements",
        "grade": "grade", "score": "score",
        "why": "why", "answer": "answer", "hit": "hit", "missed": "missed", "negated": "negated",
        "costs": "cost", "factors": "factors", "none": "none",
        "checks": "Thresholds",
        "min-spearman": "mean Spearman", "max-mae": "mean absolute error",
        "min-question-spearman": "lowest question Spearman",
        "unmeasured": "cannot be measured: no question has a defined Spearman",
    },
    "zh": {
        "title": "{n} 个回答，{q} 道题：{sources}",
        "overall": "总体",
        "examples": "所用题库的示例",
        "legend": (
            "相关：得分与评分的斯皮尔曼等级相关（总体为各题平均{low}）。"
            "误差：|得分 - 评分| 的平均。"
            f"≤{WITHIN:g}分：得分与评分相差不超过 {WITHIN:g} 分的比例。"
            "偏差：得分 - 评分的平均，负数表示评分器偏严。"
        ),
        "lowest": "；最低 {rho:.2f} {q}",
        "undefined": "—：无定义，该题所有评分或所有得分都相同（不计入平均）：{qs}",
        "from_band": "有 {n} 个题库示例只有分数区间、没有评分：按区间中点计。",
        "worst": "分歧最大的回答",
        "grade": "评分", "score": "得分",
        "why": "评语", "answer": "回答", "hit": "命中", "missed": "缺失", "negated": "被否定",
        "costs": "扣分", "factors": "因子", "none": "无",
        "checks": "阈值",
        "min-spearman": "平均相关", "max-mae": "平均误差",
        "min-question-spearman": "最低单题相关",
        "unmeasured": "无法计算：没有一道题的相关有定义",
    },
}


def format_text(
    ev: Evaluation, checks: Sequence[Check], sources: Sequence[str], lang: str, worst: int,
    by_kind: bool = False,
) -> str:
    lang = "zh" if lang == "zh" else "en"
    t = _TEXT[lang]
    names = ", ".join(Path(s).name for s in sources) if sources else t["examples"]
    lines = [*wrap(t["title"].format(n=ev.overall.answers, q=len(ev.questions), sources=names)), ""]
    lines += _table(ev, _HEAD[lang], t["overall"])
    kinds = ev.kinds() if by_kind else []
    if kinds:
        lines += ["", *_kind_table(kinds, _KIND_HEAD[lang])]
    low = ev.lowest
    lowest = t["lowest"].format(rho=low.spearman, q=low.question_id) if low and low.spearman is not None else ""
    lines += ["", *wrap(t["legend"].format(low=lowest))]
    if ev.undefined:
        lines += wrap(t["undefined"].format(qs=", ".join(ev.undefined)))
    banded = sum(s.answer.from_band for s in ev.scored)
    if banded:
        lines += wrap(t["from_band"].format(n=banded))
    if worst > 0 and ev.scored:
        lines += ["", t["worst"]]
        for i, s in enumerate(ev.worst(worst), 1):
            lines += ["", *_disagreement(i, s, t)]
    if checks:
        lines += ["", t["checks"]]
        lines += [_check(c, t) for c in checks]
    return "\n".join(lines)


def _table(ev: Evaluation, head: tuple[str, ...], overall: str) -> list[str]:
    out = [_cells(head[0], QUESTION_CELLS) + "".join(_right(h, w) for h, w in zip(head[1:], _COLUMNS, strict=True))]
    out += [_table_row(r.question_id, r) for r in ev.questions]
    out.append(_table_row(overall, ev.overall))
    return out


_COLUMNS = (6, 7, 7, 7, 8)
"""Widths of N, RHO, MAE, WITHIN and BIAS, in cells."""


def _table_row(name: str, r: Row) -> str:
    rho = "—" if r.spearman is None else f"{r.spearman:.2f}"
    values = (str(r.answers), rho, f"{r.mae:.1f}", f"{r.within:.0%}", f"{r.bias:+.1f}")
    return _cells(name, QUESTION_CELLS) + "".join(_right(v, w) for v, w in zip(values, _COLUMNS, strict=True))


def _kind_table(rows: list[KindRow], head: tuple[str, ...]) -> list[str]:
    """Mean grade beside mean score per kind of answer."""
    out = [_cells(head[0], QUESTION_CELLS) + "".join(_right(h, w) for h, w in zip(head[1:], _KIND_COLUMNS, strict=True))]
    for r in rows:
        values = (str(r.answers), f"{r.mean_grade:.1f}", f"{r.mean_score:.1f}", f"{r.mae:.1f}")
        out.append(_cells(inert(r.kind), QUESTION_CELLS) + "".join(_right(v, w) for v, w in zip(values, _KIND_COLUMNS, strict=True)))
    return out


_KIND_COLUMNS = (6, 10, 10, 7)


def _disagreement(i: int, s: Scored, t: dict[str, str]) -> list[str]:
    # Everything from a graded file or a bank is someone else's text: made inert for the terminal.
    a, r = s.answer, s.result
    kind = f" ({inert(a.kind)})" if a.kind else ""
    where = inert(f"{shown_path(a.source)}:{a.line}" if a.line else a.source)
    figures = f"   {t['grade']} {a.grade:g}  {t['score']} {r.score:g}  ({s.error:+.1f})"
    lines = [f"{i}. {a.question_id} {inert(a.id)}{kind}"]
    if cell_len(figures) + 2 + cell_len(where) <= WIDTH:
        lines.append(f"{figures}  {where}")
    else:  # a long path goes below, its start cut: the file name and line are what count
        lines += [figures, "   " + fit(where, WIDTH - 3)]
    if a.why:
        lines += _field(t["why"], [inert(a.why)], t)
    lines += _field(t["answer"], [inert(" ".join(a.text.split()))], t, one_line=True)
    ev = evidence(r)
    lines += _field(t["hit"], [f"{k} «{inert(text)}»" for k, text in ev.hit], t)
    lines += _field(t["missed"], list(ev.missed), t)
    if ev.negated:
        lines += _field(t["negated"], [f"{k} «{inert(text)}»" for k, text in ev.negated], t)
    lines += _field(t["costs"], [f"{code} -{points:g}" for code, points in ev.costs], t)
    lines += _field(t["factors"], [f"{k} {v:.3g}" for k, v in ev.factors], t)
    return lines


def _field(label: str, items: list[str], t: dict[str, str], one_line: bool = False) -> list[str]:
    """`label` then the items, wrapped at WIDTH under a common indent (an item is split only
    when it is wider than a line); `none` when empty; `one_line` cuts the first item to a line."""
    indent = " " * (3 + LABEL_CELLS)
    first = "   " + _cells(label, LABEL_CELLS)
    if one_line:
        kept, _ = cut(items[0], WIDTH - cell_len(first) - 1)
        return [first + kept + ("…" if len(kept) < len(items[0]) else "")]
    if not items:
        return [first + t["none"]]
    lines, line = [], first
    for i, item in enumerate(items):
        text = item + ("," if i < len(items) - 1 else "")
        gap = "" if line in (first, indent) else " "
        if cell_len(line) + len(gap) + cell_len(text) <= WIDTH:
            line += gap + text
        elif cell_len(indent) + cell_len(text) <= WIDTH:
            lines.append(line)
            line = indent + text
        else:
            wrapped = wrap(text, line + gap, indent)
            lines += wrapped[:-1]
            line = wrapped[-1]
    return [*lines, line]


def _check(c: Check, t: dict[str, str]) -> str:
    mark = "✓" if c.passed else "✗"
    name = t[c.name]
    if c.value is None:
        return f"  {mark} {name}: {t['unmeasured']}"
    op = ("≤" if c.passed else ">") if c.name == "max-mae" else ("≥" if c.passed else "<")
    digits = ".1f" if c.name == "max-mae" else ".2f"
    where = f" ({c.question_id})" if c.question_id else ""
    return f"  {mark} {name} {c.value:{digits}} {op} {c.limit:g}{where}"




def _cells(text: str, width: int) -> str:
    if cell_len(text) <= width - 1:
        return pad(text, width)
    kept, used = cut(text, width - 2)
    return kept + "…" + " " * (width - 1 - used)



def _right(text: str, width: int) -> str:
    return " " * max(0, width - cell_len(text)) + text


# -- JSON -----------------------------------------------------------------------------------------


def to_json(ev: Evaluation, checks: Sequence[Check], sources: Sequence[str]) -> dict[str, Any]:
    low = ev.lowest
    return {
        "sources": list(sources),
        "overall": {
            **_row_json(ev.overall),
            "pooled_spearman": _r(ev.pooled_spearman),
            "lowest": None if low is None else {"question_id": low.question_id, "spearman": _r(low.spearman)},
            "undefined": ev.undefined,
        },
        "questions": [_row_json(r) for r in ev.questions],
        "kinds": [
            {"kind": k.kind, "answers": k.answers, "mean_grade": _r(k.mean_grade),
             "mean_score": _r(k.mean_score), "mae": _r(k.mae)}
            for k in ev.kinds()
        ],
        "answers": [_answer_json(s) for s in ev.worst(len(ev.scored))],
        "thresholds": [
            {"name": c.name, "limit": c.limit, "value": _r(c.value), "question_id": c.question_id,
             "passed": c.passed}
            for c in checks
        ],
        "passed": all(c.passed for c in checks),
    }


def _row_json(r: Row) -> dict[str, Any]:
    return {
        "question_id": None if r.question_id == ALL else r.question_id,
        "answers": r.answers,
        "spearman": _r(r.spearman),
        "mae": _r(r.mae),
        "within": _r(r.within),
        "bias": _r(r.bias),
    }


def _answer_json(s: Scored) -> dict[str, Any]:
    a, ev = s.answer, evidence(s.result)
    return {
        "question_id": a.question_id, "id": a.id, "source": a.source, "line": a.line or None,
        "kind": a.kind or None, "lang": a.lang or None, "grade": a.grade,
        "grade_from_band": a.from_band, "score": s.result.score, "error": round(s.error, 1),
        "why": a.why or None,
        "hit": [{"point": k, "text": text} for k, text in ev.hit],
        "missed": list(ev.missed),
        "negated": [{"point": k, "text": text} for k, text in ev.negated],
        "costs": [{"flag": code, "points": p} for code, p in ev.costs],
        "factors": dict(ev.factors),
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
