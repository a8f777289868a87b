"""Every field of an export set to an extreme value: refused in one line, or imported and shown.

Hypothesis picks one to three fields of a real export (answer, review, comment, evidence and
flag included) and gives each an extreme value: inf, nan, +-2^63, datetime limits, lone
surrogates, control characters, wrong types. The checksum is recomputed, as a forger would.
Then `mockroom import` either refuses the file with one line and exit 2, or imports it, and
then every CLI view and export of it works, prints nothing raw, and its JSON export holds no
NaN or Infinity and imports again.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mockroom.cli.main import main
from mockroom.store import Store
from mockroom.transfer.export_json import checksum, dumps
from tests.helpers.hostile_corpus import forbidden_in, hostile_session

NUMBERS: list[Any] = [
    float("inf"), float("-inf"), float("nan"), 2**63, -(2**63) - 1, 2**63 - 1, 2**31, -1, 0,
    -0.0, 1e308, 5e-324, 5, 0.5, 100, 101, 86_400.0, 86_401.0,
]
TIMES = [
    "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1970-01-01T00:00:00+00:00",
    "2000-01-01T00:00:00+00:00", "2099-12-31T23:59:59+00:00", "2026-03-01T10:00:00",
]
STRINGS = ["\ud800", "a\udfffb", "\x1b[2J", "\x1b]52;c;eA==\x07", "\u202e", "\x9b", "", " ",
           "x" * 300, "\t\n", "<b>&amp;</b>`"]
OTHERS: list[Any] = [None, True, False, [], {}, [0, 2**63], {"\x1b": True}, {"k": float("inf")}]
EXTREMES = NUMBERS + TIMES + STRINGS + OTHERS


def _values_for(base: Any) -> list[Any]:
    """Extremes of the field's own kind most of the time, so many files pass the types."""
    if isinstance(base, bool):
        return [True, False, None, 0]
    if isinstance(base, int | float):
        return NUMBERS
    if isinstance(base, str):
        return TIMES + STRINGS if base[:2] == "20" else STRINGS
    return EXTREMES


@cache
def _template(folder: str) -> tuple[dict[str, Any], Path]:
    """A real export of the hostile session, and an empty migrated database to copy."""
    base = Path(folder)
    with Store.open(f"sqlite:///{base / 'source.db'}") as store:
        sess = hostile_session(store)
        data = json.loads(dumps(store.transcript(sess.id)))
    # Labels and the bank version are one-line text the import refuses with controls in them;
    # the answer, comment and messages keep theirs.
    a = data["attempts"][0]
    a["bank_version"] = "v1abc"
    for c in a["result"]["criteria"]:
        c["label_zh"], c["label_en"] = "要点", "Point"
    data["checksum"] = checksum(data)
    empty = base / "empty.db"
    Store.open(f"sqlite:///{empty}").close()
    return data, empty


_FOLDER = tempfile.mkdtemp(prefix="mockroom-extremes-")


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _no_constants(name: str) -> Any:
    raise AssertionError(f"export JSON holds {name}")


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


BASE = _template(_FOLDER)[0]
# Scalars, and the few containers whose emptiness means something (points, details, spans).
PATHS = [
    p for p in _leaves(BASE)
    if p and p[0] != "checksum"
    and (not isinstance(_get(BASE, p), dict | list) or p[-1] in ("points", "details", "spans"))
]



@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_extreme_values_are_refused_in_one_line_or_shown_everywhere(draw: st.DataObject) -> None:
    changes = []
    for _ in range(draw.draw(st.integers(1, 3))):
        path = draw.draw(st.sampled_from(PATHS))
        own = _values_for(_get(BASE, path))
        pool = draw.draw(st.sampled_from([own, own, own, EXTREMES]))
        changes.append((path, draw.draw(st.sampled_from(pool))))
    data, empty = _template(_FOLDER)
    data = json.loads(json.dumps(data))
    for path, value in changes:
        with suppress(KeyError, IndexError, TypeError):  # an earlier change replaced its parent
            _set(data, path, value)
    if isinstance(data, dict):
        data["checksum"] = checksum(data)
    with tempfile.TemporaryDirectory(dir=_FOLDER) as tmp:
        work = Path(tmp)
        db = work / "coach.db"
        shutil.copy(empty, db)
        url = f"sqlite:///{db}"
        file = work / "s.json"
        file.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
        code, out, err = _run("import", str(file), "--db", url)
        assert forbidden_in(out + err) == []
        event("refused" if code else "imported")
        if code != 0:
            assert code == 2 and err.startswith("mockroom: ") and err.count("\n") == 1, err
            return
        sid = data["session"]["id"]
        for view in (["review"], ["review", sid], ["review", sid, "--blind"],
                     ["review", sid, "--json"], ["export", sid, "-f", "md"],
                     ["export", sid, "-f", "html"], ["calibrate"]):
            code, out, err = _run(*view, "--db", url)
            assert code == 0 and forbidden_in(out + err) == [], (view, err)
        code, out, err = _run("export", sid, "-f", "json", "--db", url)
        assert code == 0, err
        json.loads(out, parse_constant=_no_constants)
        again = work / "again.json"
        again.write_text(out, encoding="utf-8")
        code, _, err = _run("import", str(again), "--db", f"sqlite:///{work / 'other.db'}")
        assert code == 0, err


def test_the_unchanged_template_imports() -> None:
    data, empty = _template(_FOLDER)
    with tempfile.TemporaryDirectory(dir=_FOLDER) as tmp:
        db = Path(tmp) / "coach.db"
        shutil.copy(empty, db)
        file = Path(tmp) / "s.json"
        file.write_text(json.dumps(data), encoding="utf-8")
        code, out, err = _run("import", str(file), "--db", f"sqlite:///{db}")
        assert code == 0 and out.startswith("imported session"), err
