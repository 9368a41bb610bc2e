"""The browse screen's article keys: open in the browser, copy the URL, the
phone, a link or any field (the work is ``ui.article_actions``'), the photos (``ui.photos``).

A mixin of ``BrowseScreen`` (see ``browse_parts``). The URL keys act on the
article in the reader pane, else on the highlighted row; the others only on
the reader pane's article, which the wide layout alone shows.
"""

from __future__ import annotations

from tui_reader.ui.article_actions import choose_and_copy, copy_phone, copy_url, follow_link
from tui_reader.ui.photos import open_gallery
from tui_reader.ui.screens.browse_parts import BrowseParts


class ArticleKeys(BrowseParts):
    def _current_url(self) -> str | None:
        if self.wide and self.article_view.article is not None:
            return self.article_view.article.url
        listing = self.article_list.highlighted
        return listing.url if listing is not None else None

    def action_open_browser(self) -> None:
        from tui_reader.ui.screens.reader import open_in_browser

        open_in_browser(self, self._current_url())

    def action_copy_url(self) -> None:
        copy_url(self, self._current_url())

    # The article keys act on the reader pane's article (wide layout only).
    def action_copy_phone(self) -> None:
        copy_phone(self, self.article_view.article if self.wide else None)

    def action_follow_link(self) -> None:
        follow_link(self, self.article_view.article if self.wide else None)

    def action_copy_choice(self) -> None:
        choose_and_copy(self, self.article_view.article if self.wide else None)

    def action_photos(self) -> None:
        open_gallery(self, self.article_view.article if self.wide else None)
