"""What the cache holds, read without waiting: freshness against the TTLs, a
category's cached pages, and the peeks the start paints its remembered place
from. A base of ``Client`` (kept apart so the facade stays about loading);
it uses the client's ``store`` and ``ttl``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tui_reader import errors
from tui_reader.models import Category, City, Listing, Page, Sourced, page_of_listings_from_dict, utcnow

if TYPE_CHECKING:
    from datetime import datetime

    from tui_reader.client.freshness import Ttl
    from tui_reader.store import CacheEntry, Store

T = TypeVar("T")


def categories_from_dict(data: dict[str, Any]) -> tuple[Category, ...]:
    return tuple(Category.from_dict(c) for c in data["items"])


class CacheReads:
    store: Store
    ttl: Ttl

    def is_fresh(self, kind: str, sourced: Sourced[Any]) -> bool:
        """Whether ``sourced`` (of ``kind``: "cities", "categories", "listings",
        "article") is still within its TTL; the UI refreshes it in the background when not."""
        return sourced.source == "network" or sourced.age_seconds < getattr(self.ttl, kind)

    def fresh_in_cache(self, kind: str, url: str) -> bool:
        """Whether the cache holds ``url`` (of ``kind``) within its TTL: no need to ask the portal."""
        entry = self._entry(kind, url)
        return entry is not None and self._within_ttl(kind, entry)

    def _gone_at(self, kind: str, url: str) -> datetime | None:
        """When a cached article was found gone from the portal; None for other kinds."""
        if kind != "article":
            return None
        try:
            return self.store.gone_at(url)
        except errors.CacheError:
            return None

    def cached_listings(self, category: Category, *, max_pages: int = 20) -> list[Listing] | None:
        """The listings of ``category`` the cache holds (its pages in order, as far
        as they are cached); None when not even the first page is. Never fetches."""
        listings: list[Listing] = []
        url: str | None = category.url
        for _ in range(max_pages):
            entry = self.store.get("listings", url) if url else None
            if entry is None:
                break
            page = page_of_listings_from_dict(entry.payload)
            listings.extend(page.items)
            url = page.next_url
        return listings if url != category.url else None

    def peek_categories(self, city: City) -> Sourced[tuple[Category, ...]] | None:
        """The categories of ``city`` as the cache holds them, or None; never waits
        (the start paints its remembered place from these; the usual load revalidates)."""
        return self._peek("categories", city.url, categories_from_dict)

    def peek_listings(self, category: Category) -> Sourced[Page[Listing]] | None:
        """The first page of ``category`` as the cache holds it, or None; never waits."""
        return self._peek("listings", category.url, page_of_listings_from_dict)

    def _peek(self, kind: str, url: str, load: Callable[[dict[str, Any]], T]) -> Sourced[T] | None:
        entry = self._entry(kind, url)
        if entry is None:
            return None
        fresh = self._within_ttl(kind, entry)
        return Sourced(load(entry.payload), "cache" if fresh else "stale-cache", entry.fetched_at)

    def _entry(self, kind: str, url: str) -> CacheEntry | None:
        """The cache's entry, or None when it has none or cannot be read (a help, not the content)."""
        try:
            return self.store.get(kind, url)
        except errors.CacheError:
            return None

    def _within_ttl(self, kind: str, entry: CacheEntry) -> bool:
        ttl: float = getattr(self.ttl, kind)
        return (utcnow() - entry.fetched_at).total_seconds() < ttl
