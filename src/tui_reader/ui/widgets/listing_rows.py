"""The rows of the article list: one line per listing, with read marks, and a
photo mark (📷6) at the end of the title of a listing the page shows photos for.

A category can hold 10,000 articles; ``LineList`` renders only the visible
lines, so that costs what a screenful costs.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import datetime
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text

from tui_reader.models import Listing
from tui_reader.render import SHORT_DATE_WIDTH, clean_line, short_date
from tui_reader.ui.widgets.line_list import LineList

MARK, VIEWS, PRICE = 2, 6, 10
"""Widths of the fixed columns; the date's depends on the room, the title takes what is left."""
FULL_DATE = 10
"""Width of "2026-11-28"; the compact form ("11-28", "21:08") is ``SHORT_DATE_WIDTH``."""
GAP = 1
ROOMY_TITLE = 40
"""Title cells at which the full date is worth its five extra cells."""
MIN_TITLE_WITH_VIEWS = 24
"""Below this, the views column gives its cells to the title (a title is what one scans)."""


class Columns(NamedTuple):
    """How a row of ``width`` cells is shared out; the header and the rows agree on it."""

    title: int
    date: int
    views: int  # 0: not shown


def columns(width: int) -> Columns:
    """The widest title first: compact dates, then no views column, as the room shrinks."""
    fixed = MARK + PRICE + GAP  # the mark, the price, and the gap after the title
    full = width - fixed - FULL_DATE - VIEWS - 2 * GAP
    if full >= ROOMY_TITLE:
        return Columns(full, FULL_DATE, VIEWS)
    compact = width - fixed - SHORT_DATE_WIDTH - VIEWS - 2 * GAP
    if compact >= MIN_TITLE_WITH_VIEWS:
        return Columns(compact, SHORT_DATE_WIDTH, VIEWS)
    return Columns(max(8, width - fixed - SHORT_DATE_WIDTH - GAP), SHORT_DATE_WIDTH, 0)


def title_width(width: int) -> int:
    return columns(width).title


def header_text(width: int) -> Text:
    """Column names, aligned with the rows below."""
    cols = columns(width)
    text = Text(no_wrap=True)
    text.append(" " * MARK)
    text.append("Title".ljust(cols.title + GAP))
    text.append("Date".ljust(cols.date + GAP))
    if cols.views:
        text.append("Views".rjust(cols.views) + " " * GAP)
    text.append("Price")
    text.truncate(width)
    return text


def row_mark(read: bool, new: bool) -> Text:
    """The first column: ● new since the last visit, • unread, nothing once read."""
    if read:
        return Text(" ")
    if new:
        return Text("●", style="bold green")
    return Text("•", style="cyan")


PHOTO_MARK_MIN_TITLE = 12
"""Title cells below which a row leaves out its photo mark (the title comes first)."""


def photo_mark(listing: Listing) -> str:
    """ "📷6" for a row that says how many photos its listing has, "📷" for one that only
    shows a thumbnail, "" otherwise (📷 is two cells wide)."""
    if listing.photo_count:
        return f"📷{min(listing.photo_count, 99)}"
    return "📷" if listing.thumb else ""


def date_text(published: datetime | None, width: int, now: datetime | None = None) -> str:
    if published is None:
        return ""
    return published.strftime("%Y-%m-%d") if width >= FULL_DATE else short_date(published, now)


def row_text(
    listing: Listing, width: int, *, read: bool, new: bool, now: datetime | None = None, mask: bool = False
) -> Text:
    """One listing as one line of exactly ``width`` cells (page text only in Text);
    ``mask``: a phone or contact name in the title masked (``M``, for screenshots)."""
    cols = columns(width)
    shown = clean_line(listing.title)
    if mask:
        from tui_reader.render import mask_contacts

        shown = mask_contacts(shown)
    title = Text(shown, style="dim" if read else "")
    mark = photo_mark(listing) if cols.title >= PHOTO_MARK_MIN_TITLE else ""
    # The mark closes the title's column: the columns after it stay where they are.
    room = cols.title - (cell_len(mark) + 1 if mark else 0)
    title.truncate(room, overflow="ellipsis", pad=True)
    if mark:
        title.append(" " + mark, style="dim")
    price = Text(clean_line(listing.price or ""), style="yellow")
    price.truncate(PRICE, overflow="ellipsis")
    line = Text.assemble(
        row_mark(read, new),
        " " * (MARK - 1),
        title,
        " " * GAP,
        (date_text(listing.published, cols.date, now).ljust(cols.date), "cyan"),
        " " * GAP,
        no_wrap=True,
    )
    if cols.views:
        views = str(listing.views) if listing.views is not None else ""
        line.append(views.rjust(cols.views), "green")
        line.append(" " * GAP)
    line.append_text(price)
    line.truncate(width, pad=True)
    return line


class ListingRows(LineList):
    """The rows of the article list; the cursor picks one, Enter or a click opens it."""

    ZEBRA: ClassVar[bool] = True

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._rows: list[Listing] = []
        self._read: set[str] = set()
        self._new: set[str] = set()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> Sequence[Listing]:
        return self._rows

    def row_key(self, row: int) -> Hashable:
        url = self._rows[row].url
        return (url, url in self._read, url in self._new, self._masked)

    def row_text(self, row: int, width: int) -> Text:
        listing = self._rows[row]
        read, new = listing.url in self._read, listing.url in self._new
        return row_text(listing, width, read=read, new=new, mask=self._masked)

    @property
    def _masked(self) -> bool:
        return bool(getattr(self.app, "mask_contacts", False))

    def set_rows(self, rows: Sequence[Listing], *, cursor: int = 0) -> None:
        self._rows = list(rows)
        self.rows_replaced(cursor)

    def add_rows(self, rows: Sequence[Listing]) -> None:
        start = len(self._rows)
        self._rows.extend(rows)
        self.rows_appended(start)

    # -- read state ---------------------------------------------------------------------

    def set_read_state(self, read: set[str], new: set[str]) -> None:
        read, new = set(read), set(new)
        # The screen sends the whole state with every page; repaint only the
        # visible rows whose mark changed (a full repaint per page would land
        # on the keys pressed meanwhile).
        changed = (self._read ^ read) | (self._new ^ new)
        self._read, self._new = read, new
        if not changed:
            return
        top = self.scroll_offset.y
        for row in range(top, min(top + self.scrollable_content_region.height, len(self._rows))):
            if self._rows[row].url in changed:
                self.refresh_row(row)

    def mark_read(self, url: str) -> None:
        self._read.add(url)
        for row, listing in enumerate(self._rows):
            if listing.url == url:
                self.refresh_row(row)

    def is_read(self, listing: Listing) -> bool:
        return listing.url in self._read

    def mark_of(self, url: str) -> Text:
        """The mark the row of ``url`` shows (tests and the tmux check read it)."""
        return row_mark(url in self._read, url in self._new)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # The wheel scrolls without moving the cursor; the list still pages in.
        bottom = round(new_value) + self.scrollable_content_region.height
        self.post_message(self.Highlighted(max(self.cursor_row, bottom - 1)))
