"""Helpers shared by the commands: loading the bank, reading answers, printing JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mockroom.cli.main import CliError
from mockroom.core.bank import Bank, load_bank
from mockroom.core.models import Question


def bank_from(args: argparse.Namespace) -> Bank:
    for d in args.bank:
        if not Path(d).is_dir():
            raise CliError(f"--bank {d}: no such folder")
    return load_bank(args.bank)


def question(bank: Bank, qid: str) -> Question:
    q = bank.questions.get(qid)
    origin = bank.question_origin(qid)
    if q is None and origin is not None:  # defined, but left out for want of its rubric
        raise CliError(f"question {qid!r} ({origin.path}) cannot be used: its rubric is missing "
                       f"or has problems; `mockroom lint {origin.path}` says which")
    if q is None:
        hint = ""
        close = [i for i in bank.questions if qid.split(".")[-1] in i]
        if close:
            hint = f" (did you mean {', '.join(sorted(close)[:3])}?)"
        raise CliError(f"unknown question id {qid!r}{hint}; `mockroom bank list` shows them")
    return q


MAX_ANSWER_BYTES = 1024 * 1024


def read_text(path: str, limit: int = MAX_ANSWER_BYTES) -> str:
    """An answer file, or stdin for '-'; at most `limit` bytes are read (then refused).

    A FIFO or device given as the file is refused (stdin, '-', may be a pipe). Invalid
    UTF-8 is replaced, never fatal.
    """
    from mockroom.files.bounded import TooLarge, read_limited

    too_long = CliError(
        f"{'standard input' if path == '-' else path}: longer than {limit // 1024} KB; "
        "not an answer"
    )
    try:
        raw = sys.stdin.buffer.read(limit + 1) if path == "-" else read_limited(path, limit)
    except TooLarge:
        raise too_long from None
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    if len(raw) > limit:
        raise too_long
    return raw.decode("utf-8-sig", errors="replace")


def print_json(data: Any) -> None:
    from mockroom.cli.output import json_text

    try:
        text = json_text(data)
    except ValueError:
        raise CliError("a stored number is not finite (NaN or Infinity); JSON cannot hold it") from None
    sys.stdout.write(text + "\n")



def interface_lang(args: argparse.Namespace) -> str:
    """--lang (top-level or the command's), else the locale's."""
    if getattr(args, "lang", None):
        return str(args.lang)
    from mockroom.config.settings import locale_lang

    return locale_lang()
