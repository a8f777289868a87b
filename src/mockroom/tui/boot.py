"""Starting the app: what is read before the first screen, and what opens after it.

Before the first paint only the settings (a tiny file) and the bank's tracks are read (as
the bank's last load listed them, `core/bank/listing.py`; the bank itself when that listing
is out of date), so the first screen is the start screen in the right language. Once it is
painted, the app's boot worker loads the bank (`load_bank`), opens the store and builds the
practice service (`open_practice`), imports the later pages and warms the scorer
(`warm_up`) while the candidate reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from mockroom.config.settings import LoadedSettings, load_settings
from mockroom.core.bank.listing import Listing
from mockroom.tui import later
from mockroom.tui.store_work import open_store
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.practice.service import PracticeService, Returning
    from mockroom.tui.app import MockroomApp
    from mockroom.tui.practice_flow import PracticeFlow


def first_settings(path: Path | None, lang: str | None) -> LoadedSettings:
    """The saved settings, with the language given on the command line (if any) in force."""
    loaded = load_settings(path)
    if lang in ("zh", "en"):
        return dataclasses.replace(loaded, settings=dataclasses.replace(loaded.settings, lang=lang))
    return loaded


def load_bank(dirs: list[Path], builtin: bool, lang: str) -> Bank | str:
    """The bank, or why it cannot be loaded at all (in `lang`)."""
    try:
        return later.load_bank(dirs, builtin=builtin)
    except Exception as e:  # a bug in one file must not leave a blank screen
        return t(lang, "bank.failed", error=e)


def listing(bank: Bank) -> Listing:
    """What the start screen shows of a loaded bank."""
    return Listing(bank.tracks(), bank.problems)


def open_practice(
    app: MockroomApp, bank: Bank, db_url: str | None, monotonic: Callable[[], float]
) -> tuple[PracticeFlow, Returning]:
    """Open the store (raises StoreError), read who is practising and build the practice
    flow on it. Runs in the boot worker, so the flow's pages are imported there."""
    service = later.practice_service(bank, monotonic)
    line = open_store(db_url)
    returning = line.call(service.returning)
    return later.practice_flow()(app, service, line, bank, monotonic), returning


def warm_up(service: PracticeService, bank: Bank) -> None:
    """Import every later page and load the scorer's lazy tables (pinyin) now, in the boot
    worker, rather than on Start or the first keystrokes. Only a warm-up: if scoring fails,
    it is reported where an answer is scored."""
    later.preload()
    questions = bank.questions
    if questions:
        with suppress(Exception):
            service.scorer.score(next(iter(questions.values())), "预热 warm-up")
