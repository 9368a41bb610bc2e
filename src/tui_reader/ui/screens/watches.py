"""``W``: the watches — saved searches with what is new for each; Enter shows a watch's matches.

A row is the watch's name and query, then "3 new · 12 matches · saved 2 d ago"
(and when ``tui-reader watch run`` last ran it, if it has).
Enter opens the search screen on the watch's query, its unread matches
marked ``●``; reading one there marks it read (``client.user.opened``), and
the counts here follow when the screen comes back. ``d`` removes a watch.
Every sync records the new matches itself; the app refreshes this screen
when one ends (``ui/syncing.py``). The library is read in a thread.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.errors import ReaderError
from tui_reader.render import ago, clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.widgets.key_footer import KeyFooter
from tui_reader.ui.widgets.pane_option_list import PaneOptionList
from tui_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import WatchInfo

EMPTY_HINT = "No watches yet: w on a search (s) or on an article list keeps its query here."


def watch_row(watch: WatchInfo) -> Text:
    """ "NAME — query", then "3 new · 12 matches · saved 2 d ago · watch run 2 h ago"."""
    text = Text(clean_line(watch.name), style="bold")
    text.append(" — ", style="dim")
    text.append(clean_line(watch.query), style="italic")
    text.append("\n")
    if watch.new:
        text.append(f"● {watch.new} new", style="bold magenta")
        text.append(" · ", style="dim")
    text.append(counted(watch.matches, "match"), style="dim")
    saved, run = _moment(watch.created), _moment(watch.last_run)
    if saved is not None:
        text.append(f" · saved {ago(saved)}", style="dim")
    if run is not None:  # the command line's cursor (tui-reader watch run), when it has one
        text.append(f" · watch run {ago(run)}", style="dim")
    return text


def _moment(iso: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class WatchesScreen(Screen[None]):
    BINDINGS: ClassVar = keys.WATCHES
    AUTO_FOCUS: ClassVar = ".library-rows"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.watches: list[WatchInfo] = []
        self.loaded = 0
        """How many loads finished (tests wait for it)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", classes="library-note")
        yield PaneOptionList(classes="library-rows")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Watches"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()  # back from a watch's matches: some were read

    @property
    def rows(self) -> PaneOptionList:
        return self.query_one(PaneOptionList)

    @work(group="watches", exclusive=True)
    async def reload(self) -> None:
        """Read the watches again (counts included), the cursor kept on the same one."""
        keep = self.highlighted_watch
        try:
            watches = await asyncio.to_thread(self.client.user.watches)
        except ReaderError as exc:
            self._note(f"⚠ {exc}", "bold red")
            return
        self.watches = watches
        names = [w.name for w in watches]
        self.rows.set_options([Option(watch_row(w), id=str(i)) for i, w in enumerate(watches)])
        if watches:
            self.rows.highlighted = names.index(keep.name) if keep is not None and keep.name in names else 0
            new = sum(w.new for w in watches)
            self._note(
                f"{counted(len(watches), 'watch', 'watches')} · {new} new — Enter shows the matches, d removes", "dim"
            )
        else:
            self._note(EMPTY_HINT, "dim")
        self.loaded += 1

    @property
    def highlighted_watch(self) -> WatchInfo | None:
        index = self.rows.highlighted
        return self.watches[index] if index is not None and index < len(self.watches) else None

    def _note(self, message: str, style: str) -> None:
        self.query_one(".library-note", Static).update(Text(clean_line(message), style=style))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from tui_reader.ui.screens.search import SearchScreen

        watch = self.watches[int(event.option.id or 0)]
        self.app.push_screen(SearchScreen(self.client, query_text=watch.query, watch=watch.name))

    def action_remove(self) -> None:
        watch = self.highlighted_watch
        if watch is not None:
            self.remove_watch(watch.name)

    @work(group="watch-remove")
    async def remove_watch(self, name: str) -> None:
        try:
            await asyncio.to_thread(self.client.user.watch_remove, name)
        except ReaderError as exc:
            self.notify(f"Watch not removed: {clean_line(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"Watch removed: {clean_line(name)}", markup=False)
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
