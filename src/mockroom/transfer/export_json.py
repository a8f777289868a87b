"""A session as versioned JSON: everything needed to rebuild it in another database.

The envelope is {"format": "mockroom-session", "version": 2, ..., "checksum"}.
The checksum (SHA-256 of the canonical JSON of everything else) lets the
import tell a file damaged or changed by hand from one mockroom wrote. It is
not a signature: anyone can recompute it, so it detects accidents, not
tampering (what a forged file can and cannot do is in store/lineage.py). The output is
deterministic: the same session always exports to the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from mockroom.core.inert import inert_json
from mockroom.store.records import CommentRec, SessionRec, Transcript, TranscriptItem
from mockroom.transfer.errors import TransferError

FORMAT = "mockroom-session"
VERSION = 3
"""2: reviews carry their lineage (revision, digest, ancestors); 3: the session carries the
coach's summary with its lineage. Version 1 and 2 files still import (with no summary)."""


def to_dict(t: Transcript) -> dict[str, Any]:
    s = t.session
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "candidate": {"id": t.candidate.id, "name": t.candidate.name},
        "session": {
            "id": s.id,
            "track": s.track,
            "mode": s.mode,
            "lang": s.lang,
            "question_ids": list(s.question_ids),
            "time_budget_s": s.time_budget_s,
            "clock_on": s.clock_on,
            "started_at": _time(s.started_at),
            "ended_at": _time(s.ended_at),
            "state": s.state,
            "summary": _summary(s),
        },
        "attempts": [_attempt(i) for i in t.items],
    }
    body["checksum"] = checksum(body)
    return body


def dumps(t: Transcript) -> str:
    """The file's text: never NaN or Infinity (other programs' JSON cannot read them), and
    controls, bidi controls and lone surrogates written as \\u escapes (same data, inert)."""
    data = to_dict(t)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:
        raise TransferError(
            f"session {t.session.id} holds a number that is not finite (NaN or Infinity), "
            "which JSON cannot carry; it came in before mockroom checked imports"
        ) from None
    return inert_json(text) + "\n"


def checksum(body: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the envelope without its checksum."""
    content = {k: v for k, v in body.items() if k != "checksum"}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # surrogatepass: a crafted file's lone surrogate must reach the schema's one-line refusal.
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _attempt(item: TranscriptItem) -> dict[str, Any]:
    a, r, t = item.attempt, item.review, item.attempt.timing
    return {
        "id": a.id,
        "question_id": a.question_id,
        "bank_version": a.bank_version,
        "prompt_lang": a.prompt_lang,
        "answer": a.answer,
        "created_at": _time(a.created_at),
        "follow_up_of": a.follow_up_of,
        "follow_up_criterion": a.follow_up_criterion,
        "self_rating": a.self_rating,
        "auto_score": a.auto_score,
        "timing": {
            "shown_at": _time(t.shown_at),
            "first_key_s": t.first_key_s,
            "prep_s": t.prep_s,
            "answer_s": t.answer_s,
            "overtime_s": t.overtime_s,
            "typing_cpm": t.typing_cpm,
        },
        "result": a.result.to_dict(),
        "review": {
            "coach": r.coach,
            "coach_score": r.coach_score,
            "reviewed_at": _time(r.reviewed_at),
            "coached_at": _time(r.coached_at),
            "points": dict(sorted(r.points.items())),
            "revision": r.revision,
            "digest": r.digest,
            "ancestors": list(r.ancestors),
        },
        "comments": [_comment(c) for c in item.comments],
    }


def _summary(s: SessionRec) -> dict[str, Any] | None:
    """The coach's overall comment and its lineage (store/summary_lineage.py); text, coach
    and time are null when a coach removed it, None when none was ever written."""
    if s.summary_digest is None:
        return None
    note = s.summary
    return {
        "text": note.text if note else None,
        "coach": note.coach if note else None,
        "written_at": _time(note.written_at) if note else None,
        "digest": s.summary_digest,
        "ancestors": list(s.summary_ancestors),
    }


def _comment(c: CommentRec) -> dict[str, Any]:
    return {
        "id": c.id,
        "author": c.author,
        "body": c.body,
        "span": list(c.span) if c.span else None,
        "created_at": _time(c.created_at),
    }


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
