"""Coach reviews merged by lineage, not by clock; a lock row per session open in an app.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

attempt gains review_revision, review_digest and review_ancestors (store/lineage.py). Every
review already stored gets revision 1 and the digest of its content with no parent, so two
databases holding the same review (one imported from the other) give it the same digest.
The digest rule is written out here rather than imported, so this revision keeps meaning
what it meant when lineage.py changes. session_lock is new and starts empty.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(length=32)
TIME = sa.DateTime(timezone=True)
PAGE = 1000

attempt = sa.table(
    "attempt",
    sa.column("id", ID),
    sa.column("coach", sa.String()),
    sa.column("coach_score", sa.Float()),
    sa.column("reviewed_at", TIME),
    sa.column("coached_at", TIME),
)
criterion = sa.table(
    "attempt_criterion", sa.column("attempt_id", ID), sa.column("key", sa.String()),
    sa.column("coach_hit", sa.Boolean()),
)
set_lineage = (
    sa.update(sa.table("attempt", sa.column("id"), sa.column("review_revision"),
                       sa.column("review_digest"), sa.column("review_ancestors")))
    .where(sa.column("id") == sa.bindparam("b_id"))
    .values(review_revision=1, review_digest=sa.bindparam("b_digest"),
            review_ancestors=sa.bindparam("b_ancestors", type_=sa.JSON()))
)


def upgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("review_revision", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("review_digest", ID, nullable=True))
        batch.add_column(sa.Column("review_ancestors", sa.JSON(), nullable=True))
    op.create_table(
        "session_lock",
        sa.Column("session_id", ID, nullable=False),
        sa.Column("holder", ID, nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", TIME, nullable=False),
        sa.Column("heartbeat_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["practice_session.id"],
            name="fk_session_lock_session_id_practice_session", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name="pk_session_lock"),
    )
    conn = op.get_bind()
    last = ""
    while True:
        rows = conn.execute(
            sa.select(attempt)
            .where(attempt.c.coached_at.is_not(None), attempt.c.id > last)
            .order_by(attempt.c.id)
            .limit(PAGE)
        ).all()
        if not rows:
            break
        ids = [r.id for r in rows]
        points: dict[str, dict[str, bool]] = {i: {} for i in ids}
        for a_id, key, hit in conn.execute(
            sa.select(criterion.c.attempt_id, criterion.c.key, criterion.c.coach_hit).where(
                criterion.c.attempt_id.in_(ids), criterion.c.coach_hit.is_not(None)
            )
        ):
            points[a_id][key] = bool(hit)
        conn.execute(set_lineage, [
            {"b_id": r.id, "b_ancestors": [],
             "b_digest": _digest(r.coach, r.coach_score, r.reviewed_at, r.coached_at, points[r.id])}
            for r in rows
        ])
        last = ids[-1]


def downgrade() -> None:
    op.drop_table("session_lock")
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("review_ancestors")
        batch.drop_column("review_digest")
        batch.drop_column("review_revision")


def _digest(coach: Any, score: Any, reviewed: Any, coached: Any, points: dict[str, bool]) -> str:
    body = {
        "parent": None,
        "coach": coach,
        "coach_score": None if score is None else float(score),
        "reviewed_at": _time(reviewed),
        "coached_at": _time(coached),
        "points": dict(sorted(points.items())),
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(UTC).isoformat()
