"""The browse screen's part of the offline library: read marks and counts, bookmarks, sync.

A mixin of ``BrowseScreen`` (kept apart so the screen stays about its panes):
it uses the screen's panes and ``client``, ``reading`` (a ``ReadingState``)
and ``syncer`` (a ``SyncRunner``), and is wired by the screen's key bindings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from tui_reader.models import Category, City
from tui_reader.ui.bookmarking import start_toggle
from tui_reader.ui.screens.browse_parts import BrowseParts

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.worker import Worker

    from tui_reader.client import Client
    from tui_reader.models import Article
    from tui_reader.ui.reading_state import ReadingState
    from tui_reader.ui.syncing import SyncRunner


class LibraryActions(BrowseParts):
    if TYPE_CHECKING:  # what the screen provides besides its panes
        client: Client
        reading: ReadingState
        syncer: SyncRunner
        city: City | None
        category: Category | None

        def _focused_pane(self) -> Widget | None: ...
        def _current_url(self) -> str | None: ...
        # Workers (``@work``): calling one starts it and returns the worker.
        def load_listings(self, category: Category, refresh: bool = False) -> Worker[None]: ...
        def load_article(self, url: str, refresh: bool = False, focus: bool = False) -> Worker[None]: ...

    def show_unread_counts(self, *, only: Category | None = None) -> None:
        """Recount the city's categories (in a thread), or only ``only`` (one article was read: one count changed)."""
        if only is None:
            self._recount_unread(tuple(self.category_list.items))
            return
        self.category_list.set_unread({**self.category_list.unread_counts, **self.reading.unread_counts([only])})

    @work(thread=True, group="unread-counts", exclusive=True, exit_on_error=False)
    def _recount_unread(self, categories: tuple[Category, ...]) -> None:
        # Up to 20 cached pages a category are read: the more a sync cached, the
        # longer it takes, and the categories are on screen meanwhile.
        counts, read = self.reading.count_unread(categories)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._unread_counted, categories, counts, read)

    def _unread_counted(self, categories: tuple[Category, ...], counts: dict[str, int], read: set[str]) -> None:
        if tuple(self.category_list.items) != categories:
            return  # another city's categories by now: their own count is under way
        self.reading.read |= read
        self.category_list.set_unread(counts)

    def article_opened(self, url: str, article: Article) -> None:
        """Read now: into the history, its row and its category's count lose the unread mark."""
        self.client.user.opened(article, url)
        self.reading.opened(url)
        self.article_list.mark_read(url)
        if self.category is not None:
            self.show_unread_counts(only=self.category)

    def on_screen_resume(self) -> None:
        # Back from the reader, search, bookmarks or history: articles read
        # there (or by another instance) lose their unread marks here too.
        # Not at start: nothing is listed yet (the list's pane is not even made).
        if not self.all_panes_shown:
            return
        self.reading.recheck([listing.url for listing in self.article_list.listings])
        self.article_list.set_read_state(self.reading.read, self.reading.new)
        self.show_unread_counts()

    def _synced(self, city: City, category: Category | None) -> None:
        """A sync ended: what it stored shows in the counts, and in the list if it is the one on screen."""
        self.show_unread_counts()
        if self.category is not None and (category is None or category.url == self.category.url):
            if city.name == self.category.city:
                self.load_listings(self.category)

    def action_toggle_bookmark(self) -> None:
        url: str | None
        if self.wide and self.article_view.article is not None and self._focused_pane() is self.article_view:
            url, title = self.article_view.article.url, self.article_view.article.title
        else:
            listing = self.article_list.highlighted
            url, title = (listing.url, listing.title) if listing is not None else (self._current_url(), "")
        start_toggle(self, self.client, url, title)

    def action_next_unread(self) -> None:
        articles = self.article_list
        if not articles.next_unread():
            self.notify("No unread article in the loaded pages.", severity="information")
            return
        listing = articles.highlighted
        if self._focused_pane() is self.article_view and listing is not None:
            self.load_article(listing.url)  # reading along: the reader follows
        elif self._focused_pane() is not self.article_view:
            articles.focus_rows()

    def action_sync(self) -> None:
        pane = self._focused_pane()
        city = self.city_list.highlighted_item if pane is self.city_list else self.city
        category = None
        if pane is self.category_list:
            category = self.category_list.highlighted_item
        elif pane is not self.city_list:
            category = self.category
        if city is None:
            self.notify("Choose a city (or a category) to sync.", severity="warning")
            return
        if self.client.offline:
            self.notify("Offline: a sync needs the network (go online from the palette, ctrl+p).", severity="warning")
            return
        self.syncer.start(city, category)

    def action_cancel_sync(self) -> None:
        self.syncer.cancel()
