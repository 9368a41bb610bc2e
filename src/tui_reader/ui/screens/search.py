"""``s``: full-text search over the cached articles, results as you type; Enter reads one.

Searching is local (SQLite FTS5 in the cache), so it works offline. Each key
restarts one exclusive worker that first waits ``DEBOUNCE`` seconds: typing
fast costs one query, not one per key. The query runs in a thread so a slow
one-character scan never stalls the keys. The language (``city:``, ``cat:``):
``tui_reader.query``, the same as ``tui-reader search``.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.errors import QueryError, ReaderError
from tui_reader.models import Query, SearchHit
from tui_reader.query import parse_query
from tui_reader.render import clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now
from tui_reader.ui.screens.library_list import place_of
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.search_query import highlighted
from tui_reader.ui.widgets.pane_option_list import PaneOptionList

if TYPE_CHECKING:
    from tui_reader.client import Client

DEBOUNCE = 0.15
"""Seconds of quiet typing before the query runs."""

LIMIT = 50


class SearchScreen(Screen[None]):
    BINDINGS: ClassVar = keys.SEARCH
    AUTO_FOCUS: ClassVar = "#search-input"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.hits: list[SearchHit] = []
        self.query_text = ""
        """The query whose results are shown (tests wait for it)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search cached articles — 单车  city:连云港  cat:二手", id="search-input")
        yield Static("", id="search-note")
        yield PaneOptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self._note("Type to search every cached article (works offline).", "dim")

    @property
    def results(self) -> PaneOptionList:
        return self.query_one(PaneOptionList)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter in the box reads the first result, as in any picker.
        if self.hits and self.query_text == event.value:
            self._open(self.hits[self.results.highlighted or 0])

    @work(group="search", exclusive=True)
    async def run_search(self, text: str) -> None:
        await asyncio.sleep(DEBOUNCE)
        try:
            query = parse_query(text)
        except QueryError as exc:
            # Often only half typed ("city:" before the name): a hint, not an alarm.
            self._note(str(exc), "dim")
            return
        if not query.words and not query.filtered:
            self._show(text, query, [])
            return
        try:
            # The store keeps to city:/cat: itself, so LIMIT counts matching hits.
            hits = await asyncio.to_thread(self.client.user.search, query, limit=LIMIT)
        except ReaderError as exc:
            self._note(f"⚠ {exc}", "bold red")
            return
        self._show(text, query, hits)

    def _show(self, text: str, query: Query, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.query_text = text
        # Rows are cut to the pane, not wrapped: two lines per hit keep the list scannable.
        width = max(20, self.results.scrollable_content_region.width - 2)
        self.results.set_options([Option(_row(hit, query, width), id=str(i)) for i, hit in enumerate(hits)])
        if hits:
            self.results.highlighted = 0
        if not query.words and not query.filtered:
            self._note("Type to search every cached article (works offline).", "dim")
        elif hits:
            more = " (the first ones)" if len(hits) >= LIMIT else ""
            self._note(f"{counted(len(hits), 'article')}{more} — ↓ to the results, Enter reads", "")
        else:
            self._note("No cached article matches.", "dim")

    def _note(self, message: str, style: str) -> None:
        self.query_one("#search-note", Static).update(Text(clean_line(message), style=style))

    def _open(self, hit: SearchHit) -> None:
        self.app.push_screen(ReaderScreen(self.client, hit.url))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.hits[int(event.option.id or 0)])

    def action_results(self) -> None:
        if self.hits:
            focus_now(self.results)

    def action_back(self) -> None:
        self.dismiss()


def _row(hit: SearchHit, query: Query, width: int) -> Text:
    """Title (matches highlighted), then where it is from and the snippet around the match."""
    title = highlighted(hit.title, query.words, style="bold")
    place = place_of({"city": hit.city, "category": hit.category})
    detail = Text()
    if place:
        detail.append(clean_line(place) + "  ", style="cyan")
    detail.append_text(highlighted(hit.snippet, query.words, style="dim"))
    for line in (title, detail):
        line.truncate(width, overflow="ellipsis")
    return Text("\n").join((title, detail))
