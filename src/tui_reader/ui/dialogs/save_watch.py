"""``w``: keep a query as a watch — a small dialog asks for its name.

The name comes prefilled (the query cut short, or what the caller suggests);
Enter saves it through ``client.user.watch_add`` in a thread (it searches the
cache once, to record what the watch matches now), Esc cancels. A name in use
or a query that cannot be read is said in the dialog, in one line, and the
dialog stays; once saved, a toast says how many articles match already.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui_reader.errors import ReaderError
from tui_reader.models import WatchInfo
from tui_reader.render import clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.dialogs.one_line import OneLineDialog

if TYPE_CHECKING:
    from tui_reader.client import Client

NAME_LENGTH = 30
"""Characters of the query a suggested name keeps."""


def suggested_name(query_text: str) -> str:
    """The query as a name, cut to ``NAME_LENGTH`` characters."""
    name = " ".join(query_text.split())
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


class SaveWatchScreen(OneLineDialog[WatchInfo | None]):
    """Dismissed with the watch kept, or None when cancelled."""

    BINDINGS: ClassVar = keys.SAVE_WATCH

    def __init__(self, client: Client, query_text: str, name: str | None = None) -> None:
        super().__init__()
        self.client = client
        self.query_text = query_text
        self.suggested = name or suggested_name(query_text)
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-watch"):
            yield Static(Text("Keep this search as a watch", style="bold"))
            yield Static(Text.assemble(("query ", "dim"), (clean_line(self.query_text), "italic")))
            yield Input(self.suggested, placeholder="a name for the watch", id="save-watch-name")
            yield Static(Text("Enter saves · Esc cancels", style="dim"), id="save-watch-note")

    @property
    def name_input(self) -> Input:
        return self.query_one("#save-watch-name", Input)

    @on(Input.Submitted, "#save-watch-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.saving:
            self.save(event.value)

    @work(group="save-watch", exclusive=True)
    async def save(self, name: str) -> None:
        self.saving = True
        self._say("saving…", "dim")
        try:
            info = await asyncio.to_thread(self.client.user.watch_add, name, self.query_text)
        except ReaderError as exc:  # QueryError too: it is a ReaderError
            self._say(f"⚠ {exc}", "bold red")
            return
        finally:
            self.saving = False
        self.app.notify(
            clean_line(f"Watch saved: {info.name} — {counted(info.matches, 'match')}"), markup=False, timeout=6
        )
        self.dismiss(info)

    def _say(self, message: str, style: str) -> None:
        self.query_one("#save-watch-note", Static).update(Text(clean_line(message), style=style))

    def action_cancel(self) -> None:
        self.dismiss(None)
