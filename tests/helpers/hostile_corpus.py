"""Hostile strings and a session carrying them, for the terminal-injection tests.

Each string is something a candidate could put in a name, an answer, a comment or a
crafted export: terminal escape sequences (OSC 52 writes the clipboard, CSI 2J clears
the screen), their 8-bit C1 forms, bidi overrides that make text read backwards, bare
control characters, markup of the TUI and of the exports.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime

from mockroom.core.result import CriterionResult, Flag, Match, ScoreResult
from mockroom.store.records import AttemptTiming, SessionRec
from mockroom.store.repo import Store

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
CLEAR = "\x1b[2J\x1b[H"
HOSTILE_STRINGS = [
    OSC52,
    CLEAR,
    "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b2J\x9d52;c;eA==\x9c",  # the same as 8-bit C1 controls
    "evil\u202etxt.exe",  # right-to-left override
    "\u2066isolated\u2069 \u202aembedded\u202c \u202blre\u202c \u202dlro\u202c",
    "bell\x07 backspace\x08 cr\roverwrite nul\x00 del\x7f vt\x0b ff\x0c",
    "[bold red]markup[/] [link=https://x.invalid]link[/link]",
    "<script>alert(1)</script> **bold** `code`",
]
ALL = "".join(HOSTILE_STRINGS)

# What may never reach a terminal from user text: ESC, C1 controls, bidi controls, and C0
# controls other than tab and newline.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters found in `text`, as escapes (empty: clean)."""
    return sorted({repr(c) for c in FORBIDDEN.findall(text)})


def hostile_result(question_id: str, answer: str, phrase: str) -> ScoreResult:
    """A score whose evidence points at `phrase` in the answer, with hostile labels."""
    start = answer.index(phrase)
    crit = CriterionResult(
        key="restore-first", rubric_id=question_id, label_zh=f"要点{CLEAR}",
        label_en=f"Point {OSC52}", tip_zh="补上", tip_en="tip \u202eesrever", weight=1.0,
        required=True, hit=True, negated=False, credit=1.0,
        matches=(Match(phrase, start, start + len(phrase), phrase, 1.0, "exact"),),
    )
    flag = Flag("red-flag", f"别{CLEAR}", f"blame {OSC52}", 5.0, "blame", ((start, start + 7),))
    return ScoreResult(
        question_id=question_id, score=61.0, criteria=(crit,), flags=(flag,), answer_lang="en",
        length=len(answer.split()), length_range=(10, 200), details={"coverage": 0.5},
    )


ANSWER = f"I restore service first.\n{ALL}\nThen I tell the customer."
QUESTION = "support.outage-customer-vs-platform"


def hostile_session(store: Store, db_file: str | None = None) -> SessionRec:
    """A finished session whose answer, comment, coach and labels are hostile.

    With `db_file` (an SQLite path), the candidate's name and the session's track are then
    set to hostile text behind the store's back, as a database written by an older
    release or by hand could hold them.
    """
    cand = store.get_candidate() or store.set_candidate_name("Wang Fang")
    sess = store.start_session(cand.id, "support", "mock", "en", [QUESTION], None, True)
    shown = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    a = store.record_attempt(
        sess.id, QUESTION, f"v1{CLEAR}", "en", ANSWER,
        hostile_result(QUESTION, ANSWER, "restore service"),
        AttemptTiming(shown, 3.0, 20.0, 90.0, 0.0, 55.0),
    )
    store.finish_session(sess.id)
    at = ANSWER.index(OSC52)
    store.add_comment(a.id, "Coach Li", f"look here {ALL}", (at, at + len(OSC52)))
    store.override_score(a.id, 70, "Coach Li")
    store.override_criterion(a.id, "restore-first", False, "Coach Li")
    store.mark_reviewed(a.id, "Coach Li")
    if db_file is not None:
        with closing(sqlite3.connect(db_file)) as conn, conn:
            conn.execute("UPDATE candidate SET name = ? WHERE id = ?", (f"Wang{OSC52}", cand.id))
            conn.execute("UPDATE practice_session SET track = ? WHERE id = ?",
                         (f"sup{CLEAR}", sess.id))
            conn.execute("UPDATE attempt SET coach = ? WHERE id = ?", ("Li\u202e", a.id))
    return sess
