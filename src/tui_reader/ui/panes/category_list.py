"""The categories pane of the chosen city (房产, 招聘, 二手, …), with unread counts."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui_reader.models import Category
from tui_reader.render import clean_line
from tui_reader.ui.widgets.filtered_list import FilteredList


class CategoryList(FilteredList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Categories", **kwargs)
        self._unread: dict[str, int] = {}

    def row(self, item: Category) -> Text:
        text = Text(clean_line(item.name))
        count = self._unread.get(item.url)
        if count:  # 0 or unknown (nothing cached): no number
            text.append(f" {count}", style="bold cyan")
        return text

    def unread(self, category: Category) -> int | None:
        return self._unread.get(category.url)

    @property
    def unread_counts(self) -> dict[str, int]:
        return dict(self._unread)

    def set_unread(self, counts: dict[str, int]) -> None:
        """Show ``counts`` (unread articles per category URL); the cursor stays put."""
        if counts == self._unread:
            return
        self._unread = dict(counts)
        self.set_items(self.items)
