"""What ``sync`` asks of the client: one page at a time, saying what happened.

A mixin of ``Client`` (kept apart so the cache-or-network logic for reading
stays short). Unlike reading, a sync lets fetch and parse failures out (it
counts them), reports each page's outcome, and writes in batches
(``batched_writes``, see ``_write_batch``). Before fetching the articles of
a listing page it looks up what the cache holds for all of them in one query
(``cached_articles``): one SELECT per article was a twentieth of a sync's time
on the thread that also fetches and parses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from tui_reader.models import Article, page_of_listings_from_dict, page_of_listings_to_dict, utcnow
from tui_reader.store import CacheEntry, Store

if TYPE_CHECKING:
    from tui_reader.store import WriteBatch
    from tui_reader.client.facade import Ttl
    from tui_reader.fetch import Fetcher
    from tui_reader.models import Category, Listing, Page
    from tui_reader.sites import SiteProfile

__all__ = ["SyncMethods", "SyncOutcome", "page_parsers", "placed"]

T = TypeVar("T")

SyncOutcome = str
"""What a sync did with one page: "current" (fresh in the cache, not fetched),
"unchanged" (the portal said 304), "updated" (changed), "new" (not cached before)."""


def page_parsers() -> Any:
    """The page parsers (the ``sites`` face, and the HTML library under it), imported when first needed."""
    from tui_reader import sites

    return sites


def placed(article: Article, place: Category | None) -> Article:
    """``article`` with the city and category it was listed under, where the page names none:
    search (``city:``, ``cat:``) then finds it as it finds articles of portals with breadcrumbs."""
    if place is None or (article.city and article.category):
        return article
    return replace(article, city=article.city or place.city or None, category=article.category or place.name or None)


class SyncMethods:
    """Needs ``Client``'s attributes below."""

    store: Store
    ttl: Ttl
    profile: SiteProfile
    fetcher: Fetcher
    _batch: WriteBatch | None

    @contextmanager
    def batched_writes(self) -> Iterator[None]:
        """Within this, pages stored by ``sync_*`` are committed in batches
        (see ``_write_batch``); every one of them is committed when it ends."""
        from tui_reader.store import WriteBatch

        self._batch = batch = WriteBatch(self.store)
        try:
            yield
        finally:
            self._batch = None
            batch.close()

    def cached_articles(self, urls: Iterable[str]) -> dict[str, CacheEntry]:
        """What the cache holds for these articles, by URL (absent: not cached)."""
        return self.store.get_many("article", urls)

    async def sync_listings(self, url: str) -> tuple[SyncOutcome, Page[Listing]]:
        """One listing page for ``sync``: from the cache while fresh, else conditionally fetched."""
        return await self._sync(
            "listings", url, self.store.get("listings", url), self.ttl.listings,
            lambda html, page_url: page_parsers().read_listings(html, page_url, self.profile),
            page_of_listings_to_dict, page_of_listings_from_dict,
        )

    async def sync_article(self, url: str, cached: CacheEntry | None, place: Category | None = None) -> SyncOutcome:
        """One article for ``sync``, given what ``cached_articles`` found for it and the
        category it was listed in (see ``client.placed``); the outcome only (the text goes to the cache)."""
        outcome, _article = await self._sync(
            "article", url, cached, self.ttl.article,
            lambda html, page_url: placed(page_parsers().read_any_article(html, page_url, self.profile), place),
            Article.to_dict, lambda data: None,
        )
        return outcome

    async def _sync(
        self,
        kind: str,
        url: str,
        entry: CacheEntry | None,
        ttl: float,
        parse_page: Callable[[str, str], T],
        dump: Callable[[T], dict[str, Any]],
        load: Callable[[dict[str, Any]], T],
    ) -> tuple[SyncOutcome, T]:
        """Like ``Client._load`` but says what happened, and lets failures out (sync counts them)."""
        now = utcnow()
        if entry is not None and (now - entry.fetched_at).total_seconds() < ttl:
            return "current", load(entry.payload)
        response = await self.fetcher.get(
            url, etag=entry.etag if entry else None, last_modified=entry.last_modified if entry else None
        )
        if response.status == 304 and entry is not None:
            self.store.touch(kind, url, now)
            return "unchanged", load(entry.payload)
        if response.text is None:
            response = await self.fetcher.get(url)
        value = parse_page(response.text or "", response.url)
        data = dump(value)
        if entry is not None and entry.payload == data:
            outcome = "unchanged"  # new validators, same content
        else:
            outcome = "new" if entry is None else "updated"
        stored = CacheEntry(kind, url, data, response.etag, response.last_modified, now)
        if self._batch is not None:
            self._batch.add(stored)
        else:
            self.store.put_many([stored])
        return outcome, value
