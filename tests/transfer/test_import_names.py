"""Names in an imported file follow the store's one name rule (store/names.py): an import takes
exactly the names this database could have written itself, and refuses the rest in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mockroom.store import Store
from mockroom.store.errors import StoreError
from mockroom.store.names import NAME_MAX, checked_name
from mockroom.transfer.errors import TransferError
from mockroom.transfer.export_json import checksum, dumps
from mockroom.transfer.import_json import parse
from tests.helpers.review_builders import OUTAGE, practise


def _exported(folder: Path, clock: Any, name: str = "Coach Li") -> dict[str, Any]:
    """A session as exported, its candidate, coach and comment author all named `name` by
    the store itself (so only a name the store takes can be given)."""
    with Store.open(f"sqlite:///{folder / 'c.db'}", clock=clock) as store:
        sess, (attempt,) = practise(store, [OUTAGE], name=name)
        store.add_comment(attempt.id, name, "Name the impact.")
        store.override_score(attempt.id, 70, name)
        return dict(json.loads(dumps(store.transcript(sess.id))))


def _with_name(data: dict[str, Any], where: str, name: str) -> bytes:
    """The file with one name changed by hand, its checksum recomputed as a person could."""
    attempt = data["attempts"][0]
    if where == "candidate":
        data["candidate"]["name"] = name
    elif where == "coach":
        attempt["review"]["coach"] = name
    else:
        attempt["comments"][0]["author"] = name
    data["checksum"] = checksum(data)
    return json.dumps(data, ensure_ascii=False).encode()


def _store_keeps_as_is(what: str, name: str) -> bool:
    try:
        return checked_name(what, name) == name
    except StoreError:
        return False


NAMES = [
    ("x" * NAME_MAX, None),
    ("王" * NAME_MAX, None),
    ("x" * (NAME_MAX + 1), f"is longer than {NAME_MAX} characters"),
    ("", "is empty"),
    ("   ", "is empty"),
    (" Li", "has spaces at an end or in a row"),
    ("Li  Wang", "has spaces at an end or in a row"),
    ("Li\x1b[2J", "holds the control character U+001B"),
]


@pytest.mark.parametrize("where", ["candidate", "coach", "author"])
@pytest.mark.parametrize(("name", "refused"), NAMES)
def test_an_imported_name_obeys_the_stores_rule(
    tmp_path: Path, clock: Any, where: str, name: str, refused: str | None
) -> None:
    if refused is None:  # the store writes it, and the import takes it back
        assert _store_keeps_as_is(where, name)
        data = _exported(tmp_path, clock, name)
        assert parse(json.dumps(data, ensure_ascii=False).encode(), "s.json").candidate.name == name
        return
    assert not _store_keeps_as_is(where, name)
    with pytest.raises(TransferError) as err:
        parse(_with_name(_exported(tmp_path, clock), where, name), "edited.json")
    message = str(err.value)
    assert message.startswith("edited.json: ") and refused in message and "\n" not in message
