"""The user's library as the client offers it: search, bookmarks, history, read marks, eviction.

``Client.user``: the cache gives search and eviction, the library file
(``Library``, in the user's data folder) keeps bookmarks with their text,
history and read marks. A session without a library file still reads; what
needs it says so.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.client.pages import store_quietly
from tui_reader.query import parse_query

if TYPE_CHECKING:
    from tui_reader.client.freshness import Retention
    from tui_reader.models import Article, Query, SearchHit, Sourced
    from tui_reader.store import Library, Store

__all__ = ["UserLibrary"]


class UserLibrary:
    """What the user keeps: ``library`` (None when its file could not be opened)
    beside the cache ``store``; ``article`` reads an article the way the client does."""

    def __init__(
        self,
        store: Store,
        library: Library | None,
        retention: Retention,
        article: Callable[[str], Awaitable[Sourced[Article]]],
    ) -> None:
        self.store = store
        self.library = library
        self.retention = retention
        self.article = article

    def search(self, query: Query | str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search over every cached article, kept to the query's city and
        category (a text is parsed first: ``QueryError`` when it cannot be); never
        touches the network."""
        if isinstance(query, str):
            query = parse_query(query)
        return self.store.search(query, limit=limit)

    def _need_library(self) -> Library:
        if self.library is None:
            raise errors.ReaderError("bookmarks and history are not available in this session")
        return self.library

    async def bookmark(self, url: str) -> Article:
        """Bookmark an article, keeping a copy of its text with the user's data."""
        article = (await self.article(url)).value
        self._need_library().add_bookmark({**article.to_dict(), "url": url})
        return article

    def unbookmark(self, url: str) -> bool:
        return self._need_library().remove_bookmark(url)

    def bookmarks(self) -> list[dict[str, Any]]:
        return self._need_library().bookmarks()

    def opened(self, article: Article, url: str | None = None) -> None:
        """The user opened ``article``: history and read mark (a failing disk is not the reader's problem)."""
        if self.library is not None:
            store_quietly(lambda: self._need_library().record_open(url or article.url, article.title))

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._need_library().history(limit)

    def mark_read(self, url: str, read: bool = True) -> None:
        self._need_library().mark_read(url, read)

    def read_among(self, urls: list[str]) -> set[str]:
        return self.library.read_among(urls) if self.library is not None else set()

    def new_since_last_visit(self, page_url: str, urls: list[str]) -> set[str]:
        """Listings on ``page_url`` that were not there at the previous visit."""
        return self.library.new_since_last_visit(page_url, urls) if self.library is not None else set()

    def evict(self, keep: tuple[str, ...] = ()) -> int:
        """Apply the retention limits; bookmarks and ``keep`` (the article on screen) stay."""
        kept = set(keep) | (self.library.bookmarked_urls() if self.library is not None else set())
        return self.store.evict(max_age=self.retention.max_age, max_bytes=self.retention.max_bytes, keep=kept)

    # -- the cache as a whole (``tui-reader cache``) ---------------------------------

    def cache_stats(self) -> dict[str, Any]:
        """Entries per kind, sizes, where the file is, and how many bookmarks are kept."""
        bookmarks = len(self.library.bookmarks()) if self.library is not None else 0
        return {**self.store.details(), "path": str(self.store.path), "bookmarks": bookmarks}

    def cache_problems(self) -> list[str]:
        """What an integrity check of the cache file finds, one sentence each (none: sound)."""
        return self.store.check()

    def cached_pages(self) -> int:
        """Pages of every kind in the cache (what ``clear_cache`` would delete)."""
        return sum(count for kind, count in self.store.stats().items() if kind != "bytes")

    def clear_cache(self) -> str:
        """Empty the cache (bookmarks keep their own copies); the file's path."""
        self.store.clear()
        return str(self.store.path)

    def vacuum_cache(self) -> dict[str, int]:
        """Apply the retention limits, rebuild the index and give the space back."""
        before = self.store.stats()["bytes"]
        evicted = self.evict()
        self.store.vacuum()
        return {"evicted": evicted, "bytes_before": before, "bytes_after": self.store.stats()["bytes"]}
