"""The main screen: cities | categories | articles | reader, wired together.

Widgets only show data and post messages; this screen decides what to load
next and runs every client call in a worker (one exclusive group per pane, so
choosing another city cancels the categories still loading for the last one).

Wide terminals (the App's ``-wide`` breakpoint) show the reader as a fourth
pane; narrow ones hide it and open a full-screen ``ReaderScreen`` instead.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui_reader.models import Category, City, Listing, Page, Sourced
from tui_reader.render import clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.focus import focus_now
from tui_reader.ui.freshness import RETICK_SECONDS, retick
from tui_reader.ui.loading import SPINNER_DELAY, load_fresh, load_into
from tui_reader.ui.panes.category_list import CategoryList
from tui_reader.ui.panes.city_list import CityList
from tui_reader.ui.place_keeper import PlaceKeeper
from tui_reader.ui.reading_state import ReadingState
from tui_reader.ui.screens.browse_article_keys import ArticleKeys
from tui_reader.ui.screens.browse_hunting import HuntingActions
from tui_reader.ui.screens.browse_layout import PaneLayout
from tui_reader.ui.screens.browse_library import LibraryActions
from tui_reader.ui.screens.browse_reading import ReadingAlong
from tui_reader.ui.syncing import SyncOptions, SyncRunner
from tui_reader.ui.widgets.filtered_list import FilteredList
from tui_reader.ui.widgets.key_footer import KeyFooter
from tui_reader.ui.widgets.status_bar import StatusBar
from tui_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.ui.panes.article_list import ArticleList


class BrowseScreen(PaneLayout, ReadingAlong, LibraryActions, HuntingActions, ArticleKeys, Screen[None]):
    BINDINGS: ClassVar = [*keys.BROWSE, *keys.ARTICLE]
    # Textual focuses this when the screen starts; focusing anything first
    # (its default is the first focusable, the city filter) and moving on
    # would restyle the panes twice before the first paint.
    AUTO_FOCUS: ClassVar = "#cities > .rows"
    # Textual's own ``focused`` repaints the whole screen on every focus change
    # (every Tab, and Enter on an article): some 20 ms of redrawing panes that did
    # not change. The panes whose look depends on focus restyle and repaint
    # themselves (Textual's focus styles), so the screen does not.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(
        self, client: Client, sync_options: SyncOptions | None = None, places: PlaceKeeper | None = None
    ) -> None:
        super().__init__()
        self.client = client
        self.places = places or PlaceKeeper(None, lambda: None)
        """The last place (reopened at start), the recent cities, and where the user goes."""
        self.city: City | None = None
        self.category: Category | None = None
        self.reading = ReadingState(client)
        self._listings_result: Sourced[Page[Listing]] | None = None
        """The list's last load: the status line's count speaks of it."""
        self.syncer = SyncRunner(self, client, self._synced, sync_options)
        self._resumed = False
        # The parts, made here and kept: a worker that wakes while the screen is
        # being taken down (a quit right after start) still finds them, where a
        # query would raise NoMatches and end the app with a traceback.
        self.city_list = CityList(id="cities")
        self.category_list = CategoryList(id="categories")
        self.status = StatusBar(id="status")
        self.panes = Horizontal(id="panes")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # The article and reader panes come once the cities are painted (show_all_panes).
        with self.panes:
            yield self.city_list
            yield self.category_list
        yield self.status
        yield KeyFooter()

    @on(events.ScreenResume)
    def _first_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a resuming screen (5–7 ms); the first
        # time, mounting just did (Textual itself skips it when a modal closes).
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        self.expect_rows_to_fit()
        self.load_cities()
        # The article and reader panes are mounted once the cities are painted,
        # so the first paint lays out and draws less; if the cities come from
        # the network, they need not wait for that.
        self.set_timer(SPINNER_DELAY, self.show_all_panes)
        self.set_interval(RETICK_SECONDS, retick)  # "3 min ago" on the borders keeps counting

    # -- workers: one group per pane ----------------------------------------------------

    @work(group="cities", exclusive=True)
    async def load_cities(self, refresh: bool = False) -> None:
        await load_fresh(
            client=self.client,
            kind="cities",
            pane=self.city_list,
            status=self.status,
            task="cities",
            label="loading cities…",
            call=lambda refresh, cache_only: self.client.cities(refresh=refresh, cache_only=cache_only),
            show=self._show_cities,
            describe=lambda cities: counted(len(cities), "city"),
            refresh=refresh,
        )
        self.call_after_refresh(self.show_all_panes)

    def _show_cities(self, result: Sourced[tuple[City, ...]]) -> None:
        self.city_list.set_items(result.value)
        self.city_list.set_pinned(self.places.recent_urls(result.value))
        # The last city read, or (first start) the first one, followed down so
        # the screen is not empty. Behind what is already queued, the cities'
        # first paint among it (the cascade must not delay that paint); not
        # after refresh, which also waits out Textual's own start-up repaints.
        if self.city is None and result.value:
            city = self.places.city_to_reopen(result.value) or result.value[0]
            self.call_later(self._choose_first_city, city)

    async def _choose_first_city(self, city: City) -> None:
        if self.city is not None:  # the user picked one meanwhile
            return
        # What the cache holds of the place is shown now, in the frame after the
        # cities: the loads started below revalidate it, but each would wait its
        # turn behind the painting first. The panes it goes to are composed
        # first, so that frame has the rows.
        categories = self.client.peek_categories(city)
        if categories is not None:
            mounting = self.show_all_panes()
            if mounting is not None:
                await mounting
            if self.city is not None:
                return
        self.choose_city(city)
        if categories is None:
            return
        self._show_categories(categories)
        listings = self.client.peek_listings(self.category) if self.category is not None else None
        if listings is not None and self.category is not None:
            self._show_listings(self.category.url, listings)

    @work(group="categories", exclusive=True)
    async def load_categories(self, city: City, refresh: bool = False) -> None:
        await load_fresh(
            client=self.client,
            kind="categories",
            pane=self.category_list,
            status=self.status,
            task="categories",
            label=f"loading {clean_line(city.name)}…",
            call=lambda refresh, cache_only: self.client.categories(city, refresh=refresh, cache_only=cache_only),
            show=self._show_categories,
            describe=lambda cats: counted(len(cats), "category"),
            refresh=refresh,
        )

    def _show_categories(self, result: Sourced[tuple[Category, ...]]) -> None:
        self.category_list.set_items(result.value)
        self.show_unread_counts()
        if self.category is None and result.value and self.city is not None:
            self.choose_category(self.places.category_to_reopen(self.city, result.value) or result.value[0])

    @work(group="listings", exclusive=True)
    async def load_listings(self, category: Category, refresh: bool = False) -> None:
        await load_fresh(
            client=self.client,
            kind="listings",
            pane=self.article_list,
            status=self.status,
            task="listings",
            label=f"loading {clean_line(category.name)}…",
            call=lambda refresh, cache_only: self.client.listings(category, refresh=refresh, cache_only=cache_only),
            show=lambda result: self._show_listings(category.url, result),
            describe=lambda page: counted(len(page.items), "article"),
            refresh=refresh,
        )
        self.show_unread_counts()  # the list just cached may be the first of this category

    def _show_listings(self, page_url: str, result: Sourced[Page[Listing]]) -> None:
        self._listings_result = result
        page = result.value
        # Marks first, so the rows are drawn with them.
        self.reading.note_page(page_url, page.items)
        self.article_list.set_read_state(self.reading.read, self.reading.new, self.reading.killed)
        self.article_list.show_page(page)
        # After the rows are painted: the prefetcher (its module loads with the
        # first rows) waits for the cursor to rest anyway.
        self.call_after_refresh(self.read_ahead)
        if self.category is not None and self.places.reopening:
            self._reopen_article(self.places.article_to_reopen(self.category, page.items))

    def _reopen_article(self, listing: Listing | None) -> None:
        articles = self.article_list
        if listing is None or listing not in articles.table.rows:
            return
        articles.table.move_cursor(row=articles.table.rows.index(listing))
        if self.focused is self.city_list.rows:  # the user has not gone elsewhere meanwhile
            articles.focus_rows()

    @work(group="listings", exclusive=True)
    async def load_more(self, category: Category, page_url: str) -> None:
        articles = self.article_list
        articles.loading_more = True
        try:
            result = await load_into(
                pane=articles,
                status=self.status,
                task="listings",
                label="loading the next page…",
                call=lambda: self.client.listings(category, page_url),
                spinner=False,
                quiet=True,
            )
        finally:
            articles.loading_more = False
        if result is not None:
            # Rows first, marks a moment later (and the next page may be asked
            # for meanwhile): recording the visit is a committed disk write.
            articles.show_page(result.value, append=True)
            self.read_ahead()
            self.mark_page(page_url, result.value.items)

    @work(group="marks")
    async def mark_page(self, page_url: str, listings: tuple[Listing, ...]) -> None:
        marks = await asyncio.to_thread(self.reading.look_up, page_url, listings)
        self.reading.apply(page_url, marks)
        self.article_list.set_read_state(self.reading.read, self.reading.new, self.reading.killed)

    @work(group="article", exclusive=True)
    async def load_article(self, url: str, refresh: bool = False, focus: bool = False) -> None:
        result = await load_fresh(
            client=self.client,
            kind="article",
            pane=self.article_view,
            status=self.status,
            task="article",
            label="loading the article…",
            call=lambda refresh, cache_only: self.client.article(
                url, refresh=refresh, cache_only=cache_only, place=self.category
            ),
            show=lambda result: self.article_view.show_article(result.value, gone_at=result.gone_at),
            describe=lambda _article: "article",
            refresh=refresh,
        )
        if result is not None and not refresh:  # r re-reads; it is not another visit
            self.article_opened(url, result.value)
        if focus:  # only now: a pane showing its loading spinner cannot take focus
            focus_now(self.article_view)

    # -- choices ----------------------------------------------------------------------

    def choose_city(self, city: City) -> None:
        self.city = city
        self.category = None
        self.city_list.mark_chosen(city)
        self.category_list.set_items(())
        self._leave_place()
        self.status.forget_source()  # its counts were the old city's
        self._update_title()
        self._note_place()
        self.load_categories(city)

    def choose_category(self, category: Category) -> None:
        self.category = category
        self.category_list.mark_chosen(category)
        self._leave_place()
        self._update_title()
        self._note_place()
        self.load_listings(category)

    def _note_place(self) -> None:
        self.places.note(self.city, self.category, self.article_list.highlighted)

    def _leave_place(self) -> None:
        """Another city or category: its old rows, its article and the load of it go."""
        self.workers.cancel_group(self, "article")
        self.article_view.clear()
        self.article_list.clear()
        self.read_ahead()  # nothing: the prefetches of the rows just left stop
        if self._listings_result is not None:
            self.status.forget_source(self._listings_result)
            self._listings_result = None

    # ArticleList's messages are handled by name: ``@on`` would need its module at import.

    def on_article_list_counted(self, event: ArticleList.Counted) -> None:
        self.status.restate(self._listings_result, event.words)

    def _update_title(self) -> None:
        # The title bar draws sub_title as plain text (no markup); clean it anyway.
        place = [p.name for p in (self.city, self.category) if p is not None]
        offline = " · offline" if self.client.offline else ""
        self.sub_title = clean_line(" › ".join(place) + offline)

    def show_offline(self) -> None:
        """The client went offline (or online): say so in the title and the status line."""
        self._update_title()
        self.status.show_note("offline: reading from the cache only" if self.client.offline else "")

    @on(FilteredList.Chosen, "#cities")
    def _city_chosen(self, event: FilteredList.Chosen) -> None:
        self.places.user_moved()
        self.places.note_city_chosen(event.item)
        self.city_list.set_pinned(self.places.recent_urls(self.city_list.items))
        if self.city is None or event.item.url != self.city.url:
            self.choose_city(event.item)
        self.category_list.focus_rows()

    @on(FilteredList.Chosen, "#categories")
    def _category_chosen(self, event: FilteredList.Chosen) -> None:
        self.places.user_moved()
        if self.category is None or event.item.url != self.category.url:
            self.choose_category(event.item)
        self.article_list.focus_rows()

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.listing.url, focus=True)

    def open_article(self, url: str, *, focus: bool) -> None:
        """In the reader pane beside the list, or full screen (which can ask for the next one)."""
        if self.wide:
            self.load_article(url, focus=focus)
        else:
            from tui_reader.ui.screens.reader import ReaderScreen  # loaded with the first one

            self.app.push_screen(ReaderScreen(self.client, url, neighbour=self.neighbour))

    def on_article_list_moved(self, _event: ArticleList.Moved) -> None:
        self._note_place()
        self.read_ahead()

    def on_article_list_need_more(self, event: ArticleList.NeedMore) -> None:
        articles = self.article_list
        if self.category is not None and articles.next_url and not articles.loading_more:
            articles.loading_more = True  # before the worker starts: ask once
            self.load_more(self.category, articles.next_url)

    # -- actions ------------------------------------------------------------------------

    def action_filter(self) -> None:
        if isinstance(self.focused, Input):
            raise SkipAction()  # "/" is text inside a filter
        pane = self._focused_pane()
        if isinstance(pane, FilteredList):
            pane.focus_filter()
        elif pane is None:
            (self.city_list if self.sidebars_shown else self.article_list).focus_filter()
        else:  # the article list, or the reader beside it: filter the titles
            self.article_list.focus_filter()

    def action_refresh(self) -> None:
        pane = self._focused_pane()
        if pane is self.category_list and self.city is not None:
            self.load_categories(self.city, refresh=True)
        elif pane is self.article_list and self.category is not None:
            self.load_listings(self.category, refresh=True)
        elif pane is self.article_view and self.article_view.article is not None:
            self.load_article(self.article_view.article.url, refresh=True)
        else:
            self.load_cities(refresh=True)
