"""``s``: search every cached article as you type, reposts folded; Enter reads one, ``w`` watches the query.

Searching is local (SQLite FTS5 in the cache), so it works offline. Each key
restarts one exclusive worker that first waits ``DEBOUNCE`` seconds: typing
fast costs one query, not one per key. The query, and the folding of reposts
(``models.collapse``), run in a thread so a slow scan never stalls the keys.
The language (words, ``-exclusions``, ``(a OR b)``, ``city:``, ``price:<5万``,
``posted:<7d``, ``sort:`` …): ``tui_reader.query``, the same as ``tui-reader
search``; a query that cannot be read is pointed at under the box, calmly.

A post put up again (the same text, or the same phone and title) is one row
saying "+2 reposts · also in 海州区"; ``e`` unfolds it to show each copy. The
screen also shows a watch's matches (from the watches screen, ``W``): the
same rows, those not read yet marked ``●``.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.errors import QueryError, ReaderError
from tui_reader.models import Group, Query, SearchHit, collapse
from tui_reader.query import parse_query
from tui_reader.render import clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.search_query import error_marker
from tui_reader.ui.search_rows import hit_row
from tui_reader.ui.widgets.key_footer import KeyFooter
from tui_reader.ui.widgets.pane_option_list import PaneOptionList
from tui_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui_reader.client import Client

DEBOUNCE = 0.15
"""Seconds of quiet typing before the query runs."""

PAGE = 200
MOST = 2000
"""Hits a search in the box finds at most. A two-character word can be in tens of
thousands of cached articles: fetching and folding them all takes seconds, and nobody
scrolls that far; the note says when there are more (``tui-reader search`` lists all)."""
"""Rows given to the results list at a time. Every hit is found and folded in a
thread (5,000 hits: 45 ms to search, 20 ms to fold), but the list lays out
every option it holds, about 0.25 ms a two-line row: all of 5,000 would
stall typing for over a second. The next rows come as the cursor nears the end."""
LOOKAHEAD = 10
"""Rows before the last one given at which the next ``PAGE`` is added."""

_HINT = "Type to search every cached article (works offline): 单车 -中介 price:<5万 city:连云港 posted:<7d"
_BOX_INDENT = 1
"""Columns between the note's first cell and the box's first typed character."""


class Row(NamedTuple):
    hit: SearchHit
    group: Group
    member: bool
    """A repost unfolded under its post."""


class Found(NamedTuple):
    hits: list[SearchHit]
    groups: list[Group]
    unread: frozenset[str]
    more: bool = False
    """More articles match than ``MOST``."""


class SearchScreen(Screen[None]):
    BINDINGS: ClassVar = keys.SEARCH
    AUTO_FOCUS: ClassVar = "#search-input"

    def __init__(self, client: Client, *, query_text: str = "", watch: str | None = None) -> None:
        """``watch``: show that watch's matches (its query is ``query_text``) with the unread ones marked."""
        super().__init__()
        self.client = client
        self.watched = watch
        self._watch_query = query_text
        self._initial = query_text
        self.hits: list[SearchHit] = []
        """Every hit found (``MOST`` at most), in the query's order (reposts included)."""
        self.more = False
        """More articles match than the ``MOST`` shown."""
        self.groups: list[Group] = []
        self.rows: list[Row] = []
        """What the results list shows, one entry per option."""
        self.unfolded: set[str] = set()
        """Posts (by their lead's URL) whose reposts are shown."""
        self.unread: frozenset[str] = frozenset()
        self.query_text = ""
        """The query whose results are shown (tests wait for it)."""
        self._query = Query()
        self._shown = 0
        """Rows given options so far."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            self._initial, placeholder="search cached articles — 单车  city:连云港  cat:二手", id="search-input"
        )
        yield Static("", id="search-note")
        yield PaneOptionList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Watch: {clean_line(self.watched)}" if self.watched else "Search"
        self._note(_HINT, "dim")
        if self._initial:
            self.run_search(self._initial, debounce=False)

    def on_screen_resume(self) -> None:
        # Back from the reader: what was read is no longer new, and a watch's counts moved.
        if self.query_text and self.watched is not None:
            self.run_search(self.query_text, debounce=False)

    @property
    def results(self) -> PaneOptionList:
        return self.query_one(PaneOptionList)

    @property
    def box(self) -> Input:
        return self.query_one("#search-input", Input)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter in the box reads the highlighted (at first the first) result, as in any picker.
        if self.rows and self.query_text == event.value:
            self._open(self.rows[self.results.highlighted or 0].hit)

    @work(group="search", exclusive=True)
    async def run_search(self, text: str, debounce: bool = True) -> None:
        if debounce:
            await asyncio.sleep(DEBOUNCE)
        try:
            query = parse_query(text)
        except QueryError as exc:
            # Often only half typed ("city:" before the name): a pointer, not an alarm.
            note = self.query_one("#search-note", Static)
            note.update(error_marker(str(exc), exc.at, _BOX_INDENT, note.content_region.width, text=text))
            return
        if query.empty:
            self._show(text, query, Found([], [], frozenset()))
            return
        watch = self.watched if self.watched is not None and text.strip() == self._watch_query.strip() else None
        # Edited away from the watch's query, the box is a plain search again.
        self.sub_title = f"Watch: {clean_line(watch)}" if watch else "Search"
        try:
            found = await asyncio.to_thread(self._find, query, watch)
        except ReaderError as exc:
            self._note(f"⚠ {exc}", "bold red")
            return
        self._show(text, query, found)

    def _find(self, query: Query, watch: str | None) -> Found:
        """In a thread: every hit (or the watch's matches), folded into posts."""
        if watch is None:
            hits = self.client.user.search(query, limit=MOST + 1)  # one more: to know there are more
            return Found(hits, collapse(hits[:MOST]), frozenset(), more=len(hits) > MOST)
        matches = self.client.user.watch_matches(watch)
        hits = [match.hit for match in matches]
        return Found(hits, collapse(hits), frozenset(m.hit.url for m in matches if m.unread))

    def _show(self, text: str, query: Query, found: Found) -> None:
        keep = self.highlighted_hit
        self.hits = found.hits[:MOST]
        self.groups, self.unread, self.more = found.groups, found.unread, found.more
        self.query_text = text
        self._query = query
        self._fill(keep.url if keep is not None else None)
        self._say_found()

    def _fill(self, keep_url: str | None = None) -> None:
        """Every post's row (unfolded ones with their reposts), the cursor on ``keep_url``;
        the first ``PAGE`` given options, the rest as the cursor nears them (``_more``)."""
        rows: list[Row] = []
        for group in self.groups:
            rows.append(Row(group.lead, group, False))
            if group.lead.url in self.unfolded:
                rows.extend(Row(hit, group, True) for hit in group.others)
        self.rows = rows
        urls = [row.hit.url for row in rows]
        cursor = urls.index(keep_url) if keep_url in urls else 0
        self._shown = min(len(rows), max(PAGE, cursor + LOOKAHEAD + 1))
        self.results.set_options([self._option(index) for index in range(self._shown)])
        if rows:
            self.results.highlighted = cursor

    def _option(self, index: int) -> Option:
        row = self.rows[index]
        if row.member:
            unread = row.hit.url in self.unread
        else:
            unread = any(hit.url in self.unread for hit in row.group.members)
        # Rows are cut to the pane, not wrapped: two lines per hit keep the list scannable.
        shown = hit_row(
            row.hit,
            self._query.highlights,
            max(20, self.results.scrollable_content_region.width - 2),
            group=None if row.member else row.group,
            unfolded=row.group.lead.url in self.unfolded,
            unread=unread,
            member=row.member,
            mask=bool(getattr(self.app, "mask_contacts", False)),
        )
        return Option(shown, id=str(index))

    def contacts_mask_changed(self) -> None:
        """``M``: the rows again, masked or not, the cursor where it was."""
        index = self.results.highlighted
        self._fill(self.rows[index].hit.url if index is not None and index < len(self.rows) else None)

    def _more(self) -> None:
        """The next ``PAGE`` rows given options (the list lays out every option it holds)."""
        if self._shown < len(self.rows):
            end = min(len(self.rows), self._shown + PAGE)
            self.results.add_options([self._option(index) for index in range(self._shown, end)])
            self._shown = end

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self._shown - LOOKAHEAD:
            self._more()

    def _say_found(self) -> None:
        if self._query.empty:
            self._note(_HINT, "dim")
            return
        if not self.hits:
            self._note("No cached article matches — ↓ then w keeps it as a watch for what comes.", "dim")
            return
        line = counted(len(self.hits), "article")
        if self.more:
            line = f"the first {line} (there are more: narrow the query)"
        if len(self.groups) != len(self.hits):
            line += f" in {counted(len(self.groups), 'post')} (reposts folded, e unfolds)"
        if self.watched is not None and self.unread:
            line = f"{len(self.unread)} new (●) · " + line
        self._note(line + " — ↓ to the results, Enter reads, w watches", "")

    def _note(self, message: str, style: str) -> None:
        self.query_one("#search-note", Static).update(Text(clean_line(message), style=style))

    @property
    def highlighted_hit(self) -> SearchHit | None:
        index = self.results.highlighted
        return self.rows[index].hit if index is not None and index < len(self.rows) else None

    def _open(self, hit: SearchHit) -> None:
        self.app.push_screen(ReaderScreen(self.client, hit.url))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.rows[int(event.option.id or 0)].hit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Down leaves the query box; in the results it moves their cursor, as ever.
        if action == "results":
            return self.focused is self.box
        return True

    def action_results(self) -> None:
        if self.rows or not self._query.empty:
            focus_now(self.results)

    def action_unfold(self) -> None:
        """Show (or fold again) the reposts of the highlighted post."""
        index = self.results.highlighted
        if index is None or index >= len(self.rows):
            return
        group = self.rows[index].group
        if not group.others:
            self.notify("This post has no reposts.", severity="information")
            return
        lead = group.lead.url
        if lead in self.unfolded:
            self.unfolded.discard(lead)
        else:
            self.unfolded.add(lead)
        self._fill(lead)

    def action_save_watch(self) -> None:
        from tui_reader.ui.dialogs.save_watch import SaveWatchScreen

        text = self.box.value.strip()
        if not text:
            self.notify("Type a query first: a watch keeps it.", severity="warning")
            return
        self.app.push_screen(SaveWatchScreen(self.client, text))

    def action_back(self) -> None:
        self.dismiss()
