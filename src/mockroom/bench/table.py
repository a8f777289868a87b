"""One row per figure, printed as a table: figure | measured | floor | target | pass."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    floor: str
    target: str
    ok: bool | None
    """None when there is no pass/fail (context figures, or n/a)."""


def na(figure: str, target: str, reason: str) -> Row:
    return Row(figure, f"n/a ({reason})", "", target, None)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def render(rows: list[Row]) -> str:
    head = ("figure", "measured", "floor", "target", "pass")
    cells = [head] + [
        (r.figure, r.measured, r.floor, r.target, "-" if r.ok is None else "yes" if r.ok else "NO")
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [" | ".join(c[i].ljust(widths[i]) for i in range(len(head))).rstrip() for c in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
