"""``E`` on the bookmarks: where to write the shortlist. The file's ending says the
format (``.md``, ``.csv``, ``.json``); the export itself is ``client.user.export``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui_reader.ui import keys
from tui_reader.ui.dialogs.one_line import OneLineDialog

__all__ = ["ExportFileScreen", "format_of", "suggested_path"]

_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}


def format_of(path: str) -> str | None:
    """ "md", "csv" or "json" from the file's ending; None for any other."""
    return _FORMATS.get(Path(path).suffix.lower())


def suggested_path(today: date | None = None) -> str:
    return f"~/tui-reader-bookmarks-{(today or date.today()).isoformat()}.md"


class ExportFileScreen(OneLineDialog[str | None]):
    """The path to write (its ending naming a known format), or None when cancelled."""

    BINDINGS: ClassVar = keys.EXPORT_FILE

    def __init__(self, what: str, masked: bool) -> None:
        super().__init__()
        self.what = what
        self.masked = masked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-file"):
            yield Static(Text(f"Export the {self.what}", style="bold"))
            if self.masked:
                yield Static(Text("Contacts are masked on screen, and in the file too.", style="italic"))
            yield Input(value=suggested_path(), id="export-file-input")
            yield Static("", id="export-file-problem")
            yield Static(Text("Enter writes it (.md, .csv or .json) · Esc cancels", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if format_of(path) is None:
            problem = self.query_one("#export-file-problem", Static)
            problem.update(Text("Name the file .md, .csv or .json: its ending says the format.", style="bold red"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
