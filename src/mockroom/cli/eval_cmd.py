"""`mockroom eval`: how well the scorer agrees with graded answers (files, or the banks' examples)."""

from __future__ import annotations

import argparse
import sys

from mockroom.cli.main import EXIT_PROBLEMS, EXIT_USAGE, CliError, add_bank_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="graded-answers YAML files (default: the graded examples of the banks in use)")
    p.add_argument("--question", "-q", action="append", metavar="ID",
                   help="only this question (repeatable)")
    p.add_argument("--worst", type=int, default=5, metavar="N",
                   help="how many disagreements to show with their evidence (default 5)")
    p.add_argument("--min-spearman", type=float, metavar="R",
                   help="exit 1 when the mean per-question Spearman is below R")
    p.add_argument("--max-mae", type=float, metavar="P",
                   help="exit 1 when the mean absolute error is above P points")
    p.add_argument("--min-question-spearman", type=float, metavar="R",
                   help="exit 1 when any question's Spearman is below R")
    p.add_argument("--by-kind", action="store_true",
                   help="also a table per kind of answer (the files' `kind`): mean grade beside mean score")
    p.add_argument("--json", action="store_true", help="print one JSON object (every answer, worst first)")
    p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                   help="interface language (default: from the locale)")
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.common import bank_from, interface_lang, print_json
    from mockroom.core.eval_report import format_text, to_json
    from mockroom.core.evaluate import (
        GradedFileError,
        bank_examples,
        checks,
        evaluate,
        load_graded,
        score_all,
    )

    if args.worst < 0:
        raise CliError("--worst must be 0 or more")
    bank = bank_from(args)
    for qid in args.question or ():
        if qid not in bank.questions:
            raise CliError(f"unknown question id {qid!r}; `mockroom bank list` shows them")
    problems, answers = [], []
    for path in args.files:
        try:
            answers += load_graded(path, bank.questions)
        except GradedFileError as e:
            problems.append(e.problem)
    if problems:  # every bad file named, nothing scored
        for problem in problems:
            print(f"mockroom: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not args.files:
        answers = bank_examples(bank)
    if args.question:
        answers = [a for a in answers if a.question_id in args.question]
    if not answers:
        raise CliError("no graded answers to evaluate" + ("" if args.files else " (the banks have no examples)"))

    ev = evaluate(score_all(bank, answers))
    measured = checks(ev, args.min_spearman, args.max_mae, args.min_question_spearman)
    if args.json:
        print_json(to_json(ev, measured, args.files))
    else:
        print(format_text(ev, measured, args.files, interface_lang(args), args.worst, args.by_kind))
    return 0 if all(c.passed for c in measured) else EXIT_PROBLEMS

