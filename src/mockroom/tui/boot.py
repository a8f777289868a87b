"""Starting the app: what is read before the first screen, and what opens after it.

Before the first paint only the settings (a tiny file) and the bank's tracks are read (as
the bank's last load listed them, `core/bank/listing.py`; the bank itself when that listing
is out of date), so the first screen is the start screen in the right language. Once it is
painted, the app's boot worker loads the bank (`load_bank`), opens the store and builds the
practice service (`open_practice`), and does the first-use work of the likely Start
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
from mockroom.practice.picking import choose_questions, pick_questions
from mockroom.tui import later
from mockroom.tui.screens.start import StartChoice
from mockroom.tui.store_work import open_store
from mockroom.tui.strings import t

if TYPE_CHECKING:
    from mockroom.core.bank import Bank
    from mockroom.core.models import Question
    from mockroom.practice.service import Returning
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


def warm_up(flow: PracticeFlow, candidate_id: str | None, choice: StartChoice) -> None:
    """Do the first-use work of the Start the candidate is likely to press now, in the boot
    worker while they read the start screen, rather than between Start and the question:
    import every later page; pick the questions of the start screen's choice (which builds
    them from the bank cache and prepares the history queries); and score the first one
    once, which compiles its rubric and loads the scorer's lazy tables (pinyin). Only a
    warm-up: if it fails, the real Start or scoring reports it."""
    later.preload()
    with suppress(Exception):
        first = likely_first(flow, candidate_id, choice)
        if first is not None:
            flow.service.scorer.score(first, "预热 warm-up")


def likely_first(flow: PracticeFlow, candidate_id: str | None, choice: StartChoice) -> Question | None:
    """The question Start would ask first with this choice and the history as it is now."""
    bank, track = flow.bank, choice.track
    if track is None:
        return None
    if candidate_id is None:  # no history yet
        picked = pick_questions(bank.in_track(track), choice.count, {})
    else:
        picked = flow.line.call(lambda store: choose_questions(
            store, bank, candidate_id, track, choice.count, choice.mode))
    return picked[0] if picked else None
