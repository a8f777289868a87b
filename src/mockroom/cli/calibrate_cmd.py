"""`mockroom calibrate`: how well auto scores agree with coaches, and which rubric points they reverse."""

from __future__ import annotations

import argparse

from mockroom.cli.main import CliError, add_db_option


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--track", help="only sessions of this track")
    p.add_argument("--coach", metavar="NAME", help="only this coach's grades")
    p.add_argument("--top", type=int, default=15, help="how many rubric points to list (default 15)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.common import print_json
    from mockroom.cli.db_common import open_store
    from mockroom.core.calibrate import ALL, agreement, overridden_points

    if args.top < 1:
        raise CliError("--top must be at least 1")
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
