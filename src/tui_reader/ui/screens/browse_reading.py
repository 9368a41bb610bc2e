"""Reading along the list: ``J`` and ``K`` open the next and previous article.

A mixin of ``BrowseScreen``. The article list owns the order (and its cursor
follows); the reader pane, or the full-screen ``ReaderScreen`` through the
``neighbour`` callback it is given, only asks for the next one. Near the end
of the loaded rows the list asks for its next page as the cursor gets there,
as when scrolling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.ui.screens.browse_parts import BrowseParts
from tui_reader.ui.screens.reader import no_neighbour


class ReadingAlong(BrowseParts):
    if TYPE_CHECKING:  # what the screen provides

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
            self.notify(no_neighbour(step), severity="information")
            return
        self.open_article(url, focus=False)  # the focus stays: J again goes on
