"""The type-to-filter line of the list panes, mounted the first time "/" opens it.

Until then a pane holds no Input at all: three of them (cities, categories,
articles) would be composed, styled and laid out on the first screen for a
key most starts never press. The panes import this module only when a filter
opens, and read the filter's text as "" while it does not exist.
"""

from __future__ import annotations

from typing import ClassVar

from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from tui_reader.ui import keys


class FilterInput(Input):
    BINDINGS: ClassVar = keys.FILTER

    class Left(Message):
        """The user pressed Escape in the filter (which clears it).

        The panes handle it by name (``on_filter_input_left``), so they need
        not import this module before a filter exists.
        """

    def action_leave(self) -> None:
        self.post_message(self.Left())


def mount_filter(pane: Widget, placeholder: str, *, before: str) -> FilterInput:
    """A new filter line in ``pane``, above its child matching ``before``.

    The line is in the pane at once (it can take focus and keys right away,
    which it handles once mounted, in the order they came), so "/" and the
    letters typed at once after it all land in it.
    """
    field = FilterInput(placeholder=placeholder, compact=True, classes="filter")
    pane.mount(field, before=before)
    return field
