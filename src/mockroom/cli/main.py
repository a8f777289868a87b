"""`mockroom` entry point. Parses arguments and dispatches lazily, so `mockroom score`
never imports the TUI or the database layer, nor any other command's module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# mockroom uses no pydantic plugins, and looking for them (when a model first validates) reads
# the metadata of every installed package: about 2.5 ms of every command. A value the user set
# is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# command -> (module in mockroom.cli, help)
COMMANDS = {
    "score": ("score_cmd", "score an answer against a question's rubric"),
    "eval": ("eval_cmd", "measure how well scores agree with graded answers"),
    "lint": ("lint_cmd", "check question and rubric files"),
    "bank": ("bank_cmd", "list or show questions"),
    "new": ("new_cmd", "write a commented template for a new question and rubric"),
    "schema": ("schema_cmd", "print the JSON Schema of the question and rubric formats"),
    "review": ("review_cmd", "list sessions, read a transcript, comment on and grade answers"),
    "export": ("export_cmd", "export a session as Markdown, HTML or JSON"),
    "import": ("import_cmd", "import a session exported as JSON (idempotent)"),
    "calibrate": ("calibrate_cmd", "compare coach grades with auto scores"),
}


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def add_bank_option(p: argparse.ArgumentParser, top: bool = False) -> None:
    # Subcommands use SUPPRESS so `mockroom --bank X score` keeps the top-level value.
    p.add_argument(
        "--bank",
        action="append",
        default=[] if top else argparse.SUPPRESS,
        metavar="DIR",
        help="extra folder of questions/rubrics (repeatable; also MOCKROOM_BANK=dir1:dir2)",
    )


def add_db_option(p: argparse.ArgumentParser, top: bool = False) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        default=None if top else argparse.SUPPRESS,
        help="SQLAlchemy database URL (default: MOCKROOM_DB, else SQLite in the data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mockroom",
        description="Offline mock-interview trainer. Without a command, starts the practice app.",
    )
    parser.add_argument("--version", action="version", version=_version())
    add_bank_option(parser, top=True)
    add_db_option(parser, top=True)
    parser.add_argument("--lang", choices=["zh", "en"], help="interface language (default: from the locale)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text)
    return parser


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands whose options are added (and module imported) only when one is used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.configured: set[str] = set()

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        name = values[0] if values else None
        if name in COMMANDS and name not in self.configured:
            self.configured.add(name)
            _module(COMMANDS[name][0]).configure(self.choices[name])
        super().__call__(parser, namespace, values, option_string)


def _module(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"mockroom.cli.{name}")


def _version() -> str:
    from mockroom import __version__

    return f"mockroom {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    from mockroom.cli.output import inert_output
    from mockroom.core.inert import inert

    try:
        with inert_output():  # user text in any output is shown, never obeyed by the terminal
            args = build_parser().parse_args(argv)
            if args.command is not None:
                module, _ = COMMANDS[args.command]
                return int(_module(module).run(args) or 0)
        return _run_app(args)
    except CliError as e:
        print(f"mockroom: {inert(str(e))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_app(args: argparse.Namespace) -> int:
    from mockroom.tui.app import make_app

    app = make_app(db_url=args.db, bank_dirs=args.bank, lang=args.lang)
    app.run()
    return app.return_code or 0  # a crash in any screen: Textual's traceback, then exit 1


if __name__ == "__main__":
    sys.exit(main())
