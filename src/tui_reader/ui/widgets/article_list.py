"""The article list of a category: title, date, views, price; pages load as you scroll.

There is no "load more" row: when the cursor (or the mouse wheel) comes within
``LOOKAHEAD`` rows of the end, the pane posts ``NeedMore`` and the screen
fetches the next page in a worker and ``append``s it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from tui_reader.models import Listing, Page
from tui_reader.sanitize import clean_line
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now
from tui_reader.ui.widgets.filtered_list import FilterInput

LOOKAHEAD = 5
"""Rows before the end at which the next page is asked for."""

_ELSEWHERE = Coordinate(-2, -2)
"""A cursor position on no row (the header is row -1)."""

_MARK, _DATE, _VIEWS, _PRICE = 1, 10, 6, 10
"""Widths of the fixed columns; the title takes what is left."""


class ArticleTable(DataTable, inherit_bindings=False):
    """A DataTable with id-carrying keys, the list action names, and click-to-open."""

    BINDINGS: ClassVar = keys.LIST

    def _render_line_in_row(self, row_key, line_no, base_style, cursor_location, hover_location):  # type: ignore[no-untyped-def]
        # DataTable caches a rendered row under the cursor's position, so every
        # cursor move re-renders every visible row (most of a key's latency on
        # a 50-line terminal). Only the rows under the cursor and the mouse
        # look different; for all others pass one fixed "elsewhere" position,
        # so their cached renders survive the move.
        row = self._row_locations.get(row_key)
        row = -1 if row is None else row  # the header
        if cursor_location.row != row:
            cursor_location = _ELSEWHERE
        if hover_location.row != row:
            hover_location = _ELSEWHERE
        return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)

    def action_first(self) -> None:
        self.action_scroll_top()

    def action_last(self) -> None:
        self.action_scroll_bottom()

    def action_select(self) -> None:
        self.action_select_cursor()

    def on_click(self, event: events.Click) -> None:
        # DataTable opens a row only on a second click; in a reader one click
        # on a title should open it, like a link.
        row = event.style.meta.get("row")
        if isinstance(row, int) and row >= 0:
            event.prevent_default()
            event.stop()
            self.move_cursor(row=row)
            self.action_select_cursor()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        # The wheel scrolls without moving the cursor; check after the scroll.
        self.call_after_refresh(self._check_near_end)

    def _check_near_end(self) -> None:
        parent = self.parent
        if isinstance(parent, ArticleList):
            bottom_row = self.scroll_offset.y + self.scrollable_content_region.height
            parent.check_near_end(bottom_row)


class ArticleList(Vertical):
    """Rows of listings, a title filter (hidden until ``/``) and an error line.

    ``_listings`` holds every loaded listing; ``_shown`` the ones the filter
    lets through, in row order, so row N of the table is ``_shown[N]``.
    """

    class Chosen(Message):
        def __init__(self, listing: Listing) -> None:
            super().__init__()
            self.listing = listing

    class NeedMore(Message):
        """The cursor is near the end and there is a next page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Articles"
        self._listings: list[Listing] = []
        self._shown: list[Listing] = []
        self._urls: set[str] = set()
        self.next_url: str | None = None
        self.loading_more = False
        """Set by the screen while the next page is on its way (asks only once)."""
        self._read: set[str] = set()
        self._new: set[str] = set()

    def compose(self):  # type: ignore[no-untyped-def]
        yield FilterInput(placeholder="filter titles", compact=True, classes="filter")
        yield ArticleTable(cursor_type="row", zebra_stripes=True, classes="rows")
        yield Static("", classes="pane-error")

    def on_mount(self) -> None:
        self._add_columns()

    @property
    def table(self) -> ArticleTable:
        return self.query_one(ArticleTable)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def listings(self) -> tuple[Listing, ...]:
        """Every loaded listing, filtered out or not."""
        return tuple(self._listings)

    @property
    def highlighted(self) -> Listing | None:
        row = self.table.cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def clear(self) -> None:
        self._listings.clear()
        self._shown.clear()
        self._urls.clear()
        self.next_url = None
        self.loading_more = False
        self.table.clear()

    def show_page(self, page: Page[Listing], *, append: bool = False) -> None:
        """Show ``page``: replace the rows (a first page) or add to them (the next one).

        Replacing keeps the cursor on the same article when it is still there,
        so a refresh does not throw the reader back to the top.
        """
        keep = None if append else self.highlighted
        if not append:
            self._listings.clear()
            self._shown.clear()
            self._urls.clear()
            self.table.clear()
        query = self._query()
        for listing in page.items:
            # Pages shift while new posts arrive, so page 2 can repeat the end
            # of page 1; one row per article.
            if listing.url in self._urls:
                continue
            self._urls.add(listing.url)
            self._listings.append(listing)
            if _matches(listing, query):
                self._shown.append(listing)
                self.table.add_row(self._mark(listing.url), *_cells(listing), key=listing.url)
        self.next_url = page.next_url
        if keep is not None and keep in self._shown:
            self.table.move_cursor(row=self._shown.index(keep))
        self._show_note()

    def show_error(self, message: str | None) -> None:
        note = self.query_one(".pane-error", Static)
        if message:
            note.update(Text("⚠ " + clean_line(message), style="bold red"))
            note.display = True
        else:
            self._show_note()

    def focus_rows(self) -> None:
        focus_now(self.table)

    def focus_filter(self) -> None:
        self.add_class("-filtering")
        focus_now(self.filter_input)

    # -- reading state (marks pushed in by the screen) ------------------------------

    def set_read_state(self, read: set[str], new: set[str]) -> None:
        """Which articles are read and which are new since the last visit; rows redraw their mark."""
        read, new = set(read), set(new)
        # Only rows whose state changed: a long list gets this with every page.
        changed = ((self._read ^ read) | (self._new ^ new)) & self._urls
        self._read, self._new = read, new
        for url in changed:
            self._update_mark(url)

    def mark_read(self, url: str) -> None:
        self._read.add(url)
        self._update_mark(url)

    def next_unread(self) -> bool:
        """Move the cursor to the next unread row (wrapping); False when every shown row is read."""
        count = len(self._shown)
        start = self.table.cursor_row
        for step in range(1, count + 1):
            row = (start + step) % count
            if self._shown[row].url not in self._read:
                self.table.move_cursor(row=row)
                return True
        return False

    def _mark(self, url: str) -> Text:
        return row_mark(url in self._read, url in self._new)

    def _update_mark(self, url: str) -> None:
        try:
            self.table.update_cell(url, "mark", self._mark(url))
        except CellDoesNotExist:
            pass  # filtered out: drawn right when the filter lets it back

    def check_near_end(self, row: int) -> None:
        # While filtering, pages would load with no visible change; wait until
        # the filter is cleared.
        if self._query():
            return
        if self.next_url and not self.loading_more and row >= len(self._shown) - LOOKAHEAD:
            self.post_message(self.NeedMore())

    # -- internals ----------------------------------------------------------------

    def _query(self) -> str:
        return self.filter_input.value.strip().lower()

    def _show_note(self) -> None:
        note = self.query_one(".pane-error", Static)
        # Only when shown: an update asks for a new layout of the whole
        # screen, which would otherwise come with every page of a long list.
        if note.display:
            note.update("")
            note.display = False

    def _add_columns(self) -> None:
        table = self.table
        title_width = max(5, self.size.width - _MARK - _DATE - _VIEWS - _PRICE - 2 - 2 * 5)
        table.add_column("", key="mark", width=_MARK)
        table.add_column("Title", key="title", width=title_width)
        table.add_column("Date", key="date", width=_DATE)
        table.add_column("Views", key="views", width=_VIEWS)
        table.add_column("Price", key="price", width=_PRICE)

    def _refill(self, *, columns: bool = False) -> None:
        """Rebuild the rows from the loaded listings (after a resize or a new filter)."""
        table = self.table
        keep = self.highlighted
        table.clear(columns=columns)
        if columns:
            self._add_columns()
        query = self._query()
        self._shown = [listing for listing in self._listings if _matches(listing, query)]
        for listing in self._shown:
            table.add_row(self._mark(listing.url), *_cells(listing), key=listing.url)
        if keep is not None and keep in self._shown:
            table.move_cursor(row=self._shown.index(keep))

    def on_resize(self, event: events.Resize) -> None:
        # DataTable has no flexible column: give the title what the pane has left.
        self._refill(columns=True)

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refill()

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_rows()

    @on(FilterInput.Left)
    def _filter_left(self, event: FilterInput.Left) -> None:
        event.stop()
        if not self._query():
            self.remove_class("-filtering")
        self.focus_rows()

    @on(DataTable.RowHighlighted, ".rows")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.check_near_end(event.cursor_row)

    @on(DataTable.RowSelected, ".rows")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        listing = self.highlighted
        if listing is not None:
            self.post_message(self.Chosen(listing))


def row_mark(read: bool, new: bool) -> Text:
    """The first cell of a row: ● new since the last visit, • unread, nothing once read."""
    if read:
        return Text(" ")
    if new:
        return Text("●", style="bold green")
    return Text("•", style="cyan")


def _matches(listing: Listing, query: str) -> bool:
    return not query or query in listing.title.lower()


def _cells(listing: Listing) -> tuple[Text, Text, Text, Text]:
    date = listing.published.strftime("%Y-%m-%d") if listing.published else ""
    views = str(listing.views) if listing.views is not None else ""
    return (
        Text(clean_line(listing.title), no_wrap=True, overflow="ellipsis"),
        Text(date, style="cyan"),
        Text(views, style="green", justify="right"),
        Text(clean_line(listing.price or ""), style="yellow", no_wrap=True, overflow="ellipsis"),
    )
