"""A plain-text rendering of a score and its evidence (for the CLI and exports)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from mockroom.core.result import CriterionResult, ScoreResult

if TYPE_CHECKING:  # pydantic stays unloaded for readers of MARKS and status
    from mockroom.core.models import Question

Status = Literal["hit", "missed", "negated"]
MARKS: dict[Status, str] = {"hit": "✓", "missed": "✗", "negated": "⊘"}
"""How a rubric point's status is marked wherever a result is shown (CLI, exports, TUI)."""

_WORDS = {
    "zh": {"score": "得分", "hit": "命中", "missed": "缺失", "negated": "被否定", "tip": "建议",
           "required": "必答", "flags": "扣分与提示", "length": "长度"},
    "en": {"score": "Score", "hit": "hit", "missed": "missed", "negated": "negated", "tip": "tip",
           "required": "required", "flags": "Flags", "length": "Length"},
}


def status(c: CriterionResult) -> Status:
    return "hit" if c.hit else "negated" if c.negated else "missed"


def excerpt(answer: str, start: int, end: int, width: int = 12) -> str:
    """The match in its context, marked with [brackets]."""
    left = answer[max(0, start - width) : start].replace("\n", " ")
    right = answer[end : end + width].replace("\n", " ")
    return f"…{left}[{answer[start:end]}]{right}…"


def format_result(question: Question, result: ScoreResult, answer: str, lang: str) -> str:
    w = _WORDS["zh" if lang == "zh" else "en"]
    lines = [
        f"{question.id}  {w['score']}: {result.score:.1f} / 100",
        f"{w['length']}: {result.length} ({result.length_range[0]}-{result.length_range[1]})",
        "",
    ]
    for c in result.criteria:
        mark = MARKS[status(c)]
        req = f" ({w['required']})" if c.required else ""
        lines.append(f"{mark} {c.label(lang)}{req} [{c.key}] {w[status(c)]}")
        best = c.best
        if best is not None:
            lines.append(f"    {best.phrase!r} {best.similarity:.2f} {best.kind}: {excerpt(answer, best.start, best.end)}")
        for m in c.matches:
            if m.negated:
                lines.append(f"    {w['negated']}: {excerpt(answer, m.start, m.end)}")
        if not c.hit:
            lines.append(f"    {w['tip']}: {c.tip(lang)}")
    if result.flags:
        lines += ["", f"{w['flags']}:"]
        for f in result.flags:
            cost = f" (-{f.penalty:g})" if f.penalty else ""
            lines.append(f"  - {f.code}{cost}: {f.message(lang)}")
    return "\n".join(lines)
