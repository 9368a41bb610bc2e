"""The user's library as the client offers it: search, bookmarks, history, read marks,
watches (``watches.py``), the killfile (``killfile.py``), eviction.

``Client.user``: the cache gives search and eviction, the library file
(``Library``, in the user's data folder) keeps bookmarks with their text, note
and status, history, read marks, watches and the killfile. A session without
a library file still reads and searches (nothing killed); what needs it says so.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.client.pages import store_quietly
from tui_reader.client.watches import Watches

if TYPE_CHECKING:
    from tui_reader.client.exporting import Export
    from tui_reader.client.freshness import Retention
    from tui_reader.client.killfile import Killfile
    from tui_reader.models import Article, Kill, Query, SearchHit, Sourced, WatchHit, WatchInfo
    from tui_reader.store import Library, Store

__all__ = ["UserLibrary"]

_NO_LIMIT = sys.maxsize
"""What the store is given for "every hit": SQLite's LIMIT takes a 64-bit number."""


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
        self._watches = Watches(library, self.search, self.read_among, self._need_library)

    def search(self, query: Query | str, *, limit: int | None = None) -> list[SearchHit]:
        """Search every cached article with the query language (a text is parsed
        first: ``QueryError`` when it cannot be), the killfile's listings left out;
        at most ``limit`` hits (None: all). Never touches the network."""
        if isinstance(query, str):
            from tui_reader.query import parse_query  # loaded with the first search, not at start

            query = parse_query(query)
        kills = self._killfile()
        if not kills:
            return self.store.search(query, limit=_NO_LIMIT if limit is None else limit)
        if limit is None:
            return kills.keep(self.store.search(query, limit=_NO_LIMIT), self.store)
        # Killed hits are dropped after the store's answer, and a limit counts kept hits:
        # ask for a few more than the limit, and for more again only while too many were killed.
        ask = limit + 100
        while True:
            hits = self.store.search(query, limit=ask)
            kept = kills.keep(hits, self.store)
            if len(kept) >= limit or len(hits) < ask:
                return kept[:limit]
            ask *= 4

    # -- the killfile ----------------------------------------------------------

    def killed_among(self, rows: list[tuple[str, str]]) -> set[str]:
        """The URLs among a list page's (url, title) rows the killfile hides (their poster's
        phone or name is known only for articles in the cache)."""
        kills = self.library.kills() if self.library is not None else []
        if not kills:
            return set()  # nothing killed: the killfile's matchers need not even load
        from tui_reader.client.killfile import Killfile

        return Killfile.of(kills).hidden(rows, self.store)

    def _killfile(self) -> Killfile:
        from tui_reader.client.killfile import Killfile

        return Killfile.of(self.library.kills()) if self.library is not None else Killfile()

    def kill_add(self, kind: str, value: str) -> Kill:
        """Hide listings by ``phone``, ``word`` or ``poster`` name from search and watches; the entry as kept."""
        from tui_reader.client.killfile import kill_value

        kind, value = kill_value(kind, value)
        self._need_library().add_kill(kind, value)
        return next(k for k in self.kills() if (k.kind, k.value) == (kind, value))

    def kills(self) -> list[Kill]:
        from tui_reader.models import Kill

        return [Kill(*row) for row in self.library.kills()] if self.library is not None else []

    def kill_remove(self, kind: str, value: str) -> None:
        """Show those listings again; ``NotFound`` when nothing like it is killed."""
        from tui_reader.client.killfile import kill_value

        kind, value = kill_value(kind, value)
        if not self._need_library().remove_kill(kind, value):
            raise errors.NotFound(f"no {kind} {value!r} in the killfile")

    def measure_old(self, batches: int | None = None) -> int:
        """Read the numbers (price, area, rooms …) of articles cached before they were kept,
        ``batches`` of a few hundred at most (None: all); search does it first otherwise.
        Returns how many were read (0: none are left)."""
        return self.store.measure_old(batches)

    def export(
        self,
        what: str,
        fmt: str,
        target: str | None = None,
        *,
        limit: int | None = None,
        collapse: bool = False,
        mask: bool = False,
    ) -> Export:
        """Bookmarks, a search's hits or a watch's matches as CSV, JSON or Markdown (``client.exporting``)."""
        from tui_reader.client.exporting import export

        return export(self, what, fmt, target, limit=limit, collapse=collapse, mask=mask)

    def save_export(self, path: str | Path, text: str) -> None:
        """Write an export to ``path`` whole (a temporary file moved into place); ``ReaderError`` if it cannot be."""
        from tui_reader.client.exporting import write_atomically

        write_atomically(Path(path), text)

    # -- watches (client/watches.py) -------------------------------------------------

    def watch_add(self, name: str, query_text: str) -> WatchInfo:
        return self._watches.watch_add(name, query_text)

    def watches(self) -> list[WatchInfo]:
        return self._watches.watches()

    def watch_remove(self, name: str) -> None:
        self._watches.watch_remove(name)

    def watch_run(self, name: str | None = None) -> list[SearchHit]:
        return self._watches.watch_run(name)

    def watch_runs(self, name: str | None = None) -> dict[str, list[SearchHit]]:
        return self._watches.watch_runs(name)

    def watch_matches(self, name: str) -> list[WatchHit]:
        return self._watches.watch_matches(name)

    def mark_watch_read(self, url: str) -> None:
        self._watches.mark_watch_read(url)

    def update_watches(self) -> dict[str, int]:
        return self._watches.update_watches()

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
        """Newest first: ``url``, ``title``, ``added_at``, ``note``, ``status``, ``article``."""
        return self._need_library().bookmarks()

    def bookmark_note(self, url: str, note: str) -> None:
        """Replace a bookmark's note ("" clears it); ``NotFound`` when ``url`` is not bookmarked."""
        if not self._need_library().set_bookmark(url, note=note.strip()):
            raise errors.NotFound(f"{url} is not bookmarked")

    def bookmark_status(self, url: str, status: str) -> str:
        """Set where the hunt is (``models.BOOKMARK_STATUSES``); the status as kept."""
        from tui_reader.models import check_bookmark_status

        status = check_bookmark_status(status)
        if not self._need_library().set_bookmark(url, status=status):
            raise errors.NotFound(f"{url} is not bookmarked")
        return status

    def opened(self, article: Article, url: str | None = None) -> None:
        """The user opened ``article``: history and read mark (a failing disk is not the reader's problem)."""
        if self.library is not None:
            store_quietly(lambda: self._need_library().record_open(url or article.url, article.title))

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._need_library().history(limit)

    def mark_read(self, url: str, read: bool = True) -> None:
        self._need_library().mark_read(url, read)

    def read_among(self, urls: list[str]) -> set[str]:
        if not urls or self.library is None:
            return set()  # no rows (the first screen has none yet): the file is not asked
        return self.library.read_among(urls)

    def new_since_last_visit(self, page_url: str, urls: list[str]) -> set[str]:
        """Listings on ``page_url`` that were not there at the previous visit."""
        return self.library.new_since_last_visit(page_url, urls) if self.library is not None else set()

    def evict(self, keep: tuple[str, ...] = ()) -> int:
        """Apply the retention limits; bookmarks and ``keep`` (the article on screen) stay."""
        kept = set(keep) | (self.library.bookmarked_urls() if self.library is not None else set())
        return self.store.evict(max_age=self.retention.max_age, max_bytes=self.retention.max_bytes, keep=kept)

    # -- the cache as a whole (``tui-reader cache``) ---------------------------------

    def cache_stats(self) -> dict[str, Any]:
        """Entries per kind, sizes, the photo cache's count and size (``photos``, ``photo_bytes``,
        ``photo_budget``), where the file is, and how many bookmarks are kept."""
        bookmarks = len(self.library.bookmarks()) if self.library is not None else 0
        details = {**self.store.details(), "photo_budget": self.retention.photo_bytes}
        return {**details, "path": str(self.store.path), "bookmarks": bookmarks}

    def cache_problems(self) -> list[str]:
        """What an integrity check of the cache file finds, one sentence each (none: sound)."""
        return self.store.check()

    def cached_pages(self) -> int:
        """Pages of every kind in the cache (what ``clear_cache`` would delete)."""
        return sum(count for kind, count in self.store.stats().items() if kind != "bytes")

    def cached_photos(self) -> int:
        """Photos in the photo cache (``clear_cache`` deletes them too)."""
        return self.store.photos.stats()["photos"]

    def clear_cache(self) -> str:
        """Empty the cache, photos included (bookmarks keep their own copies of the text);
        the file's path."""
        self.store.clear()
        return str(self.store.path)

    def vacuum_cache(self) -> dict[str, int]:
        """Apply the retention limits (photos' too), rebuild the index and give the space back."""
        before = self.store.stats()["bytes"]
        evicted = self.evict()
        kept = self.library.bookmarked_urls() if self.library is not None else set()
        photos = self.store.photos.evict(self.retention.photo_bytes, keep=kept) if self.retention.photo_bytes else 0
        self.store.vacuum()
        after = self.store.stats()["bytes"]
        return {"evicted": evicted, "photos_evicted": photos, "bytes_before": before, "bytes_after": after}
