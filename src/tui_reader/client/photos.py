"""Photos as the client serves them: from the photo cache, else fetched, vetted and cached.

``Client.photo(url, article_url=…)`` is what a gallery calls:

- a cached photo is served from the cache, online or offline (``source="cache"``),
  and becomes the most recently used; ``refresh`` fetches it again when online
  (a failure then serves the cached copy, ``"stale-cache"`` with the reason);
- otherwise, online, it is fetched (``Fetcher.get_photo``), vetted in a worker
  thread (``sites.vet_image``: decoding never runs in the event loop), cached,
  and served (``source="network"``); offline, ``OfflineMiss`` says "this photo
  is not cached (offline)";
- a fetch failure is its ``FetchError`` sentence, a photo that is not a
  sound picture its ``BadImage`` sentence; neither caches anything, so the
  cache only ever holds vetted photos.

``article_url`` is the article showing the photo. When that article (in the
cache, or a bookmark's copy) does list the photo, the photo is kept with it
(a bookmarked article's photos survive eviction) and the article's page
vouches for the photo's host, which may be a CDN off the site being read
(``Fetcher.get_photo`` says how far that goes). A photo no article of the
site vouches for is fetched only from the site itself.

Every photo stored may push the least recently used ones out, down to
``Retention.photo_bytes`` (``[cache] photos_mb``); bookmarked articles'
photos stay. A failing disk costs only the copy: the photo is still shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from tui_reader import errors
from tui_reader.client.pages import store_quietly
from tui_reader.models import Sourced, utcnow

if TYPE_CHECKING:
    from tui_reader.client.freshness import Retention
    from tui_reader.fetch import Fetcher
    from tui_reader.sites import VettedImage
    from tui_reader.store import Library, Store

__all__ = ["NOT_CACHED_OFFLINE", "PhotoShelf"]

NOT_CACHED_OFFLINE = "this photo is not cached (offline)"


class PhotoShelf:
    """The photos of one site's cache; ``Client.photos``."""

    def __init__(
        self,
        store: Store,
        library: Library | None,
        retention: Retention,
        fetcher: Callable[[], Awaitable[Fetcher]],
        offline: Callable[[], bool],
    ) -> None:
        self.store = store
        self.library = library
        self.retention = retention
        self._fetcher = fetcher
        self._offline = offline

    async def photo(self, url: str, *, article_url: str | None = None, refresh: bool = False) -> Sourced[VettedImage]:
        """See the module's docstring."""
        offline = self._offline()
        # Reading the article and the cached bytes, and vetting them again, in one worker thread.
        shown_on, cached = await asyncio.to_thread(self._look, url, article_url)
        if cached is not None and (offline or not refresh):
            image, fetched_at = cached
            await asyncio.to_thread(self._used, url, shown_on)
            return Sourced(image, "cache", fetched_at, note="offline" if offline else None)
        if offline:
            raise errors.OfflineMiss(NOT_CACHED_OFFLINE)
        try:
            image = await self.fetch(url, shown_on=shown_on)
        except errors.FetchError as exc:
            if cached is None:
                raise
            await asyncio.to_thread(self._used, url, shown_on)
            return Sourced(cached[0], "stale-cache", cached[1], note=str(exc))
        return Sourced(image, "network", utcnow())

    async def fetch(self, url: str, *, shown_on: str | None) -> VettedImage:
        """Fetch, vet and cache one photo; ``shown_on``: the article page known to show it
        (it vouches for the photo's host and keeps the photo with the article).
        Raises the ``FetchError`` or ``BadImage`` sentence; nothing is cached then."""
        from tui_reader.sites import vet_image

        fetcher = await self._fetcher()
        answer = await fetcher.get_photo(url, found_on=shown_on)
        image = await asyncio.to_thread(vet_image, answer.data, declared_type=answer.declared_type)
        now = utcnow()

        def keep() -> None:
            self.store.photos.put(
                url,
                answer.data,
                image.media_type,
                fetched_at=now,
                articles=() if shown_on is None else (shown_on,),
                max_bytes=self.retention.photo_bytes or None,
                keep=self.bookmarked(),
            )

        await asyncio.to_thread(store_quietly, keep)
        return image

    def photos_of(self, article_url: str) -> set[str]:
        """The photo addresses the article at ``article_url`` lists, as cached or bookmarked."""
        from tui_reader.models import Article  # with the first photo, not the first screen

        payload = None
        try:
            entry = self.store.get("article", article_url)
            payload = entry.payload if entry is not None else None
            if payload is None and self.library is not None:
                payload = self.library.bookmarked_article(article_url)
        except errors.CacheError:
            return set()
        return {photo.url for photo in Article.from_dict(payload).photos} if payload else set()

    def bookmarked(self) -> set[str]:
        """The articles whose photos eviction spares."""
        if self.library is None:
            return set()
        try:
            return self.library.bookmarked_urls()
        except errors.CacheError:
            return set()

    def link(self, url: str, article_url: str) -> None:
        """A cached photo is shown by ``article_url`` too (kept with it when it is bookmarked)."""
        store_quietly(lambda: self.store.photos.link(url, (article_url,)))

    def evict(self) -> int:
        """Trim the photo cache to its budget, bookmarked articles' photos spared; photos evicted."""
        if not self.retention.photo_bytes:
            return 0
        return self.store.photos.evict(self.retention.photo_bytes, keep=self.bookmarked())

    def _look(self, url: str, article_url: str | None) -> tuple[str | None, tuple[VettedImage, datetime] | None]:
        """(``article_url`` if it lists the photo, else None; the cached photo vetted, with
        when it was fetched, or None). Run in a worker thread."""
        from tui_reader.sites import vet_image

        shown_on = article_url if article_url is not None and url in self.photos_of(article_url) else None
        try:
            cached = self.store.photos.get(url)
        except errors.CacheError:
            return shown_on, None  # an unreadable copy is no copy: fetched again when online
        if cached is None:
            return shown_on, None
        return shown_on, (vet_image(cached.data, declared_type=cached.media_type), cached.fetched_at)

    def _used(self, url: str, shown_on: str | None) -> None:
        """The cached photo was served: most recently used now (and shown by ``shown_on``)."""
        now = utcnow()

        def touch() -> None:
            self.store.photos.touch(url, now)
            if shown_on is not None:
                self.store.photos.link(url, (shown_on,))

        store_quietly(touch)
