"""A virtual list with a cursor: one line per row, only the visible lines rendered.

The base of every list pane (cities, categories, articles). Textual's
DataTable and OptionList format each row through Textual's ``Content``
machinery, and DataTable also throws its caches away and re-lays out the
screen when rows are added; a 10,000-article category made every key slower,
and the city list alone took most of the first frame. Here the widget is a Line
API ``ScrollView``: its virtual height is the number of rows, ``render_line``
builds the one line asked for from a Rich ``Text`` (page text never passes
through markup), and finished lines are cached under everything that changes
their look. Moving the cursor repaints two lines; adding rows only grows the
virtual height.

Subclasses say how many rows there are, how a row looks (``row_text``), what
its look depends on (``row_key``), and which rows the cursor may stop on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.ui import keys
from tui_reader.ui.chords import ChordKeys

CACHE_LINES = 1024
"""Rendered lines kept: a few screens' worth, whatever the length of the list."""


class _LineKey(NamedTuple):
    row: Hashable
    width: int
    cursor: bool
    odd: bool


class LineList(ChordKeys, ScrollView, can_focus=True, inherit_bindings=False):
    """Rows with a cursor; Enter, ``l`` or one click on a row posts ``Selected``."""

    # Only our bindings (each with an id): ScrollView's own (scroll left/right,
    # page left/right) mean nothing in a list as wide as its pane.
    BINDINGS: ClassVar = keys.LIST
    COMPONENT_CLASSES: ClassVar = {"line-list--cursor", "line-list--odd"}
    DEFAULT_CSS = """
    LineList { overflow-x: hidden; }
    LineList > .line-list--cursor { background: $block-cursor-blurred-background; }
    LineList:focus > .line-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    LineList > .line-list--odd { background: $surface-lighten-1 20%; }
    """
    ZEBRA: ClassVar[bool] = False
    """Stripe every other row (long tables of similar rows read better striped)."""
    lines_around: int | None = None
    """Lines of the terminal the rows never get (the screen's bars, the pane's border
    and heading), when the screen knows: rows that will not fit then say so before
    the first layout (see ``_resize_virtual``)."""

    class Highlighted(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class Selected(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class WidthChanged(Message):
        """The rows' width changed (a resize, a scrollbar came or went)."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords, passed through untouched
        self._lines: OrderedDict[_LineKey, Strip] = OrderedDict()
        self._styles: dict[str, Style] = {}
        """The widget's own style and its cursor/stripe styles, by role; Textual
        computes each by walking the DOM, so it is kept until a restyle."""
        self.cursor_row = 0

    # -- what subclasses provide --------------------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def row_key(self, row: int) -> Hashable:
        """Everything row ``row``'s look depends on, besides width, cursor and stripe."""
        raise NotImplementedError

    def row_text(self, row: int, width: int) -> Text:
        raise NotImplementedError

    def selectable(self, row: int) -> bool:
        """Whether the cursor may stop on ``row`` (headings say no)."""
        return True

    # -- telling the list its rows changed ----------------------------------------------

    def rows_replaced(self, cursor: int = 0) -> None:
        """Every row may be new: forget the rendered lines, put the cursor on ``cursor``."""
        self._lines.clear()
        self.cursor_row = self._nearest_selectable(min(max(cursor, 0), max(self.row_count - 1, 0)), +1)
        self._resize_virtual()
        self.refresh()
        self._scroll_to_cursor()

    def rows_appended(self, start: int) -> None:
        """Rows from ``start`` on are new: only the virtual height changes."""
        self._resize_virtual()
        if start < self.scroll_offset.y + self.scrollable_content_region.height:
            self.refresh()

    def refresh_row(self, row: int) -> None:
        if 0 <= row < self.row_count:
            self.refresh_line(row)

    # -- the cursor ---------------------------------------------------------------------

    def move_cursor(self, *, row: int, direction: int = 1) -> None:
        """Put the cursor on ``row``, or the nearest row it may stop on (first in ``direction``)."""
        if not self.row_count:
            return
        row = self._nearest_selectable(min(max(row, 0), self.row_count - 1), direction)
        old, self.cursor_row = self.cursor_row, row
        self.refresh_row(old)
        self.refresh_row(row)
        self._scroll_to_cursor()
        if row != old:
            self.post_message(self.Highlighted(row))

    def _nearest_selectable(self, row: int, direction: int) -> int:
        for step in (direction, -direction):
            probe = row
            while 0 <= probe < self.row_count:
                if self.selectable(probe):
                    return probe
                probe += step
        return row

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1, direction=-1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page())

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page(), direction=-1)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1, direction=-1)

    def action_select(self) -> None:
        if self.row_count and self.selectable(self.cursor_row):
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
        # One click on a row opens it, like a link.
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.scroll_offset.y + offset.y
        if 0 <= row < self.row_count and self.selectable(row):
            event.stop()
            self.move_cursor(row=row)
            self.action_select()

    # -- rendering ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._resize_virtual()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self.refresh_row(self.cursor_row)

    def _resize_virtual(self) -> None:
        if self.lines_around is not None and not self.container_size and self.styles.overflow_y == "auto":
            # Not laid out yet: Textual finds the scrollbar in the first layout and
            # then lays the whole screen out again for it (~8 ms before the first
            # rows). Known now, the first layout makes room for it; a wrong guess
            # is put right by that same second layout.
            self.show_vertical_scrollbar = self.row_count > self.app.size.height - self.lines_around
        size = Size(self.scrollable_content_region.width, self.row_count)
        if size == self.virtual_size:
            return
        if size.width != self.virtual_size.width:
            self.post_message(self.WidthChanged(size.width))
            self.virtual_size = size
            self.refresh()  # every visible line, at the new width
            return
        height = self.scrollable_content_region.height
        if self.is_mounted and self.virtual_size.height > height and size.height > height:
            # Only more rows, and the scrollbar is there and stays: only its thumb changes. Setting
            # the reactive would lay out the whole screen (tens of ms, once per
            # page appended, landing on a key press); update the scrollbar alone.
            self.set_reactive(LineList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self.rich_style
            if role != "base":
                style += self.get_component_rich_style(role)
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        # The virtual width is the content width (see _resize_virtual), and much
        # cheaper to read than the content region on every line.
        width = self.virtual_size.width or self.scrollable_content_region.width
        if not 0 <= row < self.row_count or width <= 0:
            return Strip.blank(max(width, 0), self._style("base"))
        key = _LineKey(self.row_key(row), width, row == self.cursor_row, self.ZEBRA and row % 2 == 1)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(row, key)
            self._lines[key] = strip
            if len(self._lines) > CACHE_LINES:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(key)
        return strip

    def _render_row(self, row: int, key: _LineKey) -> Strip:
        role = "line-list--cursor" if key.cursor else "line-list--odd" if key.odd else "base"
        style = self._style(role)
        text = self.row_text(row, key.width)
        text.truncate(key.width, overflow="ellipsis", pad=True)
        console = self.app.console
        # Text.render yields the spans' styles only; the Text's own style is
        # the base under them, as when Rich prints it.
        style += console.get_style(text.style) if text.style else Style.null()
        segments = list(text.render(console))
        return Strip(Segment.apply_style(segments, style), key.width)

    def notify_style_update(self) -> None:
        # Focus, theme or class changes restyle the cursor: every cached line is stale.
        self._lines.clear()
        self._styles.clear()
        super().notify_style_update()
