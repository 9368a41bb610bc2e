"""The browse screen's part of hunting: ``w`` keeps the list on screen as a watch, and
a poster just hidden (``X``) leaves the list at once.

A mixin of ``BrowseScreen``. The list's query is its filter (the search
language, see ``panes/article_list.py``) with the list's own place added:
``2室 price:<3000 city:连云港 cat:租房``. The watch then searches every cached
article of that city and category, not only the rows loaded here, and each
sync records what is new for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.ui.screens.browse_parts import BrowseParts

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import Category, City
    from tui_reader.ui.reading_state import ReadingState


def list_query(filter_text: str, city: str | None, category: str | None) -> str:
    """The query a list stands for: its filter, then ``city:`` and ``cat:`` (quoted when they hold spaces)."""
    parts = [" ".join(filter_text.split())]
    for qualifier, name in (("city", city), ("cat", category)):
        if name:
            parts.append(f'{qualifier}:"{name}"' if any(c.isspace() for c in name) else f"{qualifier}:{name}")
    return " ".join(part for part in parts if part)


class HuntingActions(BrowseParts):
    if TYPE_CHECKING:  # what the screen provides
        client: Client
        city: City | None
        category: Category | None
        reading: ReadingState

    def action_save_watch(self) -> None:
        from tui_reader.ui.dialogs.save_watch import SaveWatchScreen, suggested_name

        if self.category is None:
            self.notify("Open a category first: w keeps its list (and its filter) as a watch.", severity="warning")
            return
        filter_text = self.article_list.filter_text
        city = self.city.name if self.city is not None else self.category.city
        query = list_query(filter_text, city, self.category.name)
        name = " ".join(filter_text.split()) or f"{city or ''} {self.category.name}"
        self.app.push_screen(SaveWatchScreen(self.client, query, suggested_name(name)))

    def killfile_changed(self) -> None:
        """The killfile grew: the loaded rows it now hides leave the list."""
        articles = self.article_list
        self.reading.recheck_killed(articles.listings)
        articles.set_read_state(self.reading.read, self.reading.new, self.reading.killed)
