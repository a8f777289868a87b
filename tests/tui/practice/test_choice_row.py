"""The one-line row of choices (widgets/choice_row.py) on its own: keys, clicks, the Changed
message, values set from code, focus, both ends of the row and a row of one."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button

from mockroom.tui.widgets.choice_row import ChoiceRow

COUNTS = [("1", 1), ("3", 3), ("5", 5), ("10", 10)]


class Rows(App[None]):
    """A button to start from, a row of counts and a row of one; the Changed messages kept."""

    def __init__(self, options: list[tuple[str, Any]] = COUNTS, value: Any = 3) -> None:
        super().__init__()
        self.options, self.value = options, value
        self.changed: list[tuple[str | None, Any]] = []

    def compose(self) -> ComposeResult:
        yield Button("go", id="go")
        yield ChoiceRow(self.options, self.value, id="count")
        yield ChoiceRow([("only", "only")], "only", id="one")

    def on_choice_row_changed(self, event: ChoiceRow.Changed) -> None:
        assert event.control is event.choice_row
        self.changed.append((event.choice_row.id, event.value))


def count_row(app: Rows) -> ChoiceRow[int]:
    return app.query_one("#count", ChoiceRow)


async def test_arrows_and_h_l_move_the_choice_each_move_said_once() -> None:
    app = Rows()
    async with app.run_test() as pilot:
        await pilot.press("tab")
        assert app.focused is count_row(app)
        await pilot.press("right", "right", "left", "l", "h", "h", "left")
        await pilot.pause()
        assert count_row(app).value == 1
        assert app.changed == [("count", v) for v in (5, 10, 5, 10, 5, 3, 1)]


@pytest.mark.parametrize(("start", "key"), [(1, "left"), (10, "right")])
async def test_at_either_end_the_choice_stays(start: int, key: str) -> None:
    app = Rows(value=start)
    async with app.run_test() as pilot:
        await pilot.press("tab", key, key)
        await pilot.pause()
        assert count_row(app).value == start
        assert app.changed == []


async def test_a_row_of_one_keeps_its_only_choice() -> None:
    app = Rows()
    async with app.run_test() as pilot:
        await pilot.press("tab", "tab")
        one = app.query_one("#one", ChoiceRow)
        assert app.focused is one
        await pilot.press("left", "right", "h", "l")
        await pilot.click(one)
        await pilot.pause()
        assert one.value == "only"
        assert app.changed == []


@pytest.mark.parametrize(("x", "value"), [(0, 1), (2, 1), (3, 3), (6, 5), (9, 10), (12, 10)])
async def test_a_click_picks_the_option_under_it(x: int, value: int) -> None:
    """Each option takes its label and a blank either side: ` 1  3  5  10 `."""
    app = Rows(value=3)
    async with app.run_test() as pilot:
        row = count_row(app)
        assert row.size.width == 13
        await pilot.click(row, offset=(x, 0))
        await pilot.pause()
        assert row.value == value
        assert app.focused is row  # a click gives it the keyboard, as to any control
        assert app.changed == ([] if value == 3 else [("count", value)])


async def test_a_value_set_from_code_is_shown_and_said() -> None:
    app = Rows()
    async with app.run_test() as pilot:
        row = count_row(app)
        row.value = 10
        await pilot.pause()
        assert app.changed == [("count", 10)]
        assert chosen_text(row) == " 10 "
        with pytest.raises(ValueError, match="7"):
            row.value = 7
        assert row.value == 10


async def test_nothing_is_said_when_the_row_is_mounted() -> None:
    app = Rows(value=5)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert count_row(app).value == 5
        assert chosen_text(count_row(app)) == " 5 "
        assert app.changed == []


async def test_the_row_with_the_keyboard_looks_different() -> None:
    """Focus shows twice: the row's background and the chosen option's highlight."""
    app = Rows()
    async with app.run_test() as pilot:
        row = count_row(app)
        blurred = (row.styles.background, row.get_visual_style("choice-row--chosen"))
        await pilot.press("tab")
        assert row.has_focus
        focused = (row.styles.background, row.get_visual_style("choice-row--chosen"))
        assert focused[0] != blurred[0]
        assert focused[1] != blurred[1]


def chosen_text(row: ChoiceRow[Any]) -> str:
    """The text of the one highlighted stretch of the row as it renders."""
    content = row.render()
    chosen = row.get_visual_style("choice-row--chosen")
    [span] = [s for s in content.spans if s.style == chosen]
    return content.plain[span.start:span.end]
