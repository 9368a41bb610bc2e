"""Reading along the list: ``J`` and ``K`` open the next and previous article.

A mixin of ``BrowseScreen``. The article list owns the order (and its cursor
follows); the reader pane, or the full-screen ``ReaderScreen`` through the
``neighbour`` callback it is given, only asks for the next one. Near the end
of the loaded rows the list asks for its next page as the cursor gets there,
as when scrolling.

Reading ahead: wherever the cursor rests, the client is told the rows from
there on (``read_ahead``), and prefetches what is likely opened next, if
prefetching is on (``[fetch] prefetch``); Enter then finds it in the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.ui.screens.browse_parts import BrowseParts

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import Category
    from tui_reader.ui.syncing import SyncRunner

AHEAD = 32
"""Rows from the cursor on that the client is shown: more than it prefetches (at
most 21) or looks at to tell the list's end is near (10)."""


class ReadingAlong(BrowseParts):
    if TYPE_CHECKING:  # what the screen provides
        client: Client
        category: Category | None
        syncer: SyncRunner

        def open_article(self, url: str, *, focus: bool) -> None: ...

    def neighbour(self, url: str | None, step: int) -> str | None:
        """The URL ``step`` rows from ``url`` in the list, its row highlighted (None past the end)."""
        listing = self.article_list.step_from(url, step)
        return listing.url if listing is not None else None

    def action_next_article(self) -> None:
        self._open_neighbour(+1)

    def action_previous_article(self) -> None:
        self._open_neighbour(-1)

    def _open_neighbour(self, step: int) -> None:
        # From the list, the row under the cursor; from the reader, the article it shows.
        focused = self.focused
        in_list = focused is not None and self.article_list in focused.ancestors_with_self
        shown = self.article_view.article if self.wide and not in_list else None
        url = self.neighbour(shown.url if shown is not None else None, step)
        if url is None:
            from tui_reader.ui.screens.reader import no_neighbour

            self.notify(no_neighbour(step), severity="information")
            return
        self.open_article(url, focus=False)  # the focus stays: J again goes on

    def read_ahead(self) -> None:
        """The cursor moved, or the rows changed: prefetch around it (nothing when the
        rows are gone, or while a sync asks the portal at its own pace)."""
        articles = self.article_list
        rows = articles.table.rows if not self.syncer.running else ()
        start = articles.table.cursor_row if rows else 0
        ahead = [listing.url for listing in rows[start : start + AHEAD]]
        self.client.prefetch_around(ahead, place=self.category, next_page=articles.next_url if ahead else None)
