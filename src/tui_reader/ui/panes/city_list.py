"""The cities pane: the recent ones first, then all grouped under their province; filtered by name or pinyin."""

from __future__ import annotations

from typing import Any

from tui_reader.models import City
from tui_reader.ui.widgets.filtered_list import FilteredList


class CityList(FilteredList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Cities", **kwargs)

    def group_of(self, item: City) -> str | None:
        # Portals list cities by province; keeping the headings makes a list
        # of 300 cities scannable, and the filter still finds "lyg".
        return item.province or None

    def search_names(self, item: City) -> tuple[str, ...]:
        # "江苏" (or "jiangsu") lists the province's cities, after any city named so.
        return (item.name, item.province)
