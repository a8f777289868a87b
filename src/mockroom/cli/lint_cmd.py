"""`mockroom lint [PATH ...]`: check bank and rubric files; exit 1 on any problem."""

from __future__ import annotations

import argparse

from mockroom.cli.main import EXIT_OK, EXIT_PROBLEMS, add_bank_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the whole bank)")
    p.add_argument("--quiet", action="store_true", help="print problems only, no summary")
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.core.lint import checked, lint

    bank, problems = lint(args.paths, args.bank)
    for problem in problems:
        print(problem)
    if not args.quiet:
        # On stdout after the problems, so the two never interleave: a clean result is a
        # result, not an error. The counts are of the paths given, not the bank around them.
        n = checked(bank, args.paths)
        print(f"{_n(len(problems), 'problem')}; {_n(n.files, 'file')}: {_n(n.questions, 'question')}, "
              f"{_n(n.rubrics, 'rubric')}, {_n(n.examples, 'example')} checked")
    return EXIT_PROBLEMS if problems else EXIT_OK


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
