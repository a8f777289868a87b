"""Storage: every attempt, session, draft and review card, in SQLite or PostgreSQL.

`from mockroom.store import Store` loads SQLModel and SQLAlchemy; the records
and errors below do not, so code that only passes records around stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockroom.store.errors import NotFound, StoreError
from mockroom.store.records import AttemptRec, AttemptTiming, CandidateRec, DraftRec, SessionRec

if TYPE_CHECKING:
    from mockroom.store.repo import Store

__all__ = [
    "AttemptRec",
    "AttemptTiming",
    "CandidateRec",
    "DraftRec",
    "NotFound",
    "SessionRec",
    "Store",
    "StoreError",
]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from mockroom.store.repo import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
