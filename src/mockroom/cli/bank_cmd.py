"""`mockroom bank list|show`: browse the question bank."""

from __future__ import annotations

import argparse

from mockroom.cli.main import add_bank_option

WIDTH = 100
"""Columns when the output is not a terminal and COLUMNS is unset."""
PROMPT_MIN = 20
"""Cells of prompt shown however narrow the terminal (the line then wraps)."""


def configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="bank_command", metavar="list|show", required=True)
    ls = sub.add_parser("list", help="list questions")
    ls.add_argument("--track", help="only this track (role)")
    ls.add_argument("--json", action="store_true", help="print JSON")
    add_bank_option(ls)
    show = sub.add_parser("show", help="show one question with its rubric")
    show.add_argument("id", help="question id")
    show.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                      help="language to show (default: en)")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_bank_option(show)
    add_bank_option(p)


def run(args: argparse.Namespace) -> int:
    import sys

    from mockroom.cli.common import bank_from, print_json, question
    from mockroom.cli.main import CliError

    bank = bank_from(args)
    for problem in bank.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    if args.bank_command == "list":
        if args.track and args.track not in bank.tracks():
            raise CliError(f"unknown track {args.track!r}; tracks: {', '.join(bank.tracks())}")
        qs = bank.in_track(args.track)
        if args.json:
            print_json(
                [
                    {"id": q.id, "track": q.track, "category": q.category, "difficulty": q.difficulty,
                     "prompt": q.prompt.model_dump(), "tags": q.tags}
                    for q in qs
                ]
            )
        else:
            import shutil

            from mockroom.core.cells import clip

            columns = shutil.get_terminal_size((WIDTH, 24)).columns
            for q in qs:
                head = f"{q.id:<40} {q.category:<10} d{q.difficulty}  "
                # The prompt's first words on the rest of the line, "…" where it is cut.
                print(head + clip(q.prompt.en, max(columns - len(head), PROMPT_MIN)))
        return 0
    q = question(bank, args.id)
    if args.json:
        print_json({"question": q.model_dump(mode="json"),
                    "rubrics": [r.model_dump(mode="json") for r in bank.rubrics_for(q)]})
        return 0
    lang = args.lang or "en"
    t = q.timing
    print(f"{q.id}  [{q.track} / {q.category} / difficulty {q.difficulty}]")
    print(f"\n{q.prompt.get(lang)}\n")
    print(f"intent: {q.intent.get(lang)}")
    print(f"timing: prep {t.prep_seconds}s, answer {t.answer_seconds}s, "
          f"zh {t.zh_chars[0]}-{t.zh_chars[1]} chars, en {t.en_words[0]}-{t.en_words[1]} words")
    print("\noutline:")
    for b in q.outline.get(lang):
        print(f"  - {b}")
    for r in bank.rubrics_for(q):
        print(f"\nrubric {r.id}: {r.title.get(lang)}")
        for c in r.criteria:
            req = " (required)" if c.required else ""
            print(f"  [{c.weight:g}] {c.id}{req}: {c.label.get(lang)}")
        for f in r.red_flags:
            print(f"  red flag -{f.penalty:g} {f.id}: {f.label.get(lang)}")
    return 0
