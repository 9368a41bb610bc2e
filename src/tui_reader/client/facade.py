"""The facade the UI and the command line call: cities, categories, listings, articles.

It decides cache or network for every request:

- a fresh cache entry is served as is (``source="cache"``);
- otherwise the portal is asked (conditionally, with the stored ETag /
  Last-Modified, so an unchanged page costs a 304 and no re-parse), the page is
  parsed and stored (``source="network"``);
- when that fails and something is cached, the cached value is served with
  ``source="stale-cache"`` and ``note`` saying why — a failed fetch never erases
  or hides what we already have;
- offline, the cache is all there is: served when present, ``OfflineMiss`` when not.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

from tui_reader import errors
from tui_reader.client.cache_reads import CacheReads, categories_from_dict
from tui_reader.client.freshness import Retention, Ttl
from tui_reader.client.library import UserLibrary
from tui_reader.client.pages import ArticleGone, PageCache, page_parsers, placed, store_quietly
from tui_reader.client.sync_page import SyncPages
from tui_reader.models import (
    Category,
    City,
    Listing,
    Page,
    Sourced,
    page_of_listings_from_dict,
    page_of_listings_to_dict,
    utcnow,
)
from tui_reader.sites import SiteProfile, page_url

if TYPE_CHECKING:
    from tui_reader.client.freshness import PrefetchSettings
    from tui_reader.client.photos import PhotoShelf
    from tui_reader.client.prefetch import Prefetcher
    from tui_reader.fetch import Fetcher
    from tui_reader.models import Article, PricePoint
    from tui_reader.sites import VettedImage

    # Types only: the store's modules (and sqlite3) load when the session opens
    # the cache, not when the first screen's modules are imported.
    from tui_reader.store import Library, Store

T = TypeVar("T")
_log = logging.getLogger(__name__)  # --debug: cache hits


class Client(CacheReads):
    """See the module's docstring. Beside reading: ``user``, the user's library
    (bookmarks, history, read marks, search, eviction), and ``for_sync``, pages
    as ``sync`` takes them; both share this client's store and page path."""

    def __init__(
        self,
        *,
        profile: SiteProfile,
        base_url: str,
        store: Store,
        offline: bool = False,
        fetcher: Fetcher | None = None,
        make_fetcher: Callable[[], Fetcher] | None = None,
        ttl: Ttl = Ttl(),
        library: Library | None = None,
        retention: Retention = Retention(),
        prefetch: PrefetchSettings | None = None,
    ) -> None:
        self.profile = profile
        self.library = library
        """The user's bookmarks, history and read marks; None when not opened."""
        self.retention = retention
        self.base_url = base_url.rstrip("/")
        self.store = store
        self.offline = offline
        self._fetcher = fetcher
        self._make_fetcher = make_fetcher
        self._making_fetcher = threading.Lock()  # warm_up makes it in a thread, a load in the loop
        self.ttl = ttl
        self.pages = PageCache(store, self.ready_fetcher)
        """The one fetch → kind → parse → store path (reading and sync)."""
        self.user = UserLibrary(store, library, retention, self.article)
        self.for_sync = SyncPages(self.pages, ttl, profile)
        self.prefetch = prefetch
        """How pages around the cursor are fetched ahead (``prefetch_around``); None: they are not."""
        self._prefetcher: Prefetcher | None = None
        self._photos: PhotoShelf | None = None

    @property
    def fetcher(self) -> Fetcher:
        """The HTTP side, made on first use: a reader started offline or served
        from the cache never pays for importing the HTTP stack and parser."""
        with self._making_fetcher:
            if self._fetcher is None:
                if self._make_fetcher is not None:
                    self._fetcher = self._make_fetcher()
                else:
                    from tui_reader.fetch import Fetcher

                    self._fetcher = Fetcher()
            return self._fetcher

    async def ready_fetcher(self) -> Fetcher:
        """The fetcher, the first one made in a thread: importing the HTTP stack,
        its TLS set-up and the in-process demo portal take tens of milliseconds
        that would otherwise hold up the screen painting what the cache had."""
        if self._fetcher is None:
            return await asyncio.to_thread(lambda: self.fetcher)
        return self._fetcher

    # -- public API ---------------------------------------------------------

    @property
    def home_url(self) -> str:
        return self.base_url + "/"

    async def cities(self, *, refresh: bool = False, cache_only: bool = False) -> Sourced[tuple[City, ...]]:
        try:
            return await self._cities(self.home_url, refresh=refresh, cache_only=cache_only)
        except errors.ChooserElsewhere as exc:
            chooser = exc.url
        # The home page only links to the city chooser: it is one click away.
        result = await self._cities(chooser, refresh=refresh, cache_only=cache_only)
        # Kept under the home page's address too, so the next start (or an
        # offline one) finds the cities without knowing where the chooser is.
        store_quietly(
            lambda: self.store.put(
                "cities", self.home_url, {"items": [c.to_dict() for c in result.value]}, fetched_at=result.fetched_at
            )
        )
        return result

    async def _cities(self, url: str, *, refresh: bool, cache_only: bool) -> Sourced[tuple[City, ...]]:
        return await self._load(
            kind="cities",
            cache_only=cache_only,
            url=url,
            what="the city list",
            ttl=self.ttl.cities,
            refresh=refresh,
            parse_page=lambda html, url: page_parsers().read_cities(html, url, self.profile),
            dump=lambda cities: {"items": [c.to_dict() for c in cities]},
            load=lambda data: tuple(City.from_dict(c) for c in data["items"]),
        )

    async def categories(
        self, city: City, *, refresh: bool = False, cache_only: bool = False
    ) -> Sourced[tuple[Category, ...]]:
        return await self._load(
            kind="categories",
            cache_only=cache_only,
            url=city.url,
            what=f"the categories of {city.name}",
            ttl=self.ttl.categories,
            refresh=refresh,
            parse_page=lambda html, url: page_parsers().read_categories(html, url, self.profile, city.name),
            dump=lambda cats: {"items": [c.to_dict() for c in cats]},
            load=categories_from_dict,
        )

    async def listings(
        self, category: Category, page_url: str | None = None, *, refresh: bool = False, cache_only: bool = False
    ) -> Sourced[Page[Listing]]:
        url = page_url or category.url
        return await self._load(
            kind="listings",
            cache_only=cache_only,
            url=url,
            what=f"this page of {category.city} › {category.name}" if category.name else f"the list page {url}",
            ttl=self.ttl.listings,
            refresh=refresh,
            parse_page=lambda html, page_url: page_parsers().read_listings(html, page_url, self.profile),
            dump=page_of_listings_to_dict,
            load=page_of_listings_from_dict,
        )

    async def list_page(self, url: str, *, refresh: bool = False) -> Sourced[Page[Listing]]:
        """Any list page by its address (``list URL``), not only a category's."""
        return await self.listings(Category("", url, ""), url, refresh=refresh)

    async def listing_page(self, category: Category, number: int) -> Sourced[Page[Listing]]:
        """Page ``number`` (1-based) of a category, for ``list --page N``.

        Uses the profile's page parameter or page path when it has one; otherwise
        follows the pager's "next" links, which the cache makes cheap the second time.
        """
        direct = page_url(self.profile.listings, category.url, number) if number > 1 else None
        if direct is not None:
            return await self.listings(category, direct)
        result = await self.listings(category)
        while result.value.number < number:
            if not result.value.has_next:
                raise errors.NotFound(f"{category.city} › {category.name} has only {result.value.number} pages")
            result = await self.listings(category, result.value.next_url)
        return result

    async def article(
        self, url: str, *, refresh: bool = False, cache_only: bool = False, place: Category | None = None
    ) -> Sourced[Article]:
        """The article at ``url``; ``place``: the category it was listed in, which names
        its city and category when the page itself does not (no breadcrumb)."""
        try:
            result = await self._article(url, refresh=refresh, cache_only=cache_only, place=place)
        except (errors.OfflineMiss, errors.FetchError, errors.ParseError, errors.RefusedPage):
            # Not in the cache and not reachable: a bookmark keeps its own copy.
            saved = self.library.bookmarked_article(url) if self.library is not None else None
            if saved is None:
                raise
            from tui_reader.models import Article

            result = Sourced(Article.from_dict(saved), "cache", utcnow(), note="from your bookmarks")
        # Not the listing's: pictures the site repeats in its other articles.
        # Imported here, as the article model is: the first screen shows lists only.
        from tui_reader.client.repeated_photos import without_repeated

        return result._replace(value=without_repeated(self.store, result.value, url))

    async def _article(
        self, url: str, *, refresh: bool, cache_only: bool = False, place: Category | None = None
    ) -> Sourced[Article]:
        # Imported here: the first screen shows lists only, and the article
        # model is a dataclass that costs a millisecond to define.
        from tui_reader.models import Article

        return await self._load(
            kind="article",
            cache_only=cache_only,
            url=url,
            what="this article",
            ttl=self.ttl.article,
            refresh=refresh,
            # Opened from a list row, a page is an article unless it is refused; a
            # page asked for by address (``read URL``) is told apart from a list too.
            parse_page=lambda html, page_url: placed(
                page_parsers().read_article(html, page_url, self.profile, check_kind=place is None), place
            ),
            dump=Article.to_dict,
            load=Article.from_dict,
        )

    async def find_city(self, name_or_slug: str) -> City:
        cities = (await self.cities()).value
        city = _match(cities, name_or_slug)
        if city is None:
            raise errors.NotFound(f"no city called {name_or_slug!r} on {self.profile.title}")
        return city

    async def find_category(self, city: City, name_or_slug: str) -> Category:
        categories = (await self.categories(city)).value
        category = _match(categories, name_or_slug)
        if category is None:
            raise errors.NotFound(f"{city.name} has no category called {name_or_slug!r}")
        return category

    async def photo(self, url: str, *, article_url: str | None = None, refresh: bool = False) -> Sourced[VettedImage]:
        """The photo at ``url``, vetted (``decode`` gives its pixels): from the photo cache
        when there (online or offline), else fetched, vetted off the event loop and cached; ``article_url``: the article
        showing it. ``OfflineMiss``, a ``FetchError`` or ``BadImage`` say in one sentence
        why there is none (``client.photos``)."""
        return await self.photos.photo(url, article_url=article_url, refresh=refresh)

    @property
    def photos(self) -> PhotoShelf:
        """The photo cache as the client serves it; made with the first photo, not the first screen."""
        if self._photos is None:
            from tui_reader.client.photos import PhotoShelf

            self._photos = PhotoShelf(
                self.store, self.library, self.retention, self.ready_fetcher, lambda: self.offline
            )
        return self._photos

    def prefetch_around(self, rows_ahead: Sequence[str], *, place: Category | None, next_page: str | None) -> None:
        """The cursor is on ``rows_ahead[0]`` of a list of ``place`` whose next page is
        ``next_page``: fetch ahead what is likely opened next (``client.prefetch``).
        Does nothing when prefetching is off, and nothing is fetched offline."""
        settings = self.prefetch
        if settings is None or (self._prefetcher is None and not rows_ahead):
            return  # nothing to fetch, and no prefetch under way to stop
        from tui_reader.client.prefetch import Prefetcher, around

        wanted = around(
            settings,
            rows_ahead,
            next_page,
            article=lambda url: self._article(url, refresh=False, place=place),
            page=None if place is None else lambda url: self.listings(place, url),
        )
        if self._prefetcher is None:
            self._prefetcher = Prefetcher(
                settings,
                is_fresh=self.fresh_in_cache,
                allows=lambda url: self.fetcher.robots_allows(url),
                offline=lambda: self.offline,
            )
        self._prefetcher.aim([] if self.offline else wanted)

    def warm_up(self) -> None:
        """Import the page parsers and make the fetcher now (call it from a thread):
        the first page read, often a prefetch, then does not stall the event loop for them."""
        if not self.offline:
            page_parsers()
            _ = self.fetcher  # and the HTTP side (and the demo portal, when it is ours to serve)

    def price_history(self, url: str) -> list[PricePoint]:
        """Every price the cached article at ``url`` was seen at, oldest first: a point
        per change across reads and syncs (``render.prices.price_change`` words it)."""
        return self.store.price_history(url)

    async def aclose(self) -> None:
        if self._prefetcher is not None:
            await self._prefetcher.close()
        if self._fetcher is not None:
            await self._fetcher.aclose()
        self.store.close()
        if self.library is not None:
            self.library.close()

    # -- the one cache-or-network decision -------------------------------------

    async def _load(
        self,
        *,
        kind: str,
        url: str,
        what: str,
        ttl: float,
        refresh: bool,
        parse_page: Callable[[str, str], T],
        dump: Callable[[T], dict[str, Any]],
        load: Callable[[dict[str, Any]], T],
        cache_only: bool = False,
    ) -> Sourced[T]:
        if self._prefetcher is not None:
            await self._prefetcher.settled(url)  # being prefetched: that answer is this one's
        entry = self.store.get(kind, url)
        now = utcnow()
        fresh = entry is not None and (now - entry.fetched_at).total_seconds() < ttl
        if entry is not None and (cache_only or (fresh and not refresh)):
            _log.debug("cache hit: %s %s (fetched %s)", kind, url, entry.fetched_at.isoformat())
            return Sourced(load(entry.payload), "cache", entry.fetched_at, gone_at=self._gone_at(kind, url))
        if self.offline or cache_only:
            if entry is None:
                raise errors.OfflineMiss(f"offline, and {what} is not in the cache")
            gone = self._gone_at(kind, url)
            return Sourced(
                load(entry.payload), "cache" if fresh else "stale-cache", entry.fetched_at, note="offline", gone_at=gone
            )

        try:
            with self._prefetcher.users_turn(url) if self._prefetcher is not None else nullcontext():
                done = await self.pages.refresh(kind, url, entry, parse_page, dump, load)
        except (errors.FetchError, errors.ParseError, errors.RefusedPage) as exc:
            if self._prefetcher is not None:
                self._prefetcher.note_failure(url, exc)  # a captcha stops prefetching there
            # A failed fetch, or a captcha / login wall / soft 404 in place of
            # the page, never replaces what the cache holds: it is shown instead.
            if entry is None:
                raise
            gone = self._gone_at(kind, url) or (exc.at if isinstance(exc, ArticleGone) else None)
            return Sourced(load(entry.payload), "stale-cache", entry.fetched_at, note=str(exc), gone_at=gone)
        return Sourced(done.value, "network", done.at, note=done.note)


Place = TypeVar("Place", City, Category)


def _match(items: tuple[Place, ...], name_or_slug: str) -> Place | None:
    """Find a city or category by its display name or by the slug in its URL."""
    wanted = name_or_slug.strip().strip("/").casefold()
    for item in items:
        if item.name.casefold() == wanted:
            return item
    for item in items:
        slug = item.url.rstrip("/").rsplit("/", 1)[-1].casefold()
        if slug == wanted:
            return item
    return None
