"""Messages the app's boot worker posts back to it with its results.

What a screen tells the app is a message of that screen (`QuestionScreen.Submitted`,
`FeedbackScreen.Next`, ...); store work answers through `store_work`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.service import Returning
    from mockroom.tui.practice_flow import PracticeFlow


@dataclass
class BankLoaded(Message):
    """The bank, loaded after the first screen (drawn from the last load's listing)."""

    bank: Bank


@dataclass
class StoreOpened(Message):
    """The store is open; the practice flow runs on it."""

    flow: PracticeFlow
    returning: Returning


@dataclass
class BootFailed(Message):
    """The bank or the database could not be opened at all."""

    error: str


class BootDone(Message):
    """The store is open, every page imported and the scorer warmed: the boot is over."""
