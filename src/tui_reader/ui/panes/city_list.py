"""The cities pane: grouped under their province, filterable by name or URL slug."""

from __future__ import annotations

from typing import Any

from tui_reader.models import City
from tui_reader.ui.widgets.filtered_list import FilteredList


class CityList(FilteredList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Cities", **kwargs)

    def group_of(self, item: City) -> str | None:
        # Portals list cities by province; keeping the headings makes a list
        # of 300 cities scannable, and the filter still finds "lianyungang".
        return item.province or None

    def search_text(self, item: City) -> str:
        return f"{item.name} {item.province} {item.url}".lower()
