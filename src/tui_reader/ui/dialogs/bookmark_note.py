"""A bookmark's note ("想周末看房"): one line, Enter keeps it, Esc leaves it as it was."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.dialogs.one_line import OneLineDialog

NOTE_LENGTH = 200
"""Characters a note may have: a line to remember a listing by, not a diary."""


class BookmarkNoteScreen(OneLineDialog[str | None]):
    """The new note (an empty one clears it), or None when cancelled."""

    BINDINGS: ClassVar = keys.BOOKMARK_NOTE

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.title_shown = clean_line(title)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="bookmark-note"):
            yield Static(Text("Note for the bookmark", style="bold"))
            yield Static(Text(self.title_shown, style="italic"))
            yield Input(
                value=clean_line(self.note), placeholder="想周末看房", max_length=NOTE_LENGTH, id="bookmark-note-input"
            )
            yield Static(Text("Enter keeps it · an empty note clears it · Esc cancels", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
