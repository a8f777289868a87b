"""Running the command line in this process, as the tests of its commands do."""

from __future__ import annotations

import pytest

from mockroom.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`mockroom ARGV…`: its exit code, and what it printed to stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
