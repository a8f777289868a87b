"""Choose a format and a file to export a session to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from mockroom.config.settings import Settings, export_folder
from mockroom.transfer.session_file import FORMATS, with_format
from mockroom.transfer.session_file import write as write_session
from mockroom.tui.screens.page import Dialog
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from mockroom.store.repo import Store
    from mockroom.tui.screens.store_screen import StoreScreen

FORMAT_NAMES = {"md": "Markdown (.md)", "html": "HTML (.html)", "json": "JSON (.json)"}


class ExportDialog(Dialog[tuple[str, str] | None]):
    """Dismisses with (format, path as typed), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, path: str, fmt: str = "md") -> None:
        super().__init__()
        self.path = path
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(t(lang, "dlg.export.title"), classes="dialog-title")
            yield Label(t(lang, "dlg.export.format"))
            yield Select(
                [(FORMAT_NAMES[f], f) for f in FORMATS], value=self.fmt, allow_blank=False,
                id="export-format",
            )
            yield Label(t(lang, "dlg.export.path"))
            yield Input(self.path, id="export-path")
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(lang, "ok"), variant="primary", id="ok")
                yield Button(t(lang, "cancel"), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format(self, event: Select.Changed) -> None:
        self.fmt = str(event.value)
        box = self.query_one("#export-path", Input)
        box.value = with_format(box.value, self.fmt)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.query_one("#export-error", Label).update(t(self.lang, "dlg.export.empty"))
            return
        self.dismiss((self.fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def export_session(screen: StoreScreen, session_id: str, name: str) -> None:
    """Ask for a format and a file (in the export folder of the settings), then read the
    transcript and write it in a worker; the notice gives the file's full path."""
    settings = getattr(screen.app, "settings", None)
    folder = export_folder(settings if isinstance(settings, Settings) else Settings())

    def chosen(choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        fmt, typed = choice
        target = folder / Path(typed).expanduser()  # a relative name lands in the folder
        bank = screen.bank

        def write(store: Store) -> str | Exception:
            from mockroom.transfer.errors import TransferError

            transcript = store.transcript(session_id)
            try:
                if target.parent == folder:
                    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                return str(write_session(transcript, fmt, target, bank).absolute())
            except (OSError, TransferError) as e:  # reported in the interface, not raised
                return e

        def done(result: str | Exception) -> None:
            lang = screen.lang
            if isinstance(result, Exception):
                screen.notify(t(lang, "export.failed", error=_why(result)), severity="error",
                              timeout=10)
            else:
                screen.notify(t(lang, "export.done", path=result), timeout=6)

        screen.load(write, done, group="export", fail_key="export.failed", exclusive=False)

    screen.app.push_screen(ExportDialog(str(folder / name)), chosen)


def _why(e: Exception) -> str:
    if isinstance(e, OSError) and e.strerror:
        where = f"{e.filename}: " if e.filename else ""
        return f"{where}{e.strerror}"
    return str(e)
