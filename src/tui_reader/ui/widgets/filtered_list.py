"""A pane of choices with a type-to-filter line: the base of the city and category panes.

The pane is a container (filter input, rows, error line) so an error
can be shown under the rows without removing them. Items are any objects with
``name`` and ``url``; subclasses say how a row looks and what a filter matches.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now
from tui_reader.ui.widgets.line_list import LineList

_FILTER_HINT = Text("/ filter", style=Style(dim=True))


class Entry(NamedTuple):
    text: Text
    item: int | None
    """Index into the pane's items; None for a heading (the cursor skips it)."""


class ChoiceRows(LineList):
    """The rows of a pane: items, and headings between groups of them."""

    COMPONENT_CLASSES: ClassVar = LineList.COMPONENT_CLASSES | {"choice-rows--heading"}
    DEFAULT_CSS = """
    ChoiceRows > .choice-rows--heading { color: $text-muted; text-style: bold; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self._generation = 0

    def set_entries(self, entries: list[Entry], cursor: int) -> None:
        self.entries = entries
        self._generation += 1  # the same row number may now show another item
        self.rows_replaced(cursor)

    @property
    def row_count(self) -> int:
        return len(self.entries)

    def row_key(self, row: int) -> Hashable:
        return (self._generation, row)

    def row_text(self, row: int, width: int) -> Text:
        entry = self.entries[row]
        if entry.item is None:
            return Text(entry.text.plain, style=self.get_component_rich_style("choice-rows--heading"))
        return entry.text.copy()

    def selectable(self, row: int) -> bool:
        return self.entries[row].item is not None


class FilterInput(Input):
    BINDINGS: ClassVar = keys.FILTER

    class Left(Message):
        """The user pressed Escape in the filter."""

    def action_leave(self) -> None:
        self.post_message(self.Left())


class FilteredList(Vertical):
    """Rows of ``items``; Enter, ``l`` or a click posts ``Chosen``."""

    SHORT_FRESHNESS: ClassVar = True
    """Narrow panes: the border says "3 min ago", not "cache · 3 min ago" (see ``freshness``)."""

    class Chosen(Message):
        def __init__(self, pane: FilteredList, item: Any) -> None:
            super().__init__()
            self.pane = pane
            self.item = item

        @property
        def control(self) -> FilteredList:
            """Lets ``@on(FilteredList.Chosen, "#cities")`` tell the panes apart."""
            return self.pane

    def __init__(self, title: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = title
        self._items: tuple[Any, ...] = ()
        self._chosen_url: str | None = None

    def compose(self) -> ComposeResult:
        # Until "/" a plain hint stands where the filter goes: an Input costs
        # more to style and draw than the whole list on the first frame.
        yield Static(_FILTER_HINT, classes="filter-hint")
        yield FilterInput(placeholder="/ filter", compact=True, classes="filter")
        yield ChoiceRows(classes="rows")
        yield Static("", classes="pane-error")

    # -- what subclasses tune ---------------------------------------------------

    def row(self, item: Any) -> Text:
        return Text(clean_line(item.name))

    def search_text(self, item: Any) -> str:
        """What the filter matches against (lower-cased): name and URL slug."""
        return f"{item.name} {item.url}".lower()

    def group_of(self, item: Any) -> str | None:
        """A heading to show above the item when it changes (e.g. the province)."""
        return None

    # -- pushed in by the screen ----------------------------------------------------

    @property
    def items(self) -> tuple[Any, ...]:
        return self._items

    @property
    def rows(self) -> ChoiceRows:
        return self.query_one(ChoiceRows)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def set_items(self, items: Sequence[Any], chosen_url: str | None = None) -> None:
        """Replace the rows, keeping the cursor on ``chosen_url`` (or the same item)."""
        highlighted = self.highlighted_item
        self._items = tuple(items)
        if chosen_url is not None:
            self._chosen_url = chosen_url
        keep = chosen_url or (highlighted.url if highlighted is not None else self._chosen_url)
        self._rebuild(keep)

    def mark_chosen(self, item: Any) -> None:
        self._chosen_url = item.url

    @property
    def highlighted_item(self) -> Any | None:
        rows = self.rows
        if not rows.row_count:
            return None
        index = rows.entries[rows.cursor_row].item
        return self._items[index] if index is not None else None

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".pane-error", Static)
        error.update(Text("⚠ " + clean_line(message), style="bold red") if message else "")
        error.display = bool(message)

    def focus_rows(self) -> None:
        focus_now(self.rows)

    def focus_filter(self) -> None:
        self.add_class("-filtering")
        focus_now(self.filter_input)

    # -- internals ----------------------------------------------------------------

    def _rebuild(self, keep_url: str | None) -> None:
        query = self.filter_input.value.strip().lower()
        entries: list[Entry] = []
        keep_row: int | None = None
        last_group: str | None = None
        for index, item in enumerate(self._items):
            if query and query not in self.search_text(item):
                continue
            group = self.group_of(item)
            if group and group != last_group:
                entries.append(Entry(Text(clean_line(group)), None))
                last_group = group
            if item.url == keep_url:
                keep_row = len(entries)
            entries.append(Entry(self.row(item), index))
        # No kept item: the first one (the cursor steps over a heading).
        self.rows.set_entries(entries, keep_row if keep_row is not None else 0)

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild(self._chosen_url)

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        # Type, Enter: the first match is what the user meant, as in any picker.
        event.stop()
        self._leave_filter()
        item = self.highlighted_item
        if item is not None:
            self._chosen_url = item.url
            self.post_message(self.Chosen(self, item))

    @on(FilterInput.Left)
    def _filter_left(self, event: FilterInput.Left) -> None:
        event.stop()
        self._leave_filter()

    def _leave_filter(self) -> None:
        # A filter with text stays in sight (it explains the short list).
        if not self.filter_input.value.strip():
            self.remove_class("-filtering")
        self.focus_rows()

    @on(LineList.Selected)
    def _row_selected(self, event: LineList.Selected) -> None:
        event.stop()
        item = self.highlighted_item
        if item is None:
            return
        self._chosen_url = item.url
        self.post_message(self.Chosen(self, item))

    @on(LineList.Highlighted)
    @on(LineList.WidthChanged)
    def _row_event(self, event: Message) -> None:
        event.stop()  # nothing above this pane needs them
