"""``sync --photos``: the photos of the articles a sync stores, fetched into the photo cache.

Each article's photos are fetched after the article, at the sync's pace: a
request slot of the sync each (``concurrency``), the fetcher's per-host
politeness and retries, robots.txt asked first (the photo's own host's, the
article vouching for a host off the site: ``Fetcher.get_photo``). A photo
already cached is not fetched again, only noted as shown by this article too
(so a bookmark keeps it). A photo host that refuses (403, 429, 503 after the
retries), or whose site asked for a captcha, is not asked again in this sync.

Failures are counted in the report (``photos_failed``, with the reason),
never fatal: a sync is about the text, the photos come along when they can.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui_reader import errors

if TYPE_CHECKING:
    from tui_reader.client.facade import Client
    from tui_reader.client.syncer import SyncReport

__all__ = ["SyncPhotos"]

_REFUSING = frozenset({403, 429, 503})


class SyncPhotos:
    """The photos part of one sync run; ``backed_off``: the run's hosts that asked for a captcha."""

    def __init__(
        self, client: Client, slots: asyncio.Semaphore, report: SyncReport, backed_off: dict[str, str]
    ) -> None:
        self.client = client
        self.slots = slots
        self.report = report
        self.backed_off = backed_off
        self.refusing: dict[str, str] = {}
        """Photo hosts that refused: not asked again in this sync."""
        self.seen: set[str] = set()

    async def of_article(self, article_url: str, photos: Sequence[str]) -> None:
        """Fetch what of ``photos`` (shown by ``article_url``) is not cached yet."""
        shelf = self.client.photos
        try:
            cached = shelf.store.photos.cached_among(photos)
        except errors.CacheError:
            cached = set()
        for url in photos:
            if url in self.seen or url in cached:
                if url not in self.seen:
                    self.report.photos_current += 1
                    self.seen.add(url)
                shelf.link(url, article_url)
                continue
            self.seen.add(url)
            await self._fetch(url, article_url)

    async def _fetch(self, url: str, article_url: str) -> None:
        host = urlsplit(url).netloc
        refused = self.backed_off.get(host) or self.refusing.get(host)
        if refused is not None:
            self._failed(url, refused)
            return
        try:
            if not await self.client.fetcher.robots_allows(url, found_on=article_url):
                self._failed(url, f"robots.txt of {host} does not allow it")
                return
            async with self.slots:
                await self.client.photos.fetch(url, shown_on=article_url)
        except errors.HTTPStatusError as exc:
            if exc.status_code in _REFUSING:
                self.refusing.setdefault(host, f"{exc}: the sync stopped asking {host} for photos")
            self._failed(url, str(exc))
        except (errors.FetchError, errors.BadImage) as exc:
            self._failed(url, str(exc))
        else:
            self.report.photos_stored += 1

    def _failed(self, url: str, reason: str) -> None:
        self.report.photos_failed.append((url, reason))
