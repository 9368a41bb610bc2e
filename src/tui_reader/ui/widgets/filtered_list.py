"""A pane of choices with a type-to-filter line: the base of the city and category panes.

The pane is a container (filter input, option list, error line) so an error
can be shown under the rows without removing them. Items are any objects with
``name`` and ``url``; subclasses say how a row looks and what a filter matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.sanitize import clean_line
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now


_HEADING = Style(bold=True, dim=True)
"""A Style object, not the string "bold dim": Textual parses string styles
afresh on every render of a line (about 2 ms each on the first frame)."""


class PaneOptionList(OptionList, inherit_bindings=False):
    """An OptionList whose keys all carry ids (see ``keys``), so a keymap can move them."""

    BINDINGS: ClassVar = keys.LIST


class FilterInput(Input):
    BINDINGS: ClassVar = keys.FILTER

    class Left(Message):
        """The user pressed Escape in the filter."""

    def action_leave(self) -> None:
        self.post_message(self.Left())


class FilteredList(Vertical):
    """Rows of ``items``; Enter, ``l`` or a click posts ``Chosen``."""

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

    def compose(self):  # type: ignore[no-untyped-def]
        yield FilterInput(placeholder="/ filter", compact=True, classes="filter")
        yield PaneOptionList(classes="rows")
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
    def option_list(self) -> PaneOptionList:
        return self.query_one(PaneOptionList)

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
        options = self.option_list
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return self._items[int(option_id)] if option_id is not None else None

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".pane-error", Static)
        error.update(Text("⚠ " + clean_line(message), style="bold red") if message else "")
        error.display = bool(message)

    def focus_rows(self) -> None:
        focus_now(self.option_list)

    def focus_filter(self) -> None:
        focus_now(self.filter_input)

    # -- internals ----------------------------------------------------------------

    def _rebuild(self, keep_url: str | None) -> None:
        query = self.filter_input.value.strip().lower()
        options: list[Option] = []
        keep_index: int | None = None
        first_index: int | None = None
        last_group: str | None = None
        for index, item in enumerate(self._items):
            if query and query not in self.search_text(item):
                continue
            group = self.group_of(item)
            if group and group != last_group:
                options.append(Option(Text(clean_line(group), style=_HEADING), disabled=True))
                last_group = group
            if first_index is None:
                first_index = len(options)
            if item.url == keep_url:
                keep_index = len(options)
            options.append(Option(self.row(item), id=str(index)))
        option_list = self.option_list
        option_list.set_options(options)
        target = keep_index if keep_index is not None else first_index
        if target is not None:
            option_list.highlighted = target

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild(self._chosen_url)

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        # Type, Enter: the first match is what the user meant, as in any picker.
        event.stop()
        self.focus_rows()
        item = self.highlighted_item
        if item is not None:
            self._chosen_url = item.url
            self.post_message(self.Chosen(self, item))

    @on(FilterInput.Left)
    def _filter_left(self, event: FilterInput.Left) -> None:
        event.stop()
        self.focus_rows()

    @on(OptionList.OptionSelected, ".rows")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        item = self._items[int(event.option.id)]
        self._chosen_url = item.url
        self.post_message(self.Chosen(self, item))
