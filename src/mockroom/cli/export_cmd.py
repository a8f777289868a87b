"""`mockroom export SESSION --format md|html|json [-o FILE]`: a transcript to read, print or move."""

from __future__ import annotations

import argparse

from mockroom.cli.main import CliError, add_bank_option, add_db_option
from mockroom.transfer.session_file import FORMATS


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("session", metavar="SESSION", help="session id (or its first characters)")
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="md, html or json (default: from the -o suffix, else md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of a Markdown or HTML export (default: the session's)")
    add_bank_option(p)
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from mockroom.cli.db_common import open_store
    from mockroom.store import StoreError

    fmt = args.format or _format_of(args.output)
    with open_store(args) as store:
        try:
            transcript = store.transcript(store.find_session(args.session).id)
        except StoreError as e:
            raise CliError(str(e)) from None
    from mockroom.transfer.session_file import render, write

    # The bank is only for the questions' wording; exports work without it.
    bank = None
    if fmt == "json" and args.lang:
        raise CliError("--lang is for md and html: a JSON export is data, in no language")
    if fmt != "json":
        from mockroom.cli.common import bank_from

        bank = bank_from(args)
    from mockroom.transfer.errors import TransferError

    try:
        if args.output is None:
            sys.stdout.write(render(transcript, fmt, bank, args.lang))
            return 0
        write(transcript, fmt, Path(args.output), bank, args.lang)
    except TransferError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"cannot write {args.output}: {e.strerror or e}") from None
    from mockroom.store.session_record import questions_of

    questions = questions_of(transcript.items)
    print(f"wrote {args.output} ({fmt}, {len(questions)} questions, "
          f"{len(transcript.items)} answers)", file=sys.stderr)
    return 0


def _format_of(output: str | None) -> str:
    if output:
        suffix = output.rsplit(".", 1)[-1].lower() if "." in output else ""
        if suffix in ("md", "markdown"):
            return "md"
        if suffix in ("html", "htm"):
            return "html"
        if suffix == "json":
            return "json"
    return "md"
