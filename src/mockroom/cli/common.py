"""Helpers shared by the commands: loading the bank, reading answers, printing JSON."""

from __future__ import annotations

import argparse
import json
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
    if q is None:
        hint = ""
        close = [i for i in bank.questions if qid.split(".")[-1] in i]
        if close:
            hint = f" (did you mean {', '.join(sorted(close)[:3])}?)"
        raise CliError(f"unknown question id {qid!r}{hint}; `mockroom bank list` shows them")
    return q


def read_text(path: str) -> str:
    """An answer file, or stdin for '-'. Invalid UTF-8 is replaced, never fatal."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    return raw.decode("utf-8-sig", errors="replace")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")



def interface_lang(args: argparse.Namespace) -> str:
    """--lang (top-level or the command's), else the locale's."""
    if getattr(args, "lang", None):
        return str(args.lang)
    from mockroom.config.settings import locale_lang

    return locale_lang()
