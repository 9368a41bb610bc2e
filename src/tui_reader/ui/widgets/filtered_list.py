"""A pane of choices with a type-to-filter line: the base of the city and category panes.

The pane is a container (filter hint, rows, error line) so an error
can be shown under the rows without removing them; the filter input joins
them the first time "/" opens it (``filter_input``). Items are any objects with
``name`` and ``url``; subclasses say how a row looks and what a filter matches.

The filter matches names (characters, pinyin, initials; see ``name_match``),
never URLs: "http" or a slug would match everything or the wrong thing.
Matches come best first (whole name, then its start, then inside), flat,
each with its group beside it. Items can be pinned under a heading of their
own above the groups (the recent cities); they stay in their group too.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui_reader.render import clean_line
from tui_reader.ui.focus import focus_now
from tui_reader.ui.name_match import best_rank, warm_up
from tui_reader.ui.widgets.line_list import LineList

if TYPE_CHECKING:
    from tui_reader.ui.widgets.filter_input import FilterInput

_FILTER_HINT = Text("/ filter", style=Style(dim=True))


class Entry(NamedTuple):
    text: Text
    item: int | None
    """Index into the pane's items; None for a heading (the cursor skips it)."""
    pinned: bool = False
    """In the pinned group at the top (the item also stands in its own group)."""


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

    PINNED_HEADING: ClassVar = "Recent"

    def __init__(self, title: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = title
        self._items: tuple[Any, ...] = ()
        self._chosen_url: str | None = None
        self._pinned: tuple[str, ...] = ()
        self._query = ""
        """The filter text the rows show (an Input.Changed for it may still be on its way)."""
        self._filter_input: FilterInput | None = None

    def compose(self) -> ComposeResult:
        # Until "/" a plain hint stands where the filter goes: an Input costs
        # more to style and draw than the whole list on the first frame, so
        # the filter's input is mounted when "/" first opens it.
        yield Static(_FILTER_HINT, classes="filter-hint")
        yield ChoiceRows(classes="rows")
        yield Static("", classes="pane-error")

    # -- what subclasses tune ---------------------------------------------------

    def row(self, item: Any) -> Text:
        return Text(clean_line(item.name))

    def search_names(self, item: Any) -> tuple[str, ...]:
        """What the filter matches, most important first."""
        return (item.name,)

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
    def filter_input(self) -> FilterInput | None:
        """The filter's input; None until "/" first opens it."""
        return self._filter_input

    @property
    def filter_text(self) -> str:
        """What the filter holds ("" before it was ever opened)."""
        return self._filter_input.value if self._filter_input is not None else ""

    def set_items(self, items: Sequence[Any], chosen_url: str | None = None) -> None:
        """Replace the rows, keeping the cursor on ``chosen_url`` (or the same item)."""
        highlighted = self._highlighted_entry()
        keep_pinned = highlighted is None or highlighted.pinned
        keep_url = (
            self._items[highlighted.item].url if highlighted is not None and highlighted.item is not None else None
        )
        self._items = tuple(items)
        if chosen_url is not None:
            self._chosen_url = chosen_url
        self._rebuild(chosen_url or keep_url or self._chosen_url, pinned=keep_pinned)

    def mark_chosen(self, item: Any) -> None:
        self._chosen_url = item.url

    def set_pinned(self, urls: Sequence[str]) -> None:
        """Show the items at ``urls`` (in that order) first, under ``PINNED_HEADING``."""
        if tuple(urls) == self._pinned:
            return
        highlighted = self._highlighted_entry()
        self._pinned = tuple(urls)
        if highlighted is not None and highlighted.item is not None:
            self._rebuild(self._items[highlighted.item].url, pinned=highlighted.pinned)
        else:
            self._rebuild(self._chosen_url)

    def ranked(self, query: str) -> list[Any]:
        """The items ``query`` matches, best first (the filter's order)."""
        return [self._items[i] for i in self._matching(query)]

    @property
    def highlighted_item(self) -> Any | None:
        entry = self._highlighted_entry()
        return self._items[entry.item] if entry is not None and entry.item is not None else None

    def _highlighted_entry(self) -> Entry | None:
        rows = self.rows
        if not rows.row_count or rows.entries[rows.cursor_row].item is None:
            return None
        return rows.entries[rows.cursor_row]

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".pane-error", Static)
        error.update(Text("⚠ " + clean_line(message), style="bold red") if message else "")
        error.display = bool(message)

    def focus_rows(self) -> None:
        focus_now(self.rows)

    def focus_filter(self) -> None:
        self.add_class("-filtering")
        if self._filter_input is None:
            from tui_reader.ui.widgets.filter_input import mount_filter

            self._filter_input = mount_filter(self, "/ filter", before=".rows")
        focus_now(self._filter_input)
        # The pinyin of every name, worked out while the user reaches for the keys.
        names = [name for item in self._items for name in self.search_names(item) if name]
        self.run_worker(partial(warm_up, names), thread=True, group="warm-up", exclusive=True, exit_on_error=False)

    # -- internals ----------------------------------------------------------------

    def _matching(self, query: str) -> list[int]:
        ranks = ((best_rank(query, self.search_names(item)), index) for index, item in enumerate(self._items))
        return [index for score, index in sorted((s, i) for s, i in ranks if s is not None)]

    def _rebuild(self, keep_url: str | None, *, pinned: bool = True) -> None:
        """Fill the rows for the filter's text, the cursor on ``keep_url``: its
        pinned row when ``pinned`` and it has one, else its row in its group."""
        self._query = query = self.filter_text.strip()
        entries = self._filtered_entries(query) if query else self._grouped_entries()
        rows = [r for r, e in enumerate(entries) if e.item is not None and self._items[e.item].url == keep_url]
        preferred = [r for r in rows if entries[r].pinned == pinned]
        # No kept item: the first one (the cursor steps over a heading).
        self.rows.set_entries(entries, (preferred or rows or [0])[0])

    def _grouped_entries(self) -> list[Entry]:
        entries: list[Entry] = []
        where = {item.url: index for index, item in enumerate(self._items)}
        pinned = [where[url] for url in self._pinned if url in where]
        if pinned:
            entries.append(Entry(Text(self.PINNED_HEADING), None))
            entries.extend(Entry(self.row(self._items[index]), index, pinned=True) for index in pinned)
        last_group: str | None = None
        for index, item in enumerate(self._items):
            group = self.group_of(item)
            if group and group != last_group:
                entries.append(Entry(Text(clean_line(group)), None))
                last_group = group
            entries.append(Entry(self.row(item), index))
        return entries

    def _filtered_entries(self, query: str) -> list[Entry]:
        # Best first, so Enter takes the best match; out of its group, an
        # item carries the group's name (two cities can share a name).
        entries: list[Entry] = []
        for index in self._matching(query):
            item = self._items[index]
            text = self.row(item)
            group = self.group_of(item)
            if group:
                text.append(f"  {clean_line(group)}", style=Style(dim=True))
            entries.append(Entry(text, index))
        return entries

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip() != self._query:  # not already shown (Escape rebuilds at once)
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

    def on_filter_input_left(self, event: FilterInput.Left) -> None:
        # Escape gives the whole list back, still on the item the user was
        # looking at (or the chosen one, when the filter matched nothing).
        # (Handled by name: ``@on`` would need the filter's module at import.)
        event.stop()
        keep = self.highlighted_item
        if self._filter_input is not None:
            self._filter_input.value = ""
        self._rebuild(keep.url if keep is not None else self._chosen_url)
        self._leave_filter()

    def _leave_filter(self) -> None:
        # A filter with text stays in sight (it explains the short list).
        if not self.filter_text.strip():
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
