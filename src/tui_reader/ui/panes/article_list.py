"""The article list of a category: title, date, views, price; pages load as you scroll.

There is no "load more" row: when the cursor (or the mouse wheel) comes within
``LOOKAHEAD`` rows of the end, the pane posts ``NeedMore`` and the screen
fetches the next page in a worker and ``append``s it. The rows themselves are
a virtual list (``ListingRows``), so a 10,000-article category costs what the
visible lines cost.

The ``/`` filter reads the search language (``tui_reader.query``) and judges
each loaded row by what a row shows (``query.row_matches``): words, phrases,
OR groups and ``-exclusions`` in the title, ``price:`` on the price as shown,
``posted:`` on the date; a row without a price (or date) does not pass a
range on it. Qualifiers a row cannot answer (``area:``, ``rooms:``, ``city:``
…) are not applied, and a line under the filter says so and points to the
search (``s``), which knows every cached article's numbers. A filter that
cannot be read yet (half typed: ``price:<``, one character) leaves the rows as
the last readable one left them, and the line says what is wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui_reader.errors import QueryError
from tui_reader.models import Listing, Page
from tui_reader.render import clean_line
from tui_reader.ui.focus import focus_now
from tui_reader.ui.widgets.listing_rows import ListingRows, header_text

if TYPE_CHECKING:
    from tui_reader.models import Query
    from tui_reader.ui.widgets.filter_input import FilterInput

LOOKAHEAD = 5
"""Rows before the end at which the next page is asked for."""


class ArticleList(Vertical):
    """Rows of listings, a title filter (mounted when ``/`` first opens it) and an error line.

    ``_listings`` holds every loaded listing; the rows show the ones the
    filter lets through, in order.
    """

    class Chosen(Message):
        def __init__(self, listing: Listing) -> None:
            super().__init__()
            self.listing = listing

    class NeedMore(Message):
        """The cursor is near the end and there is a next page."""

    class Moved(Message):
        """The cursor is on another article (the screen remembers where the user is)."""

    class Counted(Message):
        """The rows changed: ``shown`` of the ``total`` loaded pass the filter."""

        def __init__(self, shown: int, total: int) -> None:
            super().__init__()
            self.shown = shown
            self.total = total

        @property
        def words(self) -> str:
            """ "20 articles", or "3 of 20 articles" while a filter hides some."""
            from tui_reader.render import counted

            total = counted(self.total, "article")
            return total if self.shown == self.total else f"{self.shown} of {total}"

    DEFAULT_CSS = """
    ArticleList > .filter-note { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Articles"
        self._filter: Query | None = None
        """The last filter that could be read (None or empty: every row; None until one is typed,
        so the query's model is not even loaded by the first screen)."""
        self._killed: set[str] = set()
        """Listings the killfile hides (the screen asks the client, the rows leave them out)."""
        self._listings: list[Listing] = []
        self._urls: set[str] = set()
        self.next_url: str | None = None
        self.loading_more = False
        """Set by the screen while the next page is on its way (asks only once)."""
        self._filter_input: FilterInput | None = None
        # The parts, made here and kept: the browse screen mounts this pane after
        # its first paint, and rows (or a clear) may come before the parts are
        # composed, where a query would find nothing.
        self._filter_note = Static("", classes="filter-note")
        self._filter_note.display = False
        self._header = Static("", classes="header")
        self.table = ListingRows(classes="rows")
        self._error_line = Static("", classes="pane-error")

    def compose(self) -> ComposeResult:
        # The filter's input goes above the note when "/" first opens it: an
        # Input on the first screen costs start-up time for a key seldom pressed.
        yield from (self._filter_note, self._header, self.table, self._error_line)

    @property
    def filter_input(self) -> FilterInput | None:
        """The filter's input; None until "/" first opens it."""
        return self._filter_input

    @property
    def filter_text(self) -> str:
        """What the filter holds ("" before it was ever opened)."""
        return self._filter_input.value if self._filter_input is not None else ""

    @property
    def listings(self) -> tuple[Listing, ...]:
        """Every loaded listing, filtered out or not."""
        return tuple(self._listings)

    @property
    def highlighted(self) -> Listing | None:
        rows = self.table
        return rows.rows[rows.cursor_row] if rows.row_count else None

    def clear(self) -> None:
        self._listings.clear()
        self._urls.clear()
        self.next_url = None
        self.loading_more = False
        self.table.set_rows(())

    def show_page(self, page: Page[Listing], *, append: bool = False) -> None:
        """Show ``page``: replace the rows (a first page) or add to them (the next one).

        Replacing keeps the cursor on the same article when it is still there,
        so a refresh does not throw the reader back to the top.
        """
        keep = None if append else self.highlighted
        if not append:
            self._listings.clear()
            self._urls.clear()
        added: list[Listing] = []
        for listing in page.items:
            # Pages shift while new posts arrive, so page 2 can repeat the end
            # of page 1; one row per article.
            if listing.url in self._urls:
                continue
            self._urls.add(listing.url)
            added.append(listing)
        self._listings.extend(added)
        self.next_url = page.next_url
        if append:
            self.table.add_rows([listing for listing in added if self._shows(listing)])
            self._count()
        else:
            self._refill(keep)
        self._show_note()

    def show_error(self, message: str | None) -> None:
        note = self._error_line
        if message:
            note.update(Text("⚠ " + clean_line(message), style="bold red"))
            note.display = True
        else:
            self._show_note()

    # -- read state (kept by the screen, drawn by the rows) ------------------------------

    def set_read_state(self, read: set[str], new: set[str], killed: set[str] | None = None) -> None:
        """Read and new marks for the rows; ``killed``: the listings the killfile hides."""
        self.table.set_read_state(read, new)
        if killed is not None and killed != self._killed:
            self._killed = set(killed)
            self._refill(self.highlighted)

    def mark_read(self, url: str) -> None:
        self.table.mark_read(url)

    def step_from(self, url: str | None, step: int) -> Listing | None:
        """Put the cursor ``step`` rows from ``url``'s row (from the cursor when
        ``url`` is not shown) and return that listing; None past either end."""
        rows = self.table
        urls = [listing.url for listing in rows.rows]
        start = urls.index(url) if url in urls else rows.cursor_row
        target = start + step
        if not 0 <= target < rows.row_count:
            return None
        rows.move_cursor(row=target, direction=1 if step > 0 else -1)
        return rows.rows[target]

    def next_unread(self) -> bool:
        """Move the cursor to the next unread row (wrapping); False when every shown row is read."""
        rows = self.table
        count = rows.row_count
        for step in range(1, count + 1):
            row = (rows.cursor_row + step) % count
            if not rows.is_read(rows.rows[row]):
                rows.move_cursor(row=row)
                return True
        return False

    # -- focus --------------------------------------------------------------------------

    def focus_rows(self) -> None:
        focus_now(self.table)

    def focus_filter(self) -> None:
        self.add_class("-filtering")
        if self._filter_input is None:
            from tui_reader.ui.widgets.filter_input import mount_filter

            placeholder = "filter: words -not price:<3000 posted:<7d"
            self._filter_input = mount_filter(self, placeholder, before=".filter-note")
        focus_now(self._filter_input)

    def check_near_end(self, row: int) -> None:
        # While filtering, pages would load with no visible change; wait until
        # the filter is cleared.
        if _narrows(self._filter):
            return
        if self.next_url and not self.loading_more and row >= self.table.row_count - LOOKAHEAD:
            self.post_message(self.NeedMore())

    # -- internals ----------------------------------------------------------------------

    def _read_filter(self) -> None:
        """The filter's text as a query; what it cannot apply, or why it cannot be read, under it."""
        text = self.filter_text
        note = self._filter_note
        from tui_reader.query import parse_query, unjudged

        try:
            self._filter = parse_query(text)
        except QueryError as exc:
            # Half typed, most of the time: the rows stay as the last readable filter left them.
            note.update(Text(clean_line(f"{exc} (rows as before)"), style="dim"))
            note.display = True
            return
        skipped = unjudged(self._filter)
        if skipped:
            verb = "needs" if len(skipped) == 1 else "need"
            note.update(Text(f"{', '.join(skipped)} {verb} the article — s searches the cache"))
        note.display = bool(skipped)

    def _show_note(self) -> None:
        note = self._error_line
        # Only when shown: an update asks for a new layout of the whole
        # screen, which would otherwise come with every page of a long list.
        if note.display:
            note.update("")
            note.display = False

    def _refill(self, keep: Listing | None) -> None:
        """Show the loaded listings the filter lets through, the cursor on ``keep``."""
        shown = [listing for listing in self._listings if self._shows(listing)]
        cursor = shown.index(keep) if keep is not None and keep in shown else 0
        self.table.set_rows(shown, cursor=cursor)
        self._count()

    def _shows(self, listing: Listing) -> bool:
        return listing.url not in self._killed and _matches(listing, self._filter)

    def _count(self) -> None:
        self.post_message(self.Counted(self.table.row_count, len(self._listings)))

    @on(ListingRows.WidthChanged)
    def _rows_width_changed(self, event: ListingRows.WidthChanged) -> None:
        event.stop()
        self._header.update(header_text(event.width))

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._read_filter()
        self._refill(self.highlighted)

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_rows()

    def on_filter_input_left(self, event: FilterInput.Left) -> None:
        # (Handled by name: ``@on`` would need the filter's module at import.)
        event.stop()
        if not self.filter_text.strip():
            self.remove_class("-filtering")
        self.focus_rows()

    @on(ListingRows.Highlighted)
    def _row_highlighted(self, event: ListingRows.Highlighted) -> None:
        event.stop()
        self.check_near_end(event.row)
        self.post_message(self.Moved())

    @on(ListingRows.Selected)
    def _row_selected(self, event: ListingRows.Selected) -> None:
        event.stop()
        listing = self.highlighted
        if listing is not None:
            self.post_message(self.Chosen(listing))


def _narrows(query: Query | None) -> bool:
    """Whether the filter can leave a row out. An empty one cannot: the language is then
    not even loaded, which keeps it out of the first screen's start-up."""
    if query is None or query.empty:
        return False
    from tui_reader.query import narrows

    return narrows(query)


def _matches(listing: Listing, query: Query | None) -> bool:
    if query is None or not _narrows(query):
        return True
    from tui_reader.query import row_matches

    return row_matches(query, listing.title, price=listing.price, posted=listing.published)
