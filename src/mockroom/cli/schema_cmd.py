"""`mockroom schema`: JSON Schema of the formats, for editor completion."""

from __future__ import annotations

import argparse


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", nargs="?", choices=["question", "rubric", "all"], default="all",
                   help="which format (default: both, as one document with $defs)")


def run(args: argparse.Namespace) -> int:
    from mockroom.cli.common import print_json
    from mockroom.core.schema import schema

    print_json(schema(args.kind))
    return 0
