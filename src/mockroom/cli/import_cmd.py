"""`mockroom import FILE [--ours|--theirs]`: take an exported JSON session in, all or nothing."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mockroom.cli.main import EXIT_PROBLEMS, CliError, add_db_option

if TYPE_CHECKING:
    from mockroom.store.records import CoachReview, SessionSummaryNote, Transcript


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a session exported with `mockroom export --format json`")
    side = p.add_mutually_exclusive_group()
    side.add_argument("--ours", action="store_const", const="ours", dest="resolution",
                      help="where a coach review changed here and in the file, keep this one")
    side.add_argument("--theirs", action="store_const", const="theirs", dest="resolution",
                      help="where a coach review changed here and in the file, take the file's")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    import sys

    from mockroom.cli.db_common import open_store
    from mockroom.store import StoreError
    from mockroom.store.review_merge import ImportConflict
    from mockroom.transfer.errors import TransferError
    from mockroom.transfer.import_json import read

    try:
        transcript = read(args.file)  # every check before the database is opened
    except TransferError as e:
        raise CliError(str(e)) from None
    with open_store(args) as store:
        try:
            done = store.import_transcript(transcript, args.resolution)
        except ImportConflict as e:
            print(f"mockroom: {args.file}: {e}", file=sys.stderr)
            numbers = _numbers(transcript)
            for c in e.conflicts:
                print(f"  answer {numbers.get(c.attempt_id, '?')} ({c.question_id}, "
                      f"{c.attempt_id[:8]}): here {_said(c.ours)}; in the file {_said(c.theirs)}",
                      file=sys.stderr)
            if e.summary is not None:
                print(f"  the session's summary: here {_note(e.summary.ours)}; "
                      f"in the file {_note(e.summary.theirs)}", file=sys.stderr)
            return EXIT_PROBLEMS
        except StoreError as e:
            raise CliError(f"{args.file}: {e}") from None
        if store.in_memory:
            print("note: the database is in memory (sqlite://): nothing imported is kept",
                  file=sys.stderr)
    who = f"{transcript.candidate.name}, {transcript.session.track}"
    if not done.changed:
        print(f"nothing new: session {done.session_id[:8]} ({who}) is already here")
    elif done.new_session:
        print(f"imported session {done.session_id[:8]} ({who}): {done.attempts_added} answers, "
              f"{done.comments_added} comments, {done.reviews_updated} coach reviews"
              + (", the coach's summary" if done.summary_updated else ""))
    else:
        print(f"updated session {done.session_id[:8]} ({who}): {done.attempts_added} new answers, "
              f"{done.comments_added} new comments, {done.reviews_updated} coach reviews "
              + ("resolved and updated" if args.resolution else "updated")
              + (", the coach's summary " + ("resolved" if args.resolution else "updated")
                 if done.summary_updated else ""))
    return 0


def _numbers(transcript: Transcript) -> dict[str, str]:
    from mockroom.transfer.common import numbered

    return {item.attempt.id: n for n, item in numbered(transcript)}


def _note(note: SessionSummaryNote | None) -> str:
    """A summary in a few words: who wrote it, when, and how it starts."""
    from mockroom.core.cells import clip

    if note is None:
        return "removed"
    return f"by {note.coach} at {note.written_at:%Y-%m-%d %H:%M} UTC: {clip(note.text, 40)!r}"


def _said(r: CoachReview) -> str:
    """A review in a few words: revision, coach, score, verdicts, reviewed or not."""
    from mockroom.core.number_format import score as shown

    score = "no score" if r.coach_score is None else f"score {shown(r.coach_score)}"
    points = f", {len(r.points)} point verdicts" if r.points else ""
    done = "reviewed" if r.reviewed_at else "not reviewed"
    when = f" at {r.coached_at:%Y-%m-%d %H:%M} UTC" if r.coached_at else ""
    return f"revision {r.revision} by {r.coach or '?'}{when}: {score}{points}, {done}"
