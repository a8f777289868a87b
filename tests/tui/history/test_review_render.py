"""The small pure pieces behind the progress and review screens."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockroom.core.bank import load_bank
from mockroom.store.records import CandidateRec, SessionRec, Transcript
from mockroom.transfer.session_file import default_name, render, with_format, write
from mockroom.tui.review_render import (
    bar_rows,
    parse_score,
    parse_since,
    passage,
    point_label,
    spark,
)
from mockroom.tui.strings import KEY_LABELS_ZH, TEXTS, key_label


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], ""), ([0, 100], "▁█"), ([50], "▅"), ([-5, 140], "▁█"), ([0, 14.3, 28.6], "▁▂▃")],
)
def test_spark_uses_a_fixed_0_to_100_scale(values: list[float], expected: str) -> None:
    assert spark(values) == expected


@pytest.mark.parametrize(
    ("values", "height", "width", "rows"),
    [
        ([], 2, 10, ["", ""]),
        ([0], 3, 40, ["  ", "  ", "▁▁"]),  # one attempt of 0 is a baseline, not a full chart
        ([100], 2, 40, ["██", "██"]),
        ([50], 2, 40, ["  ", "██"]),
        ([0, 100, 25], 1, 40, ["▁▁ ██ ▂▂"]),
        ([80, 81], 1, 40, ["▆▆ ▆▆"]),  # close scores look close
        ([10, 50, 75, 100], 1, 8, ["▄▄ ▆▆ ██"]),  # the latest that fit, newest right
        ([-5, 140], 1, 40, ["▁▁ ██"]),
    ],
)
def test_bar_rows_use_a_fixed_0_to_100_scale(
    values: list[float], height: int, width: int, rows: list[str]
) -> None:
    assert bar_rows(values, height, width) == rows


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", (True, None)), (" auto ", (True, None)), ("88", (True, 88.0)), ("0", (True, 0.0)),
     ("100", (True, 100.0)), ("72.5", (True, 72.5)), ("101", (False, None)),
     ("-1", (False, None)), ("nan", (False, None)), ("inf", (False, None)), ("abc", (False, None))],
)
def test_parse_score(raw: str, expected: tuple[bool, float | None]) -> None:
    assert parse_score(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", (True, None)), ("2025-03-06", (True, datetime(2025, 3, 6, tzinfo=UTC))),
     ("2025-13-01", (False, None)), ("6 March", (False, None))],
)
def test_parse_since(raw: str, expected: tuple[bool, datetime | None]) -> None:
    assert parse_since(raw) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 5, (0, 5)), (5, 0, (0, 5)), (3, 3, None), (0, 99, None), (-1, 2, None)],
)
def test_passage_orders_and_bounds_the_selection(
    start: int, end: int, expected: tuple[int, int] | None
) -> None:
    assert passage("面试官好,我叫李明", start, end) == expected


def test_point_labels_come_from_the_bank_even_for_shared_rubrics() -> None:
    bank = load_bank([], builtin=True)
    q = bank.questions["sales.biggest-challenge"]
    own = bank.rubrics[q.rubric].criteria[0]
    assert point_label(bank, q.rubric, own.id, "en") == own.label.en
    shared = bank.rubrics["shared.star"].criteria[-1]
    assert point_label(bank, "shared.star", f"shared.star:{shared.id}", "zh") == shared.label.zh
    assert point_label(bank, "gone", "gone:point", "en") == "gone:point"  # the bank changed


def test_every_text_has_both_languages_and_the_same_fields() -> None:
    import string

    for key, (zh, en) in TEXTS.items():
        assert zh and en, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(s) if f} for s in (zh, en)]
        assert fields[0] == fields[1], key
    assert key_label("zh", "Comment") == KEY_LABELS_ZH["Comment"]
    assert key_label("zh", "Quit") == "退出"  # strings.py's own label
    assert key_label("en", "Comment") == "Comment"


def _transcript(name: str) -> Transcript:
    moment = datetime(2025, 3, 8, 9, 7, tzinfo=UTC)
    session = SessionRec("abcdef1234", "c1", "support", "mock", "en", ("q",), None, True, moment,
                         None, "finished")
    return Transcript(CandidateRec("c1", name), session, ())


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Wang Fang", "mockroom-Wang-Fang-20250308-abcdef12.md"),
     ("王 芳/../x", "mockroom-王-芳-x-20250308-abcdef12.md"),
     ("///", "mockroom-session-20250308-abcdef12.md")],
)
def test_default_export_name_is_safe(name: str, expected: str) -> None:
    t = _transcript(name)
    assert default_name(t.candidate.name, t.session.started_at, t.session.id, "md") == expected


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [("a.md", "html", "a.html"), ("a.b.json", "md", "a.b.md"), ("notes.txt", "json", "notes.txt"),
     ("plain", "md", "plain")],
)
def test_with_format_swaps_only_known_suffixes(path: str, fmt: str, expected: str) -> None:
    assert with_format(path, fmt) == expected


def test_write_replaces_atomically_and_refuses_folders_and_unknown_formats(tmp_path: Path) -> None:
    t = _transcript("Wang Fang")
    target = tmp_path / "out.md"
    target.write_text("old")
    assert write(t, "md", target, None) == target
    assert "Wang Fang" in target.read_text() and list(tmp_path.iterdir()) == [target]
    with pytest.raises(IsADirectoryError):
        write(t, "md", tmp_path, None)
    with pytest.raises(FileNotFoundError):
        write(t, "md", tmp_path / "missing" / "out.md", None)
    with pytest.raises(ValueError, match="unknown export format"):
        render(t, "pdf", None)
