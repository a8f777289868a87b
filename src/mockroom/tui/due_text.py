"""The review schedule in words: what is due per track and when the next question will be,
and what a question missed when it was last answered."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from mockroom.tui.strings import t, track_name

if TYPE_CHECKING:
    from mockroom.practice.last_time import LastTime
    from mockroom.store.due import TrackDue


def until(lang: str, moment: datetime, now: datetime) -> str:
    """How long until `moment`, roughly: minutes, hours or days (rounded up: never early)."""
    seconds = (moment - now).total_seconds()
    if seconds < 60:
        return t(lang, "when.now")
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return t(lang, "when.minutes", n=minutes)
    hours = math.ceil(seconds / 3600)
    if hours < 24:
        return t(lang, "when.hours", n=hours)
    days = math.ceil(seconds / 86400)
    return t(lang, "when.day") if days == 1 else t(lang, "when.days", n=days)


def ago(lang: str, moment: datetime, now: datetime) -> str:
    """How long ago `moment` was, roughly (rounded down)."""
    seconds = max(0.0, (now - moment).total_seconds())
    if seconds < 3600:
        return t(lang, "when.minutes_ago", n=max(1, int(seconds // 60)))
    if seconds < 86400:
        return t(lang, "when.hours_ago", n=int(seconds // 3600))
    return t(lang, "when.days_ago", n=int(seconds // 86400))


def due_lines(
    lang: str, tracks: Sequence[str], due: Mapping[str, TrackDue], now: datetime
) -> list[str]:
    """One line per track of the bank: due now, and when the next one is."""
    if not any(due.get(tr) for tr in tracks):
        return [t(lang, "due.empty")]
    lines = []
    for tr in tracks:
        d = due.get(tr)
        name = track_name(lang, tr)
        if d is None:
            lines.append(t(lang, "due.unseen", track=name))
            continue
        nxt = t(lang, "due.next", when=until(lang, d.next_due, now)) if d.next_due else ""
        key = "due.now" if d.due_now else "due.none"
        lines.append(t(lang, key, track=name, n=d.due_now) + nxt)
    return lines


def last_time_text(lang: str, last: LastTime, now: datetime) -> str:
    """What the last answer missed, with a tip for each point, before answering again."""
    head = t(lang, "last.head", when=ago(lang, last.answered_at, now), score=f"{last.score:g}")
    if not last.missed:
        return f"{head}\n{t(lang, 'last.all_hit')}"
    lines = [head]
    for p in last.missed:
        c = p.criterion
        mark = (t(lang, "last.required") if c.required else "") + (
            t(lang, "last.negated") if p.final == "negated" else "")
        lines.append(t(lang, "last.point", label=c.label(lang), mark=mark, tip=c.tip(lang)))
    return "\n".join(lines)
