"""`mockroom review`: list sessions, read a transcript, and grade answers from the command line.

    mockroom review [--candidate NAME] [--track T] [--state S] [--since DATE]
    mockroom review SESSION [--blind]
    mockroom review SESSION --attempt N --coach NAME [--comment TEXT [--span S:E]]
                    [--point KEY=hit|miss|auto ...] [--score N|auto] [--reviewed|--unreviewed]
    mockroom review SESSION --summary TEXT --coach NAME
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mockroom.cli.main import CliError, add_bank_option, add_db_option
from mockroom.core import number_format

if TYPE_CHECKING:
    from mockroom.store.records import SessionSummary, Transcript
    from mockroom.store.repo import Store
    from mockroom.store.session_record import AnswerRecord, SessionRecord

STATES = ("unreviewed", "partial", "reviewed")
LIMIT_MAX = 2**31 - 1
VERDICTS = {"hit": True, "met": True, "miss": False, "missed": False, "auto": None}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("session", nargs="?", metavar="SESSION", help="session id (or its first characters)")
    lst = p.add_argument_group("listing sessions (without SESSION)")
    lst.add_argument("--candidate", metavar="NAME", help="candidate id or part of the name")
    lst.add_argument("--track", help="only this track")
    lst.add_argument("--state", choices=STATES, help="review state")
    lst.add_argument("--since", metavar="DATE", help="sessions started on or after (YYYY-MM-DD)")
    lst.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    p.add_argument("--blind", action="store_true", help="hide auto scores until you have graded")
    p.add_argument("--json", action="store_true", help="print JSON")
    act = p.add_argument_group("grading one answer of SESSION")
    act.add_argument("--attempt", "-a", metavar="N|ID",
                     help="answer as the transcript numbers it (2; 2r1 its retry; 2a its follow-up) or id")
    act.add_argument("--coach", metavar="NAME", help="your name (default: MOCKROOM_COACH)")
    act.add_argument("--comment", metavar="TEXT", help="add a comment")
    act.add_argument("--span", metavar="START:END", help="the comment is on answer[START:END]")
    act.add_argument(
        "--point", action="append", default=[], metavar="KEY=hit|miss|auto",
        help="override a rubric point (auto gives it back to the scorer; repeatable)",
    )
    act.add_argument("--score", metavar="N|auto", help="your score 0-100 (auto removes it)")
    mark = act.add_mutually_exclusive_group()
    mark.add_argument("--reviewed", action="store_true", help="mark the answer reviewed")
    mark.add_argument("--unreviewed", action="store_true", help="take the reviewed mark off")
    p.add_argument("--summary", metavar="TEXT",
                   help="your overall comment on SESSION, shown atop its exports (\"\" removes it)")
    add_db_option(p)
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.db_common import open_store

    acting = bool(
        args.comment or args.point or args.score is not None or args.reviewed or args.unreviewed
    )
    if args.session is None:
        if acting or args.attempt or args.summary is not None:
            raise CliError("grading needs a SESSION: mockroom review SESSION --attempt N ...")
        with open_store(args) as store:
            return _list(store, args)
    with open_store(args) as store:
        from mockroom.store import StoreError

        try:
            session = store.find_session(args.session)
            if args.summary is not None:
                if acting or args.attempt:
                    raise CliError("--summary is on the whole session: give it without "
                                   "--attempt and the grading options")
                _summary(store, session.id, args)
                return 0
            if acting:
                if not args.attempt:
                    raise CliError("say which answer: --attempt N (its number in the transcript)")
                _grade(store, store.transcript(session.id), args)
                return 0
            if args.attempt:
                raise CliError("--attempt is for grading; add --comment, --point, --score or --reviewed")
            _show(store.transcript(session.id), args)
        except StoreError as e:
            raise CliError(str(e)) from None
    return 0


def _list(store: Store, args: argparse.Namespace) -> int:
    from mockroom.cli.common import print_json
    from mockroom.cli.db_common import parse_day
    from mockroom.core.cells import pad

    since = parse_day(args.since) if args.since else None
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    # More than any database holds means all of them; the database's integers stop at 2^63.
    limit = min(args.limit, LIMIT_MAX)
    rows = store.list_sessions(args.candidate, args.track, args.state, since, limit)
    if args.json:
        print_json([_summary_json(r, args.blind) for r in rows])
        return 0
    if not rows:
        print("no sessions match")
        return 0
    # A question counts once: its result is its best attempt (store/session_record.py).
    print(f"{'SESSION':<10} {'STARTED':<16} {'CANDIDATE':<18} {'TRACK':<12} {'QUESTIONS':>9} "
          f"{'AUTO':>5} {'COACH':>11}  REVIEW")
    for r in rows:
        auto = "" if args.blind or r.mean_auto is None else number_format.mean(r.mean_auto)
        coach = (
            "" if r.mean_coach is None
            else f"{number_format.mean(r.mean_coach)} · {r.coached}/{r.questions}"
        )
        print(f"{r.id[:8]:<10} {r.started_at:%Y-%m-%d %H:%M} {pad(r.candidate_name, 18)} "
              f"{r.track[:12]:<12} {r.questions:>9} {auto:>5} {coach:>11}  "
              f"{r.review_state} {r.reviewed}/{r.questions}{' (imported)' if r.imported else ''}")
    return 0


def _summary_json(r: SessionSummary, blind: bool) -> dict[str, object]:
    return {
        "id": r.id, "candidate": r.candidate_name, "candidate_id": r.candidate_id,
        "track": r.track, "mode": r.mode, "state": r.state,
        "started_at": r.started_at.isoformat(),
        "ended_at": r.ended_at.isoformat() if r.ended_at else None,
        "questions": r.questions, "reviewed": r.reviewed, "review_state": r.review_state,
        "mean_auto": None if blind else r.mean_auto, "mean_coach": r.mean_coach,
        "coached": r.coached, "imported": r.imported,
    }


def _show(t: Transcript, args: argparse.Namespace) -> None:
    from mockroom.cli.common import print_json
    from mockroom.store.session_record import of_transcript

    if args.json:
        from mockroom.transfer.export_json import to_dict

        data = to_dict(t)
        if args.blind:
            data = _blinded(data, t)
        print_json(data)
        return
    from mockroom.cli.common import bank_from

    # The bank gives the questions' and follow-ups' wording; without one, ids and point labels.
    s, record = t.session, of_transcript(t, bank_from(args))
    mean = record.mean_score
    print(f"session {s.id}  {t.candidate.name}  track {s.track}  mode {s.mode}  "
          f"{s.started_at:%Y-%m-%d %H:%M} UTC  {s.state}")
    print(f"{len(record.questions)} questions · mean final score "
          f"{number_format.mean(mean)} (each question's best attempt)")
    if s.summary is not None:
        print(f"summary by {s.summary.coach} ({s.summary.written_at:%Y-%m-%d %H:%M} UTC): "
              f"{s.summary.text}")
    for q in record.questions:
        print()
        print(f"== Question {q.number} of {len(record.questions)}: {_first_line(q.prompt.get(s.lang))}"
              + (f"  (result: answer {q.best.label}, {number_format.score(q.score)})"
                 if len(q.attempts) > 1 else ""))
        for a in q.answers:
            print()
            print(_format_item(a, s.lang, hide=args.blind and not a.review.graded))


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def _blinded(data: dict[str, Any], t: Transcript) -> dict[str, Any]:
    """Strip the scorer's verdicts from answers the coach has not graded yet."""
    data = dict(data)
    data.pop("checksum", None)
    graded = {i.attempt.id for i in t.items if i.review.graded}
    attempts = []
    for a in data["attempts"]:
        if a["id"] not in graded:
            a = {k: v for k, v in a.items() if k not in ("auto_score", "result")}
            a["blind"] = True
        attempts.append(a)
    data["attempts"] = attempts
    return data


KINDS = {"first": "answer", "retry": "retry", "follow_up": "follow-up"}


def _format_item(item: AnswerRecord, lang: str, hide: bool) -> str:
    from mockroom.core.report import MARKS, excerpt

    a, r, v, tm = item.attempt, item.review, item.verdict, item.attempt.timing
    head = f"[{item.label}] {KINDS[item.kind]}"
    if item.kind == "follow_up":
        head += f": {_first_line(item.prompt.get(lang))}"
    head += f"  (id {a.id[:8]})"
    lines = [
        head,
        f"    prep {tm.prep_s:.0f} s · answer {tm.answer_s:.0f} s · overtime {tm.overtime_s:.0f} s"
        f" · bank {a.bank_version}" + (f" · self-rating {a.self_rating}" if a.self_rating is not None else ""),
        "    ┌ answer",
        *(f"    │ {line}" for line in (a.answer or "(empty)").splitlines()),
        "    └",
    ]
    auto = "hidden (blind)" if hide else number_format.score(v.auto_score)
    coach = number_format.score(r.coach_score)
    final = "" if hide else f" · final {number_format.score(v.score)}"
    done = f"reviewed {r.reviewed_at:%Y-%m-%d %H:%M} by {r.coach}" if r.reviewed_at else "not reviewed"
    lines.append(f"    auto score {auto} · coach score {coach}{final} · {done}")
    # Each point's final verdict (the coach's over the scorer's), the scorer's beside it.
    for p in v.points:
        c = p.criterion
        req = " (required)" if c.required else ""
        coach_mark = "" if p.coach is None else f"  coach: {'hit' if p.coach else 'missed'}"
        if hide:
            mark = "·" if p.coach is None else MARKS[p.final]
            lines.append(f"    {mark} {c.label(lang)}{req} [{c.key}]{coach_mark}")
            continue
        lines.append(f"    {MARKS[p.final]} {c.label(lang)}{req} [{c.key}] {p.final}"
                     f"{f' (auto: {p.auto})' if p.overridden else ''}{coach_mark}")
        best = c.best
        if best is not None:
            lines.append(f"        {best.kind} {best.similarity:.2f}: "
                         f"{excerpt(a.answer, best.start, best.end)}")
    if not hide:
        for f in v.flags:
            lines.append(f"    ! {f.code}"
                         + (f" ({number_format.MINUS}{number_format.points(f.penalty)})"
                            if f.penalty else "")
                         + f": {f.message(lang)}")
        for f in v.auto_flags:
            if f not in v.flags:
                lines.append(f"    (lifted by the coach's verdict) {f.code}: {f.message(lang)}")
    for n in item.comments:
        where = f" on “{a.answer[n.span[0]:n.span[1]]}”" if n.span else ""
        lines.append(f"    ✎ {n.author} {n.created_at:%Y-%m-%d %H:%M}{where}: {n.body}")
    return "\n".join(lines)


def _grade(store: Store, t: Transcript, args: argparse.Namespace) -> None:
    from mockroom.cli.db_common import coach_name
    from mockroom.store.session_record import of_transcript

    coach = coach_name(args)
    item = _pick(of_transcript(t), args.attempt)
    aid = item.id
    keys = {c.key for c in item.attempt.result.criteria}
    points = [_verdict(p, keys) for p in args.point]
    span = _span(args.span) if args.span else None
    if span and not args.comment:
        raise CliError("--span marks the passage of a --comment; give --comment TEXT too")
    score = None if args.score in (None, "auto") else _score(args.score)
    # Validated everything above; now change the database.
    if args.comment:
        store.add_comment(aid, coach, args.comment, span)
        print(f"comment added to answer {item.label} ({aid[:8]})")
    for key, hit in points:
        store.override_criterion(aid, key, hit, coach)
        print(f"point {key}: {'back to the scorer' if hit is None else 'hit' if hit else 'missed'}")
    if args.score is not None:
        store.override_score(aid, score, coach)
        print("coach score removed" if score is None
              else f"coach score {number_format.score(score)} "
              f"(auto score {number_format.score(item.attempt.auto_score)} kept)")
    if args.reviewed or args.unreviewed:
        store.mark_reviewed(aid, coach, reviewed=args.reviewed)
        print(f"answer {item.label} marked {'reviewed' if args.reviewed else 'not reviewed'}")


def _summary(store: Store, session_id: str, args: argparse.Namespace) -> None:
    from mockroom.cli.db_common import coach_name

    rec = store.set_summary(session_id, args.summary, coach_name(args))
    print(f"summary of session {session_id[:8]} "
          + ("written" if rec.summary is not None else "removed"))


def _pick(record: SessionRecord, ident: str) -> AnswerRecord:
    found = record.find(ident)
    if found is None:
        labels = ", ".join(a.label for a in record.answers) or "none"
        raise CliError(f"no answer {ident.strip()!r} in this session (answers: {labels})")
    return found


def _verdict(text: str, keys: set[str]) -> tuple[str, bool | None]:
    key, sep, word = text.rpartition("=")
    if not sep or word.lower() not in VERDICTS:
        raise CliError(f"--point {text!r}: expected KEY=hit, KEY=miss or KEY=auto")
    if key not in keys:
        raise CliError(f"--point {key!r}: not a rubric point of this answer "
                       f"(points: {', '.join(sorted(keys))})")
    return key, VERDICTS[word.lower()]


def _span(text: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise CliError(f"--span {text!r}: expected START:END character offsets, e.g. 12:30") from None


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"--score {text!r}: expected a number 0-100 or auto") from None
    if not 0 <= value <= 100:
        raise CliError(f"--score {text}: a score is between 0 and 100")
    return value + 0.0  # -0 is 0
