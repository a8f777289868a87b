"""`mockroom calibrate`: how well auto scores agree with coaches, and which rubric points they
reverse; with --suggest, the phrases coaches' overrides teach each point."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mockroom.cli.main import EXIT_USAGE, CliError, add_bank_option, add_db_option

if TYPE_CHECKING:
    from mockroom.core.phrase_suggest import Override
    from mockroom.store import Store


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--track", help="only sessions of this track")
    p.add_argument("--coach", metavar="NAME", help="only this coach's grades")
    p.add_argument("--top", type=int, default=15,
                   help="how many rubric points to list, most overridden first (default 15)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--suggest", action="store_true",
                   help="propose rubric phrases from coaches' point overrides, checked with the scorer")
    p.add_argument("--graded", action="append", default=[], metavar="FILE",
                   help="with --suggest: graded-answers files to check proposals on, beside the "
                        "banks' examples (repeatable)")
    p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                   help="interface language of --suggest (default: from the locale)")
    add_db_option(p)
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CliError("--top must be at least 1")
    if args.suggest:
        return _suggest(args)
    if args.graded:
        raise CliError("--graded goes with --suggest")
    from mockroom.cli.common import print_json
    from mockroom.cli.db_common import open_store
    from mockroom.core.calibrate import ALL, agreement, overridden_points

    with open_store(args) as store:
        pairs, verdicts = store.calibration_data(args.track, args.coach)
    rows = agreement(pairs)
    points = overridden_points(verdicts)[: args.top]
    if args.json:
        print_json({
            "questions": [
                {"question_id": r.question_id, "graded": r.graded, "spearman": _r(r.spearman),
                 "mean_difference": _r(r.mean_difference),
                 "mean_abs_difference": _r(r.mean_abs_difference)}
                for r in rows
            ],
            "points": [
                {"question_id": p.question_id, "key": p.key, "reviewed": p.reviewed,
                 "to_hit": p.to_hit, "to_miss": p.to_miss, "rate": _r(p.rate)}
                for p in points
            ],
        })
        return 0
    if not rows and not points:
        print("no coach grades yet: grade answers with `mockroom review SESSION --attempt N --score S`")
        return 0
    print("Agreement of auto scores with coach scores (rho: Spearman rank correlation;")
    print("diff: mean coach - auto, positive when the scorer is harsher)\n")
    print(f"{'QUESTION':<40} {'GRADED':>6} {'RHO':>6} {'DIFF':>7} {'|DIFF|':>7}")
    for r in rows:
        rho = "-" if r.spearman is None else f"{r.spearman:.2f}"
        name = "all questions" if r.question_id == ALL else r.question_id
        print(f"{name[:40]:<40} {r.graded:>6} {rho:>6} {r.mean_difference:>+7.1f} "
              f"{r.mean_abs_difference:>7.1f}")
    print("\nRubric points coaches reverse most\n")
    if not points:
        print("none: coaches agreed with every rubric point verdict")
        return 0
    print(f"{'QUESTION':<32} {'POINT':<28} {'REVERSED':>8} {'OF':>4} {'→HIT':>5} {'→MISS':>5}")
    for p in points:
        print(f"{p.question_id[:32]:<32} {p.key[:28]:<28} {p.rate:>7.0%} {p.reviewed:>4} "
              f"{p.to_hit:>5} {p.to_miss:>5}")
    return 0


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _suggest(args: argparse.Namespace) -> int:
    import sys
    from dataclasses import replace

    from mockroom.cli.common import bank_from, interface_lang, print_json
    from mockroom.cli.db_common import open_store
    from mockroom.core.evaluate import GradedFileError, bank_examples, load_graded
    from mockroom.core.phrase_suggest import suggest
    from mockroom.core.suggest_report import format_text, to_json

    bank = bank_from(args)
    graded, problems = bank_examples(bank), []
    for path in args.graded:
        try:
            graded += load_graded(path, bank.questions)
        except GradedFileError as e:
            problems.append(e.problem)
    if problems:
        for problem in problems:
            print(f"mockroom: {problem}", file=sys.stderr)
        return EXIT_USAGE
    with open_store(args) as store:
        overrides = coach_overrides(store, args.track, args.coach)
    found = suggest(bank, overrides, graded)
    found = replace(found, points=found.points[: args.top])
    if args.json:
        print_json(to_json(found, bank))
    else:
        print(format_text(found, bank, interface_lang(args)))
    return 0


def coach_overrides(store: Store, track: str | None, coach: str | None) -> list[Override]:
    """Every rubric point a coach reversed, with the answer and the coach's commented passages."""
    from mockroom.core.phrase_suggest import Override, Passage

    out = []
    for summary in store.list_sessions(track=track):
        for item in store.transcript(summary.id).items:
            review = item.review
            if not review.points or (coach and review.coach != coach):
                continue
            scored = {c.key: c.hit for c in item.attempt.result.criteria}
            passages = tuple(Passage(*c.span, c.body) for c in item.comments if c.span)
            out += [
                Override(item.attempt.question_id, key, met, item.attempt.answer, item.attempt.id, passages)
                for key, met in sorted(review.points.items())
                if met != scored.get(key, False)
            ]
    return out
