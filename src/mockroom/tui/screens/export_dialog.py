"""Choose a format and a file to export a session to, and write it while the dialog waits.

The dialog stays open until the file is written: a folder that does not exist, is not a
folder or cannot be written is said in the dialog, with what was typed still there to fix.
A file written to another folder than the export folder makes that folder the setting
(`export_dir`), so the next export offers it.
"""

from __future__ import annotations

from collections.abc import Callable
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
from mockroom.tui.screens.start import StartScreen
from mockroom.tui.store_work import StoreDone, StoreLine, run_store
from mockroom.tui.strings import t
from mockroom.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from mockroom.store.repo import Store
    from mockroom.tui.screens.store_screen import StoreScreen

FORMAT_NAMES = {"md": "Markdown (.md)", "html": "HTML (.html)", "json": "JSON (.json)"}

Writer = Callable[["Store", str, Path], "str | Exception"]
"""Writes the session in a format to a file, off the UI thread: the full path, or why not."""


class ExportDialog(Dialog[str | None]):
    """Dismisses with the full path of the file written, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, folder: Path, name: str, line: StoreLine, writer: Writer, fmt: str = "md"
    ) -> None:
        super().__init__()
        self.folder = folder
        """The export folder: where a bare name lands, made when missing."""
        self.path = str(folder / name)
        self.line = line
        self.writer = writer
        self.fmt = fmt
        self._busy = False
        self._target = folder
        self._said: tuple[str, dict[str, str]] | None = None
        """The message in the dialog, as its string key and fields: kept through F2."""

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
            yield Label(t(lang, self._said[0], **self._said[1]) if self._said else "",
                        id="export-error", classes="error")
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

    @on(Input.Changed, "#export-path")
    def _typed(self, event: Input.Changed) -> None:
        self.path = event.value  # kept when the language switch redraws the dialog

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        if self._busy:
            return
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("dlg.export.empty")
            return
        target = self.folder / Path(typed).expanduser()  # a relative name lands in the folder
        problem = self._problem(target)
        if problem:
            self._say(*problem)
            return
        self._busy = True
        self._say("dlg.export.writing")
        fmt, writer = self.fmt, self.writer
        self._target = target
        run_store(self, self.line, lambda store: writer(store, fmt, target), self._written,
                  group="export", fail_key="export.failed", failed=self._failed)

    def _problem(self, target: Path) -> tuple[str, dict[str, str]] | None:
        """What stops a file being written at `target`, found before trying; None: try."""
        folder = target.parent
        if target.is_dir():
            return "dlg.export.is_folder", {"path": str(target)}
        if folder == self.folder:
            return None  # the export folder is made when missing
        if not folder.exists():
            return "dlg.export.no_folder", {"folder": str(folder)}
        if not folder.is_dir():
            return "dlg.export.not_folder", {"folder": str(folder)}
        return None

    @on(StoreDone)
    def _store_done(self, msg: StoreDone) -> None:
        msg.stop()
        msg.callback(msg.value)

    def _written(self, result: str | Exception) -> None:
        self._busy = False
        if isinstance(result, Exception):
            self._failed(_why(result, self._target))
            return
        folder = Path(result).resolve().parent
        if folder != self.folder.resolve():
            self.app.post_message(StartScreen.SettingChanged("export_dir", str(folder)))
        self.dismiss(result)

    def _failed(self, error: str) -> None:
        self._busy = False
        self._say("export.failed", {"error": error})

    def _say(self, key: str, fields: dict[str, str] | None = None) -> None:
        self._said = (key, fields or {})
        self.query_one("#export-error", Label).update(t(self.lang, key, **self._said[1]))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def export_session(screen: StoreScreen, session_id: str, name: str) -> None:
    """Ask for a format and a file (in the export folder of the settings) and write it; the
    notice gives the file's full path."""
    settings = getattr(screen.app, "settings", None)
    folder = export_folder(settings if isinstance(settings, Settings) else Settings())
    bank = screen.bank

    def write(store: Store, fmt: str, target: Path) -> str | Exception:
        from mockroom.transfer.errors import TransferError

        transcript = store.transcript(session_id)
        try:
            if target.parent == folder:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return str(write_session(transcript, fmt, target, bank).absolute())
        except (OSError, TransferError) as e:  # said in the dialog, not raised
            return e

    def written(path: str | None) -> None:
        if path is not None:
            screen.notify(t(screen.lang, "export.done", path=path), timeout=6)

    screen.app.push_screen(ExportDialog(folder, name, screen.records.line, write), written)


def _why(e: Exception, target: Path) -> str:
    """The file asked for and the system's reason (not the name of the temporary file the
    atomic write made beside it)."""
    if isinstance(e, OSError) and e.strerror:
        return f"{target}: {e.strerror}"
    return str(e)
