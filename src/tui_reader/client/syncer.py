"""Sync for offline reading: listing pages of a city's categories and every
article on them, fetched politely and stored in the cache.

Politeness is the fetcher's (``FetchLimits.per_host_concurrency`` and
``per_host_delay``, 429/503 ``Retry-After``) plus robots.txt, asked through
``Fetcher.robots_allows`` before every download. Conditional requests make an
unchanged page a 304 with no parse (``SyncPages.article``).

Resumable by construction: pages are committed to the cache in small batches
(``store.WriteBatch``: 64 pages or half a second), a page counts as stored only
once committed, and a page that is in the cache and fresh (by the configured
TTLs) is not fetched at all. After Ctrl-C or ``kill -9``, the next sync starts where
the last one stopped.

One sync per cache at a time: ``SyncLock`` holds an ``fcntl.flock`` on a file
next to the database with the holder's pid in it. The kernel drops the lock
when the process dies, however it dies, so a killed sync never blocks the next.

With ``photos``, the stored articles' photos are fetched too (``sync_photos``).

Progress goes to a callback (``on_progress``) so the command line can draw a
Rich bar and the TUI its own widget; this module prints nothing.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui_reader import errors
from tui_reader.client.pages import ArticleGone

if TYPE_CHECKING:
    from tui_reader.client.facade import Client
    from tui_reader.client.sync_photos import SyncPhotos
    from tui_reader.models import Category
    from tui_reader.store import CacheEntry

__all__ = ["SyncBusy", "SyncLock", "SyncProgress", "SyncReport", "lock_path", "sync"]


class SyncBusy(errors.ReaderError):
    """Another sync of the same cache is running."""


@dataclass
class SyncProgress:
    """Counts so far; ``total`` grows as listing pages reveal their articles."""

    done: int = 0
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    current: int = 0
    """Already in the cache and fresh: not fetched."""
    failed: int = 0
    gone: int = 0
    """Cached articles the portal no longer has (kept, marked gone); counted in ``failed`` too."""
    last_url: str = ""


@dataclass
class SyncReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    current: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(URL, reason) of every page that could not be fetched or parsed."""
    gone: int = 0
    """Cached articles the portal now answers "not found" for: kept in the cache and
    marked gone; each is also in ``failed`` with the reason "gone"."""
    robots_skipped: int = 0
    fetched: int = 0
    """Requests that reached the portal (200 or 304)."""
    seconds: float = 0.0
    """Wall time of the whole sync."""
    stored: int = 0
    """Pages (listings and articles) this sync leaves complete in the cache:
    new + updated + unchanged + current."""
    reported: int = 0
    """Pages that are not: ``len(failed)``."""
    retried: int = 0
    """Retries the fetch layer did (5xx answers, bodies cut off, 429/503 "later")."""
    articles_stored: int = 0
    """Of ``stored``, the articles."""
    articles_reported: int = 0
    """Of ``reported``, the articles (each in ``failed`` with its reason)."""
    evicted: int = 0
    backed_off: list[str] = field(default_factory=list)
    """Hosts that asked for a captcha: the sync stopped asking them."""
    watches: dict[str, int] = field(default_factory=dict)
    """Each watch's matches first seen in this sync (``UserLibrary.update_watches``)."""
    photos_stored: int = 0
    """With ``photos``: photos fetched, vetted and cached (``sync_photos``)."""
    photos_current: int = 0
    """With ``photos``: photos already in the photo cache, not fetched again."""
    photos_failed: list[tuple[str, str]] = field(default_factory=list)
    """With ``photos``: (URL, reason) of every photo not cached; never a reason to fail the sync."""

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["failed"] = [{"url": u, "reason": r} for u, r in self.failed]
        data["photos_failed"] = [{"url": u, "reason": r} for u, r in self.photos_failed]
        return data

    def summary(self) -> str:
        rate = self.fetched / self.seconds if self.seconds > 0 else 0.0
        line = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.current} already current, {len(self.failed)} failed, {self.retried} retried "
            f"in {self.seconds:.1f} s ({rate:.1f} pages/s); "
            f"articles: {self.articles_stored} stored, {self.articles_reported} reported"
        )
        if self.gone:
            line += f"; {self.gone} gone from the site (cached copies kept)"
        if self.robots_skipped:
            line += f"; {self.robots_skipped} skipped by robots.txt"
        if self.photos_stored or self.photos_current or self.photos_failed:
            line += (
                f"; photos: {self.photos_stored} stored, {self.photos_current} already cached, "
                f"{len(self.photos_failed)} failed"
            )
        return line


def lock_path(db: Path) -> Path:
    return Path(f"{db}.sync-lock")


class SyncLock:
    """``with SyncLock(path):`` — hold the one-sync-at-a-time lock or raise ``SyncBusy``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> SyncLock:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, rather than no sync
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise SyncBusy(f"another sync is running (pid {holder})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fd is not None:
            # Emptied first, so nobody reads a stale pid between our unlock and close.
            os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None


class _Run:
    def __init__(
        self,
        client: Client,
        concurrency: int,
        on_progress: Callable[[SyncProgress], None] | None,
        photos: bool = False,
    ) -> None:
        self.client = client
        self.slots = asyncio.Semaphore(max(1, concurrency))
        self.progress = SyncProgress()
        self.report = SyncReport()
        self.on_progress = on_progress
        self.seen: set[str] = set()
        self.backed_off: dict[str, str] = {}
        """Hosts that answered with a captcha, and why: not asked again in this sync."""
        self.photos: SyncPhotos | None = None
        if photos:
            from tui_reader.client.sync_photos import SyncPhotos

            self.photos = SyncPhotos(client, self.slots, self.report, self.backed_off)

    def _refused(self, url: str, exc: errors.RefusedPage) -> None:
        """A refused page is never stored; a captcha makes the sync leave its host alone."""
        if exc.kind == "captcha":
            host = urlsplit(url).netloc
            self.backed_off.setdefault(host, f"{exc}: the sync stopped asking {host} (try again later)")
        self._fail(url, str(exc))

    def _backing_off(self, url: str) -> bool:
        reason = self.backed_off.get(urlsplit(url).netloc)
        if reason is None:
            return False
        self._fail(url, reason)
        return True

    def _tell(self, url: str) -> None:
        self.progress.last_url = url
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _stored(self, url: str, outcome: str) -> None:
        """An article now complete in the cache (fetched, or already there and fresh)."""
        self.report.articles_stored += 1
        self._count(outcome, url)

    def _count(self, outcome: str, url: str) -> None:
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        setattr(self.progress, outcome, getattr(self.progress, outcome) + 1)
        if outcome != "current":
            self.report.fetched += 1
        self.progress.done += 1
        self._tell(url)

    def _fail(self, url: str, reason: str) -> None:
        self.report.failed.append((url, reason))
        self.progress.failed += 1
        self.progress.done += 1
        self._tell(url)

    async def _allowed(self, url: str) -> bool:
        if await self.client.fetcher.robots_allows(url):
            return True
        self.report.robots_skipped += 1
        self.progress.done += 1
        self._tell(url)
        return False

    async def category(self, category: Category, pages: int, tasks: asyncio.TaskGroup) -> None:
        url: str | None = category.url
        for number in range(1, pages + 1):
            if url is None:
                self.progress.total -= pages - number + 1  # fewer pages than asked for
                self._tell(category.url)
                return
            if self._backing_off(url) or not await self._allowed(url):
                self.progress.total -= pages - number
                return
            try:
                async with self.slots:
                    outcome, page = await self.client.for_sync.listings(url)
            except (errors.FetchError, errors.ParseError, errors.RefusedPage) as exc:
                if isinstance(exc, errors.RefusedPage):
                    self._refused(url, exc)
                else:
                    self._fail(url, str(exc))
                self.progress.total -= pages - number  # the rest of this category cannot be reached
                return
            fresh = [item.url for item in page.items if item.url not in self.seen]
            self.seen.update(fresh)
            self.progress.total += len(fresh)
            self._count(outcome, url)
            cached = self.client.for_sync.cached_articles(fresh)
            for article_url in fresh:
                tasks.create_task(self.article(article_url, cached.get(article_url), category))
            url = page.next_url

    async def article(self, url: str, cached: CacheEntry | None, place: Category | None = None) -> None:
        if self._backing_off(url) or not await self._allowed(url):
            return
        try:
            async with self.slots:
                if self._backing_off(url):  # a captcha came while this one waited its turn
                    return
                outcome, photos = await self.client.for_sync.article(url, cached, place)
        except ArticleGone:
            self.report.gone += 1
            self.progress.gone += 1
            self._fail(url, "gone")
            return
        except errors.RefusedPage as exc:
            self._refused(url, exc)
            return
        except (errors.FetchError, errors.ParseError) as exc:
            self._fail(url, str(exc))
            return
        self._stored(url, outcome)
        if self.photos is not None and photos:
            await self.photos.of_article(url, photos)

    def finish(self, retried: int) -> SyncReport:
        report = self.report
        report.stored = report.new + report.updated + report.unchanged + report.current
        report.reported = len(report.failed)
        report.articles_reported = sum(1 for url, _ in report.failed if url in self.seen)
        report.retried = retried
        return report


async def sync(
    client: Client,
    city: str,
    categories: Sequence[str] = (),
    *,
    pages: int = 1,
    concurrency: int = 2,
    on_progress: Callable[[SyncProgress], None] | None = None,
    photos: bool = False,
) -> SyncReport:
    """Sync ``pages`` listing pages of each of ``categories`` (all when empty)
    of ``city``, and their articles (and with ``photos`` their photos: ``sync_photos``).
    Raises ``SyncBusy`` when another sync of the same cache runs; fetch failures
    are counted in the report, not raised."""
    if client.offline:
        raise errors.ReaderError("sync needs the network; it cannot run with --offline")
    started = time.monotonic()
    retried = client.fetcher.retried
    with SyncLock(lock_path(client.store.path)):
        found = await client.find_city(city)
        if categories:
            chosen = [await client.find_category(found, name) for name in categories]
        else:
            chosen = list((await client.categories(found)).value)
        run = _Run(client, concurrency, on_progress, photos)
        run.progress.total = len(chosen) * pages
        run._tell(found.url)
        with client.pages.batched_writes():
            async with asyncio.TaskGroup() as tasks:
                for category in chosen:
                    tasks.create_task(run.category(category, pages, tasks))
        run.report.evicted = client.user.evict()
        run.report.backed_off = sorted(run.backed_off)
        run.report.watches = client.user.update_watches()
    report = run.finish(client.fetcher.retried - retried)
    report.seconds = time.monotonic() - started
    return report
