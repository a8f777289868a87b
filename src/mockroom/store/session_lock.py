"""One app at a time answers in a session: a lock row per open session, kept alive by a heartbeat.

Two apps on one session used to overwrite each other's draft every two seconds. Now the app
that opens a session claims it (`claim_session`) and renews the claim (`heartbeat`) every
HEARTBEAT_S while it runs. A second app is told who holds it (a SessionHolder: host, process,
last heartbeat) and can show the session read-only or take it over (`take_over=True`). A claim
whose heartbeat is older than STALE_AFTER_S (its app was killed) is taken without asking. The
app that lost its claim learns it at its next heartbeat (False) or draft save (SessionTaken),
and stops writing instead of overwriting the other one's work.

Times come from the store's clock, so on a shared PostgreSQL database two machines' clocks
should agree within a few seconds for staleness to be judged right.
"""

from __future__ import annotations

import os
import socket
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, update
from sqlmodel import Session, col

from mockroom.store import db
from mockroom.store.errors import StoreError
from mockroom.store.rows import get_row
from mockroom.store.tables import SessionLockRow, SessionRow

HEARTBEAT_S = 10
"""How often a running app renews its claim."""
STALE_AFTER_S = 30
"""A claim not renewed for this long belongs to an app that is gone."""


@dataclass(frozen=True)
class SessionHolder:
    """The app that has a session open: where it runs and when it last said so."""

    holder: str
    owner: str
    acquired_at: datetime
    heartbeat_at: datetime


@dataclass(frozen=True)
class Claimant:
    """An app that claims the sessions it writes to: its holder id, and where it runs."""

    holder: str
    owner: str


class SessionTaken(StoreError):
    """Another app holds the session now; this one must not write to it."""


def new_holder() -> str:
    """An id for this app instance's claims."""
    return uuid.uuid4().hex


def this_process() -> str:
    """Where this app runs, as told to another app that finds the session taken."""
    return f"{socket.gethostname()[:150]} pid {os.getpid()}"


class SessionLockMixin:
    if TYPE_CHECKING:

        def _tx(self) -> AbstractContextManager[Session]: ...

        def _read(self) -> AbstractContextManager[Session]: ...

        def _now(self) -> datetime: ...

    def claim_session(
        self, session_id: str, holder: str, owner: str, take_over: bool = False
    ) -> SessionHolder | None:
        """Claim the session for `holder`: None when it is now ours, else who has it.

        Free, already ours, or held by an app whose heartbeat is stale: ours. Held by a live
        app: that app is returned and nothing changes, unless `take_over`.
        """
        now = self._now()
        with self._tx() as s:
            get_row(s, SessionRow, session_id, "session")  # NotFound when there is none
            s.connection().execute(
                db.dialect_insert(s.connection(), SessionLockRow)
                .values(session_id=session_id, holder=holder, owner=owner[:200],
                        acquired_at=now, heartbeat_at=now)
                .on_conflict_do_nothing(index_elements=["session_id"])
            )
            row = s.get(SessionLockRow, session_id, with_for_update=True, populate_existing=True)
            assert row is not None
            if row.holder == holder:
                row.heartbeat_at = now
            elif take_over or self._stale(row, now):
                row.holder, row.owner = holder, owner[:200]
                row.acquired_at = row.heartbeat_at = now
            else:
                return _holder(row)
            s.add(row)
            return None

    @staticmethod
    def _claim_new(s: Session, session_id: str, claimant: Claimant, now: datetime) -> None:
        """Claim a session made in the same transaction `s` (nobody else can hold it yet)."""
        s.add(SessionLockRow(session_id=session_id, holder=claimant.holder,
                             owner=claimant.owner[:200], acquired_at=now, heartbeat_at=now))

    def heartbeat(self, session_id: str, holder: str) -> bool:
        """Renew `holder`'s claim; False when another app has taken the session over."""
        with self._tx() as s:
            done = s.connection().execute(
                update(SessionLockRow)
                .where(col(SessionLockRow.session_id) == session_id,
                       col(SessionLockRow.holder) == holder)
                .values(heartbeat_at=self._now())
            )
            return bool(done.rowcount)

    def release_session(self, session_id: str, holder: str) -> None:
        """Give the claim up (the app closes the session or quits); another's claim stays."""
        with self._tx() as s:
            s.exec(
                delete(SessionLockRow).where(
                    col(SessionLockRow.session_id) == session_id,
                    col(SessionLockRow.holder) == holder,
                )
            )

    def session_holder(self, session_id: str) -> SessionHolder | None:
        """The live app holding the session, None when none does."""
        now = self._now()
        with self._read() as s:
            row = s.get(SessionLockRow, session_id)
            return None if row is None or self._stale(row, now) else _holder(row)

    def _check_holder(self, s: Session, session_id: str, holder: str | None) -> None:
        """Refuse a write by `holder` when a live claim of another app stands (None: no check)."""
        if holder is None:
            return
        row = s.get(SessionLockRow, session_id)
        if row is not None and row.holder != holder and not self._stale(row, self._now()):
            raise SessionTaken(
                f"session {session_id[:8]} was taken over by another mockroom ({row.owner}); "
                "this one no longer writes to it"
            )

    @staticmethod
    def _stale(row: SessionLockRow, now: datetime) -> bool:
        return now - row.heartbeat_at > timedelta(seconds=STALE_AFTER_S)


def _holder(row: SessionLockRow) -> SessionHolder:
    return SessionHolder(row.holder, row.owner, row.acquired_at, row.heartbeat_at)
