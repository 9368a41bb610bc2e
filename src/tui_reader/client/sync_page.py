"""What ``sync`` asks of the client: one page at a time, saying what happened.

Unlike reading, a sync lets fetch and parse failures out (it counts them),
reports each page's outcome, and writes in batches (``PageCache.batched_writes``).
Before fetching the articles of a listing page it looks up what the cache holds
for all of them in one query (``cached_articles``): one SELECT per article was a
twentieth of a sync's time on the thread that also fetches and parses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeGuard

from tui_reader.client.pages import Outcome, PageCache, page_parsers, placed
from tui_reader.models import page_of_listings_from_dict, page_of_listings_to_dict, utcnow
from tui_reader.store import CacheEntry

if TYPE_CHECKING:
    from tui_reader.client.freshness import Ttl
    from tui_reader.models import Category, Listing, Page
    from tui_reader.sites import SiteProfile

__all__ = ["SyncPages"]


class SyncPages:
    """One site's pages as a sync takes them: through ``pages``, fresh ones skipped by ``ttl``."""

    def __init__(self, pages: PageCache, ttl: Ttl, profile: SiteProfile) -> None:
        self.pages = pages
        self.ttl = ttl
        self.profile = profile

    def cached_articles(self, urls: Iterable[str]) -> dict[str, CacheEntry]:
        """What the cache holds for these articles, by URL (absent: not cached)."""
        return self.pages.store.get_many("article", urls)

    async def listings(self, url: str) -> tuple[Outcome, Page[Listing]]:
        """One listing page: from the cache while fresh, else conditionally fetched."""
        entry = self.pages.store.get("listings", url)
        if _fresh(entry, self.ttl.listings):
            return "current", page_of_listings_from_dict(entry.payload)
        profile = self.profile
        done = await self.pages.refresh(
            "listings",
            url,
            entry,
            lambda html, page_url: page_parsers().read_listings(html, page_url, profile),
            page_of_listings_to_dict,
            page_of_listings_from_dict,
            quiet=False,
        )
        return done.outcome, done.value

    async def article(
        self, url: str, cached: CacheEntry | None, place: Category | None = None
    ) -> tuple[Outcome, tuple[str, ...]]:
        """One article, given what ``cached_articles`` found for it and the category it
        was listed in (see ``placed``); the outcome and the addresses of its photos
        (the text goes to the cache)."""
        from tui_reader.models import Article, Photo  # not at import: see Client._article

        if _fresh(cached, self.ttl.article):
            photos = (Photo.from_dict(p) for p in cached.payload.get("photos") or ())
            return "current", tuple(p.url for p in photos if p is not None)
        profile = self.profile

        done = await self.pages.refresh(
            "article",
            url,
            cached,
            lambda html, page_url: placed(page_parsers().read_any_article(html, page_url, profile), place),
            Article.to_dict,
            Article.from_dict,
            quiet=False,
        )
        return done.outcome, tuple(p.url for p in done.value.photos)


def _fresh(entry: CacheEntry | None, ttl: float) -> TypeGuard[CacheEntry]:
    return entry is not None and (utcnow() - entry.fetched_at).total_seconds() < ttl
