"""`mockroom lint [PATH ...]`: check bank and rubric files; exit 1 on any problem."""

from __future__ import annotations

import argparse

from mockroom.cli.main import EXIT_OK, EXIT_PROBLEMS, add_bank_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the whole bank)")
    p.add_argument("--quiet", action="store_true", help="print problems only, no summary")
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    import sys

    from mockroom.core.lint import lint

    bank, problems = lint(args.paths, args.bank)
    for problem in problems:
        print(problem)
    if not args.quiet:
        n_ex = sum(len(q.examples) for q in bank.questions.values())
        print(
            f"{len(problems)} problem(s); {len(bank.questions)} questions, {len(bank.rubrics)} rubrics, "
            f"{n_ex} examples checked",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if problems else EXIT_OK
