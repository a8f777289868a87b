"""`mockroom score`: score one answer and print the evidence."""

from __future__ import annotations

import argparse

from mockroom.cli.main import add_bank_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--question", "-q", required=True, metavar="ID", help="question id, e.g. sales.ab-testing")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answer-file", "-f", metavar="PATH", help="file with the answer (UTF-8)")
    src.add_argument("answer_stdin", nargs="?", metavar="-", help="read the answer from stdin")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    # SUPPRESS keeps `mockroom --lang zh score ...` working, as for --bank.
    p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                   help="language of the report (default: the answer's)")
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.common import bank_from, print_json, question, read_text
    from mockroom.cli.main import CliError

    if args.answer_stdin not in (None, "-"):
        raise CliError(f"unexpected argument {args.answer_stdin!r}: use --answer-file PATH or - for stdin")
    bank = bank_from(args)
    q = question(bank, args.question)
    answer = read_text(args.answer_file or "-")

    from mockroom.core.scorer import Scorer

    result = Scorer(bank).score(q, answer)
    if args.json:
        print_json(result.to_dict())
    else:
        from mockroom.core.report import format_result

        print(format_result(q, result, answer, args.lang or result.answer_lang))
    return 0
