"""What comes after the first screen, imported when first wanted rather than at start.

The first screen must show within 1.5x of a bare Textual app (`make bench`, row "TUI: first
screen shown"). Importing everything the app can show before it (the question, feedback and
history pages with TextArea, DataTable and TabbedContent, the exports, the scorer's
matching tables, the practice service) more than doubled that time, so `mockroom.tui.app`
imports only the start screen and its dialogs, and each function here imports one thing on
its first call. `preload()` runs in the boot worker once the first screen is painted, so by
the time Start is pressed nothing is left to import. tests/tui/practice/test_first_screen.py
checks that importing the app loads none of these modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.service import PracticeService
    from mockroom.tui.practice_flow import PracticeFlow
    from mockroom.tui.screens.feedback import FeedbackScreen
    from mockroom.tui.screens.help_dialog import HelpDialog
    from mockroom.tui.screens.name_dialog import NameDialog
    from mockroom.tui.screens.progress import ProgressScreen
    from mockroom.tui.screens.question import QuestionScreen
    from mockroom.tui.screens.quit_dialog import QuitDialog
    from mockroom.tui.screens.rating_dialog import RatingDialog
    from mockroom.tui.screens.review import ReviewScreen
    from mockroom.tui.screens.summary import SummaryScreen
    from mockroom.tui.screens.transcript import TranscriptScreen


def load_bank(dirs: Iterable[Path], builtin: bool) -> Bank:
    from mockroom.core.bank import load_bank as load

    return load(dirs, builtin=builtin)


def practice_service(bank: Bank, monotonic: Callable[[], float]) -> PracticeService:
    from mockroom.core.scorer import Scorer
    from mockroom.practice.service import PracticeService

    return PracticeService(bank, Scorer(bank), monotonic)


def practice_flow() -> type[PracticeFlow]:
    from mockroom.tui.practice_flow import PracticeFlow

    return PracticeFlow


def question_screen() -> type[QuestionScreen]:
    from mockroom.tui.screens.question import QuestionScreen

    return QuestionScreen


def feedback_screen() -> type[FeedbackScreen]:
    from mockroom.tui.screens.feedback import FeedbackScreen

    return FeedbackScreen


def summary_screen() -> type[SummaryScreen]:
    from mockroom.tui.screens.summary import SummaryScreen

    return SummaryScreen


def rating_dialog() -> type[RatingDialog]:
    from mockroom.tui.screens.rating_dialog import RatingDialog

    return RatingDialog


def help_dialog() -> type[HelpDialog]:
    from mockroom.tui.screens.help_dialog import HelpDialog

    return HelpDialog


def name_dialog() -> type[NameDialog]:
    """Shown once the store is open (it says whether a name is kept); `mockroom.store`, which
    its name rules import, costs ~9 ms before the first paint."""
    from mockroom.tui.screens.name_dialog import NameDialog

    return NameDialog


def quit_dialog() -> type[QuitDialog]:
    from mockroom.tui.screens.quit_dialog import QuitDialog

    return QuitDialog


def progress_screen() -> type[ProgressScreen]:
    from mockroom.tui.screens.progress import ProgressScreen

    return ProgressScreen


def review_screen() -> type[ReviewScreen]:
    from mockroom.tui.screens.review import ReviewScreen

    return ReviewScreen


def transcript_screen() -> type[TranscriptScreen]:
    from mockroom.tui.screens.transcript import TranscriptScreen

    return TranscriptScreen


PAGES = (question_screen, rating_dialog, feedback_screen, summary_screen, quit_dialog,
         progress_screen, review_screen)


def preload() -> None:
    """Import every page now (in a worker, after the first screen), not when first shown."""
    for page in PAGES:
        page()
