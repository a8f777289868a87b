"""Domain modules never import Textual (Harlequin's check: import each one in a fresh process)."""

from __future__ import annotations

import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest


def _submodules(package: str) -> list[str]:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        return []
    found = [package]
    for info in pkgutil.walk_packages(spec.submodule_search_locations, prefix=package + "."):
        if ".migrations" not in info.name:  # alembic scripts, run by alembic, not imported
            found.append(info.name)
    return sorted(found)


DOMAIN = [
    *_submodules("mockroom.files"),
    *_submodules("mockroom.config"),
    *_submodules("mockroom.core"),
    *_submodules("mockroom.store"),
    *_submodules("mockroom.practice"),  # the practice service
    *_submodules("mockroom.transfer"),  # export and import: domain too
    *_submodules("mockroom.practice"),  # the practice service, once it exists
    "mockroom.cli.main",
    "mockroom.cli.common",
    "mockroom.cli.score_cmd",
    "mockroom.cli.lint_cmd",
]


def test_the_domain_list_is_not_empty() -> None:
    assert {"mockroom.core.scorer", "mockroom.core.bank", "mockroom.cli.score_cmd"} <= set(DOMAIN)


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module: str) -> None:
    script = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_layer_contracts_in_pyproject_hold() -> None:
    """import-linter's contracts ([tool.importlinter]): the arrows between packages run one way
    and no two modules of the domain import each other."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint_imports), "--no-cache"], capture_output=True, text=True,
                          check=False, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
    assert " 0 broken" in proc.stdout
