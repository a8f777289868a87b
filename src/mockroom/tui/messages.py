"""Messages the app's boot workers post back to it with their results.

What a screen tells the app is a message of that screen (`QuestionScreen.Submitted`,
`FeedbackScreen.Next`, ...); store work answers through `store_work`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.service import PracticeService, Returning
    from mockroom.tui.store_work import StoreLine


@dataclass
class BankLoaded(Message):
    bank: Bank


@dataclass
class StoreOpened(Message):
    line: StoreLine
    returning: Returning
    service: PracticeService


@dataclass
class BootFailed(Message):
    """The bank or the database could not be opened at all."""

    error: str
