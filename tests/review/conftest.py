"""Review tests reuse the storage tests' fixtures: a fresh SQLite (and PostgreSQL) database each.

tests/store/conftest.py is loaded under another name, so its fixtures are
shared instead of copied.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

STORE_TESTS = Path(__file__).resolve().parent.parent / "store"
sys.path.insert(0, str(STORE_TESTS))

_spec = importlib.util.spec_from_file_location("store_conftest", STORE_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)

_private_home = _store_conftest._private_home
store_url = _store_conftest.store_url
clock = _store_conftest.clock
store = _store_conftest.store
