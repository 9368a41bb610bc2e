"""The categories pane of the chosen city (房产, 招聘, 二手, …)."""

from __future__ import annotations

from typing import Any

from tui_reader.ui.widgets.filtered_list import FilteredList


class CategoryList(FilteredList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Categories", **kwargs)
