"""A virtual list of listings: one line per article, only the visible lines rendered.

A category can hold 10,000 articles. DataTable keeps a renderable per cell,
throws its render caches away whenever rows are added and re-lays out the
table, so a key press got slower as the list grew. Here the widget is a Line
API ``ScrollView``: its virtual height is the number of rows, ``render_line``
builds the one line asked for, and finished lines are kept in a small cache
keyed by everything that changes their look (the listing, the width, cursor,
zebra stripe, read state). Moving the cursor repaints two lines; adding a page
only grows the virtual height.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.models import Listing
from tui_reader.sanitize import clean_line
from tui_reader.ui import keys

MARK, DATE, VIEWS, PRICE = 2, 10, 6, 10
"""Widths of the fixed columns; the title takes what is left."""
GAP = 1
CACHE_LINES = 1024
"""Rendered lines kept: a few screens' worth, whatever the length of the list."""


class LineKey(NamedTuple):
    url: str
    width: int
    cursor: bool
    odd: bool
    read: bool
    new: bool
    focused: bool


def title_width(width: int) -> int:
    return max(8, width - MARK - DATE - VIEWS - PRICE - 4 * GAP)


def header_text(width: int) -> Text:
    """Column names, aligned with the rows below."""
    text = Text(no_wrap=True)
    text.append(" " * MARK)
    text.append("Title".ljust(title_width(width) + GAP))
    text.append("Date".ljust(DATE + GAP))
    text.append("Views".rjust(VIEWS) + " " * GAP)
    text.append("Price")
    text.truncate(width)
    return text


def row_mark(read: bool, new: bool) -> Text:
    """The first column: new since the last visit, unread, or nothing once read."""
    if new and not read:
        return Text("✚ ", style="bold yellow")
    if not read:
        return Text("● ", style="blue")
    return Text("  ")


def row_text(listing: Listing, width: int, *, read: bool, new: bool) -> Text:
    """One listing as one line of exactly ``width`` cells (page text only in Text)."""
    date = listing.published.strftime("%Y-%m-%d") if listing.published else ""
    views = str(listing.views) if listing.views is not None else ""
    title = Text(clean_line(listing.title), style="dim" if read else "")
    title.truncate(title_width(width), overflow="ellipsis", pad=True)
    price = Text(clean_line(listing.price or ""), style="yellow")
    price.truncate(PRICE, overflow="ellipsis")
    line = Text.assemble(
        row_mark(read, new),
        title,
        " " * GAP,
        (date.ljust(DATE), "cyan"),
        " " * GAP,
        (views.rjust(VIEWS), "green"),
        " " * GAP,
        price,
        no_wrap=True,
    )
    line.truncate(width, pad=True)
    return line


class ListingRows(ScrollView, can_focus=True):
    """The rows of the article list; the cursor picks one, Enter or a click opens it."""

    BINDINGS: ClassVar = keys.LIST
    COMPONENT_CLASSES: ClassVar = {"listing-rows--cursor", "listing-rows--odd"}
    DEFAULT_CSS = """
    ListingRows { overflow-x: hidden; }
    ListingRows > .listing-rows--cursor { background: $block-cursor-blurred-background; }
    ListingRows:focus > .listing-rows--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ListingRows > .listing-rows--odd { background: $surface-lighten-1 20%; }
    """

    class Highlighted(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class WidthChanged(Message):
        """The rows' width changed (a resize, a scrollbar came or went): align the header."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    class Selected(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows: list[Listing] = []
        self._read: set[str] = set()
        self._new: set[str] = set()
        self._lines: OrderedDict[LineKey, Strip] = OrderedDict()
        self.cursor_row = 0

    # -- what the list shows ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> Sequence[Listing]:
        return self._rows

    def set_rows(self, rows: Sequence[Listing], *, cursor: int = 0) -> None:
        self._rows = list(rows)
        self.cursor_row = min(max(cursor, 0), max(len(self._rows) - 1, 0))
        self._resize_virtual()
        self.refresh()
        self._scroll_to_cursor()

    def add_rows(self, rows: Sequence[Listing]) -> None:
        """Append rows: only the virtual height changes, no line is re-rendered."""
        start = len(self._rows)
        self._rows.extend(rows)
        self._resize_virtual()
        visible_end = self.scroll_offset.y + self.scrollable_content_region.height
        if start < visible_end:
            self.refresh()

    def set_read_state(self, read: set[str], new: set[str]) -> None:
        self._read = set(read)
        self._new = set(new)
        self.refresh()

    def mark_read(self, url: str) -> None:
        self._read.add(url)
        for row, listing in enumerate(self._rows):
            if listing.url == url:
                self._refresh_row(row)

    def is_read(self, listing: Listing) -> bool:
        return listing.url in self._read

    # -- the cursor ---------------------------------------------------------------------

    def move_cursor(self, *, row: int) -> None:
        if not self._rows:
            return
        row = min(max(row, 0), len(self._rows) - 1)
        old, self.cursor_row = self.cursor_row, row
        self._refresh_row(old)
        self._refresh_row(row)
        self._scroll_to_cursor()
        if row != old:
            self.post_message(self.Highlighted(row))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page())

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page())

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self.cursor_row))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False)

    # -- the mouse ----------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        # One click on a title opens it, like a link.
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.scroll_offset.y + offset.y
        if 0 <= row < len(self._rows):
            event.stop()
            self.move_cursor(row=row)
            self.action_select()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # The wheel scrolls without moving the cursor; the list still pages in.
        bottom = round(new_value) + self.scrollable_content_region.height
        self.post_message(self.Highlighted(max(self.cursor_row, bottom - 1)))

    # -- rendering ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._resize_virtual()

    def on_focus(self) -> None:
        self._refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self._refresh_row(self.cursor_row)

    def _resize_virtual(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._rows))
        if size == self.virtual_size:
            return
        if size.width != self.virtual_size.width:
            self.post_message(self.WidthChanged(size.width))
        height = self.scrollable_content_region.height
        scrollbar_before = self.virtual_size.height > height
        if self.is_mounted and scrollbar_before and size.height > height:
            # The scrollbar is there and stays: only its thumb changes. Setting
            # the reactive would lay out the whole screen (tens of ms, once per
            # page appended, landing on a key press); update the scrollbar alone.
            self.set_reactive(ListingRows.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def _refresh_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.refresh_line(row)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= row < len(self._rows) or width <= 0:
            return Strip.blank(max(width, 0), self.rich_style)
        listing = self._rows[row]
        key = LineKey(
            url=listing.url,
            width=width,
            cursor=row == self.cursor_row,
            odd=row % 2 == 1,
            read=listing.url in self._read,
            new=listing.url in self._new,
            focused=self.has_focus,
        )
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(listing, key)
            self._lines[key] = strip
            if len(self._lines) > CACHE_LINES:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(key)
        return strip

    def _render_row(self, listing: Listing, key: LineKey) -> Strip:
        style: Style = self.rich_style
        if key.cursor:
            style += self.get_component_rich_style("listing-rows--cursor")
        elif key.odd:
            style += self.get_component_rich_style("listing-rows--odd")
        text = row_text(listing, key.width, read=key.read, new=key.new)
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, style), key.width)

    def notify_style_update(self) -> None:
        # A theme or focus style change makes every cached line stale.
        self._lines.clear()
        super().notify_style_update()
