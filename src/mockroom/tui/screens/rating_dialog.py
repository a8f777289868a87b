"""Ask the candidate to rate their own answer, before its score is shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter

RATINGS = range(1, 6)
"""The scale the progress screen expects (it draws rating × 20 beside the 0-100 score)."""


class RatingDialog(Dialog[int | None]):
    """Dismisses with the candidate's rating, 1 to 5, or None when they skip."""
    ANSWERING = True

    # One footer entry stands for the five digit keys.
    BINDINGS = [
        Binding("1", "rate(1)", "Rate", key_display="1-5"),
        *(Binding(str(n), f"rate({n})", "Rate", show=False) for n in RATINGS if n != 1),
        Binding("enter,escape", "rate(None)", "Skip"),
    ]

    # Six buttons side by side need less than the default button width.
    DEFAULT_CSS = """
    RatingDialog .dialog-buttons Button {
        min-width: 5;
    }
    """

    def __init__(self, *, scores_at_end: bool = False) -> None:
        """`scores_at_end`: an interview, whose scores come in its report, not next."""
        super().__init__()
        self.scores_at_end = scores_at_end

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self.lang, "rate.title"), classes="dialog-title")
            yield Label(t(self.lang, "rate.body_end" if self.scores_at_end else "rate.body"))
            with Horizontal(classes="dialog-buttons"):
                for n in RATINGS:
                    yield _mouse_only(Button(str(n), variant="primary", id=f"rate-{n}"))
                yield _mouse_only(Button(t(self.lang, "rate.skip"), id="skip"))
        yield KeysFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        self.dismiss(int(button_id.removeprefix("rate-")) if button_id.startswith("rate-") else None)

    def action_rate(self, rating: int | None) -> None:
        self.dismiss(rating)


def _mouse_only(button: Button) -> Button:
    """Unfocusable, so enter always means "skip" rather than pressing whichever button has focus."""
    button.can_focus = False
    return button
