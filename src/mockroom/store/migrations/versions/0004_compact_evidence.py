"""Compact attempt evidence: each rubric point once in rubric_point, the answer's findings apart.

Revision ID: 0004
Revises: 0003
Create Date: 2026-05-24

Every stored result in format 1 (ScoreResult.to_dict(): every rubric point's key, weight,
labels and tips inside every answer) is rewritten into format 2 (store/evidence.py): each
point goes to rubric_point once, named by a digest of it, the answer keeps only its findings
per point, and a match keeps its text only when that is not answer[start:end]. The rules are
written out here rather than imported, so this revision keeps meaning what it meant when
evidence.py changes. A result this revision cannot read is left as it was (the store reads
format 1 as before). Downgrade puts format 1 back.

Attempts are read a page at a time by id, so the rewrite holds one page in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEY = sa.String(length=200)
PAGE = 1000
POINT = ("key", "rubric_id", "weight", "required", "label_zh", "label_en", "tip_zh", "tip_en")
TEXTS = POINT[4:]

attempt = sa.table("attempt", sa.column("id"), sa.column("answer"), sa.column("result"))
rubric_point = sa.table("rubric_point", sa.column("id"), *(sa.column(k) for k in POINT))
set_result = (
    sa.update(attempt)
    .where(attempt.c.id == sa.bindparam("b_id"))
    .values(result=sa.bindparam("b_result", type_=sa.JSON()))
)

Page = list[tuple[str, str, Any]]


def upgrade() -> None:
    op.create_table(
        "rubric_point",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("rubric_id", KEY, nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        *(sa.Column(k, sa.Text(), nullable=False) for k in TEXTS),
        sa.PrimaryKeyConstraint("id", name="pk_rubric_point"),
    )
    conn = op.get_bind()
    ids: dict[tuple[Any, ...], str] = {}  # each point's id, computed once: answers repeat them
    for page in _pages(conn):
        fresh: list[dict[str, Any]] = []
        changed = []
        for aid, answer, result in page:
            packed = _pack(result, answer, ids, fresh)
            if packed is not None:
                changed.append({"b_id": aid, "b_result": packed})
        if fresh:
            conn.execute(rubric_point.insert(), fresh)
        if changed:
            conn.execute(set_result, changed)


def downgrade() -> None:
    conn = op.get_bind()
    query = sa.select(rubric_point.c.id, *(rubric_point.c[k] for k in POINT))
    points = {pid: dict(zip(POINT, values, strict=True)) for pid, *values in conn.execute(query)}
    for page in _pages(conn):
        changed = [
            {"b_id": aid, "b_result": _unpack(result, answer, points)}
            for aid, answer, result in page
            if isinstance(result, dict) and result.get("v") == 2
        ]
        if changed:
            conn.execute(set_result, changed)
    op.drop_table("rubric_point")


def _pages(conn: sa.Connection) -> Iterator[Page]:
    """Every attempt's (id, answer, result parsed or None), a page at a time."""
    last = ""
    while True:
        rows = conn.execute(
            sa.select(attempt.c.id, attempt.c.answer, attempt.c.result)
            .where(attempt.c.id > last)
            .order_by(attempt.c.id)
            .limit(PAGE)
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        yield [(aid, answer, _parsed(result)) for aid, answer, result in rows]


def _parsed(raw: Any) -> Any:
    # SQLite gives the JSON text; psycopg gives it parsed already.
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _point_id(point: dict[str, Any]) -> str:
    blob = json.dumps([point[k] for k in POINT], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _pack(
    result: Any, answer: str, ids: dict[tuple[Any, ...], str], fresh: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """Format 2 of a format-1 result, or None if it is not format 1.

    `ids` maps each point seen so far to its id; points seen first are added to `fresh`.
    """
    if not isinstance(result, dict) or "v" in result:
        return None
    try:
        criteria = []
        for c in result["criteria"]:
            point = {k: c[k] for k in POINT}
            point.update(weight=float(c["weight"]), required=bool(c["required"]))
            seen = tuple(point.values())
            pid = ids.get(seen)
            if pid is None:
                pid = ids[seen] = _point_id(point)
                fresh.append({"id": pid, **point})
            matches = []
            for m in c.get("matches", []):
                start, end = m["start"], m["end"]
                packed = [
                    m["phrase"],
                    start,
                    end,
                    m["similarity"],
                    m["kind"],
                    m.get("negated", False),
                ]
                if answer[start:end] != m["text"]:
                    packed.append(m["text"])
                matches.append(packed)
            criteria.append([pid, c["hit"], c["negated"], c["credit"], matches])
        keep = ("question", "score", "flags", "answer_lang", "length", "length_range")
        return {
            "v": 2,
            **{k: result[k] for k in keep},
            "criteria": criteria,
            "details": result.get("details", {}),
        }
    except (KeyError, TypeError, ValueError):
        return None


def _unpack(result: dict[str, Any], answer: str, points: dict[str, dict[str, Any]]) -> dict:
    """Format 1 (ScoreResult.to_dict()) of a format-2 result."""
    criteria = []
    for pid, hit, negated, credit, matches in result["criteria"]:
        if pid not in points:
            raise RuntimeError(f"rubric_point has no point {pid}: cannot write format 1 back")
        point = points[pid]
        criteria.append(
            {
                **point,
                "hit": hit,
                "negated": negated,
                "credit": credit,
                "matches": [
                    {
                        "phrase": m[0],
                        "start": m[1],
                        "end": m[2],
                        "text": m[6] if len(m) > 6 else answer[m[1] : m[2]],
                        "similarity": m[3],
                        "kind": m[4],
                        "negated": m[5],
                    }
                    for m in matches
                ],
                "id": point["key"],
            }
        )
    return {**{k: v for k, v in result.items() if k != "v"}, "criteria": criteria}
