"""How an answer's score evidence is kept: what only the answer knows in attempt.result, each
rubric point (its key, weight, labels and tips) once in rubric_point.

A ScoreResult carries every rubric point's labels and tips in both languages; stored whole
they were most of an attempt's bytes, and the same in every answer to a question. So
attempt.result keeps the attempt's own findings (hit, negated, credit and matches per point,
flags with their spans, the figures) and names each point by a digest of what describes it;
a match keeps its text only when that is not simply answer[start:end]. Reading puts the
ScoreResult back exactly as it was scored, with the points as they were then: a changed
rubric point gets a new digest and its old row is never changed.

Results stored before migration 0004 (format 1, ScoreResult.to_dict()) still read as they
are; 0004 rewrites them into this form with its own copy of the rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, select

from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.store.db import dialect_insert
from mockroom.store.errors import StoreError
from mockroom.store.tables import RubricPointRow

FORMAT = 2
POINT = ("key", "rubric_id", "weight", "required", "label_zh", "label_en", "tip_zh", "tip_en")
"""What describes a rubric point, the same in every answer: a rubric_point row."""
CRITERION = ("point", "hit", "negated", "credit", "matches")
"""A stored criterion is a list in this order: the rubric point's id, then the findings."""
MATCH = ("phrase", "start", "end", "similarity", "kind", "negated")
"""A stored match is a list in this order, then its text when that is not answer[start:end]."""

Point = dict[str, Any]


def point_id(point: Mapping[str, Any]) -> str:
    """The digest naming a rubric point: the same description always gets the same id."""
    blob = json.dumps([point[k] for k in POINT], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def pack(result: ScoreResult, answer: str) -> tuple[dict[str, Any], dict[str, Point]]:
    """The attempt.result JSON for `result`, and the rubric points it names, by id."""
    points: dict[str, Point] = {}
    criteria = []
    for c in result.criteria:
        point = _point(c)
        pid = point_id(point)
        points[pid] = point
        matches = [_pack_match(m, answer) for m in c.matches]
        criteria.append([pid, c.hit, c.negated, c.credit, matches])
    data = {
        "v": FORMAT,
        "question": result.question_id,
        "score": result.score,
        "criteria": criteria,
        "flags": [asdict(f) for f in result.flags],
        "answer_lang": result.answer_lang,
        "length": result.length,
        "length_range": list(result.length_range),
        "details": dict(result.details),
    }
    return data, points


def write(conn: Connection, result: ScoreResult, answer: str) -> dict[str, Any]:
    """Keep the rubric points of `result` and return the attempt.result JSON that names them."""
    data, points = pack(result, answer)
    save_points(conn, points)
    return data


def unpack(data: Mapping[str, Any], answer: str, points: Mapping[str, Point]) -> ScoreResult:
    """The ScoreResult stored as `data` for `answer`; `points` holds the rubric points it names.

    Values come back as they were stored, as ScoreResult.from_dict gives them.
    """
    if data.get("v") != FORMAT:
        return ScoreResult.from_dict(dict(data))  # format 1, as written before 0004
    criteria = []
    for pid, hit, negated, credit, matches in data["criteria"]:
        if pid not in points:
            raise StoreError(f"rubric point {pid} of a stored answer is missing from the database")
        criteria.append(
            CriterionResult(
                **points[pid],
                hit=hit,
                negated=negated,
                credit=credit,
                matches=tuple(_unpack_match(m, answer) for m in matches),
            )
        )
    return ScoreResult(
        question_id=data["question"],
        score=float(data["score"]),
        criteria=tuple(criteria),
        flags=tuple(
            Flag(**{**f, "spans": tuple(tuple(s) for s in f.get("spans", ()))})
            for f in data["flags"]
        ),
        answer_lang=data["answer_lang"],
        length=int(data["length"]),
        length_range=(int(data["length_range"][0]), int(data["length_range"][1])),
        details={k: float(v) for k, v in data.get("details", {}).items()},
    )


def points_named(data: Mapping[str, Any]) -> set[str]:
    """The ids of the rubric points a stored result names (none in format 1)."""
    if data.get("v") != FORMAT:
        return set()
    return {c[0] for c in data["criteria"]}


def save_points(conn: Connection, points: Mapping[str, Point]) -> None:
    """Keep rubric points not kept yet (two writers may add the same one: no conflict)."""
    if not points:
        return
    rows = [{"id": pid, **point} for pid, point in sorted(points.items())]
    stmt = dialect_insert(conn, RubricPointRow).on_conflict_do_nothing(index_elements=["id"])
    conn.execute(stmt, rows)


def load_points(conn: Connection, stored: Iterable[Mapping[str, Any]]) -> dict[str, Point]:
    """The rubric points named by these stored results, in one query per 500 of them."""
    wanted = sorted(set().union(*(points_named(d) for d in stored)))
    found: dict[str, Point] = {}
    t = RubricPointRow.__table__.c  # type: ignore[attr-defined]
    for i in range(0, len(wanted), 500):
        query = select(t.id, *(t[k] for k in POINT)).where(t.id.in_(wanted[i : i + 500]))
        for pid, *values in conn.execute(query):
            found[pid] = dict(zip(POINT, values, strict=True))
    return found


def read(conn: Connection, stored: Sequence[tuple[Mapping[str, Any], str]]) -> list[ScoreResult]:
    """The ScoreResults of stored (result JSON, answer) pairs, their rubric points fetched at once."""
    points = load_points(conn, (data for data, _ in stored))
    return [unpack(data, answer, points) for data, answer in stored]


def _point(c: CriterionResult) -> Point:
    # weight and required as the table's column types give them back, so ids stay stable.
    return {
        **{k: getattr(c, k) for k in POINT},
        "weight": float(c.weight),
        "required": bool(c.required),
    }


def _pack_match(m: Match, answer: str) -> list[Any]:
    packed: list[Any] = [m.phrase, m.start, m.end, m.similarity, m.kind, m.negated]
    if answer[m.start : m.end] != m.text:
        packed.append(m.text)
    return packed


def _unpack_match(m: Sequence[Any], answer: str) -> Match:
    phrase, start, end, similarity, kind, negated = m[:6]
    text = m[6] if len(m) > 6 else answer[start:end]
    return Match(phrase, start, end, text, similarity, kind, negated)
