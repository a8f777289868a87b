"""`mockroom import FILE`: take an exported JSON session into this database, all or nothing."""

from __future__ import annotations

import argparse

from mockroom.cli.main import CliError, add_db_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a session exported with `mockroom export --format json`")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.db_common import open_store
    from mockroom.store import StoreError
    from mockroom.transfer.errors import TransferError
    from mockroom.transfer.import_json import read

    try:
        transcript = read(args.file)  # every check before the database is opened
    except TransferError as e:
        raise CliError(str(e)) from None
    with open_store(args) as store:
        try:
            done = store.import_transcript(transcript)
        except StoreError as e:
            raise CliError(f"{args.file}: {e}") from None
    who = f"{transcript.candidate.name}, {transcript.session.track}"
    if not done.changed:
        print(f"nothing new: session {done.session_id[:8]} ({who}) is already here")
    elif done.new_session:
        print(f"imported session {done.session_id[:8]} ({who}): {done.attempts_added} answers, "
              f"{done.comments_added} comments, {done.reviews_updated} coach reviews")
    else:
        print(f"updated session {done.session_id[:8]} ({who}): {done.attempts_added} new answers, "
              f"{done.comments_added} new comments, {done.reviews_updated} newer coach reviews")
    return 0
