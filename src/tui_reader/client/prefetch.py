"""Prefetching around the cursor: the pages a reader is about to open, fetched before Enter.

The screen says where the cursor is (``Prefetcher.aim``: what is wanted, most
wanted first: the article under the cursor, the next few rows, the next list
page near the end of a list). Once the cursor has rested there for ``dwell``
seconds, the prefetcher asks for those pages one at a time, through the
client's own load (the one fetch → kind → parse → store path), so a prefetched
page is stored exactly as a read one would be and Enter finds it in the cache.

Politeness, per host:

- one prefetch in flight at a time, each started at least ``delay`` seconds
  after the last start of a request to the host, the user's included (the
  pace of ``sync``: prefetching is the reader asking by itself);
- robots.txt is obeyed, as ``sync`` obeys it;
- a captcha, a login wall or a refusal (403, 429, 503), whether a prefetch or
  the user's own read met it, stops prefetching to that host for ``backoff``
  seconds;
- the user's own loads go first: no prefetch starts while one is under way,
  and a user's load of a page being prefetched waits for that prefetch
  (``settled``) instead of asking the portal a second time.

Moving on cancels: a new aim drops the queue, and the prefetch in flight is
cancelled unless its page is still wanted. A cancelled download stores
nothing (the page is stored only once whole and parsed). Pages fresh in the
cache are not asked for. Failures are silent (nobody asked for these pages)
and, as on every read, never replace what the cache holds.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Literal
from urllib.parse import urlsplit

from tui_reader import errors
from tui_reader.client.freshness import PrefetchSettings

__all__ = ["REFUSING_STATUSES", "PrefetchSettings", "Prefetcher", "Wanted", "around"]

_log = logging.getLogger(__name__)  # --debug: what was prefetched, skipped, cancelled

REFUSING_STATUSES = frozenset({403, 429, 503})
"""Answers that mean "stop asking": prefetching backs off from their host."""


@dataclass(frozen=True)
class Wanted:
    """One page to prefetch: its kind (the cache's), its address, and the client call that loads it."""

    kind: Literal["article", "listings"]
    url: str
    load: Callable[[], Awaitable[object]]


def around(
    settings: PrefetchSettings,
    rows_ahead: Sequence[str],
    next_page: str | None,
    *,
    article: Callable[[str], Awaitable[object]],
    page: Callable[[str], Awaitable[object]] | None,
) -> list[Wanted]:
    """What to prefetch with the cursor on ``rows_ahead[0]`` (the list's rows from
    there on, in order): that row's article, the next ``count`` rows' articles,
    then, within ``near_end`` rows of the end, the next list page (``page`` loads it)."""
    wanted = [Wanted("article", url, partial(article, url)) for url in rows_ahead[: settings.rows + 1]]
    if next_page is not None and page is not None and len(rows_ahead) <= settings.near_end:
        wanted.append(Wanted("listings", next_page, partial(page, next_page)))
    return wanted


class Prefetcher:
    """See the module's docstring. Lives in one event loop; ``close`` cancels all."""

    def __init__(
        self,
        settings: PrefetchSettings,
        *,
        is_fresh: Callable[[str, str], bool],
        allows: Callable[[str], Awaitable[bool]],
        offline: Callable[[], bool],
    ) -> None:
        self.settings = settings
        self._is_fresh = is_fresh
        self._allows = allows
        self._offline = offline
        self._runner: asyncio.Task[None] | None = None
        self._flight: tuple[str, asyncio.Task[None]] | None = None
        """The prefetch under way: its URL and task."""
        self._next_start: dict[str, float] = {}
        self._robots_read: set[str] = set()
        self._backed_off: dict[str, float] = {}
        """Host → monotonic time until which it is left alone."""
        self._users = 0
        self._user_idle = asyncio.Event()
        self._user_idle.set()
        self.started: deque[str] = deque(maxlen=100)
        """The URLs the last 100 prefetches were started for, in order (for tests)."""

    # -- what the screen and the client tell it --------------------------------------------

    def aim(self, wanted: Sequence[Wanted]) -> None:
        """The cursor moved: this is what is wanted now (most wanted first)."""
        wanted = tuple(wanted)
        urls = {w.url for w in wanted}
        if self._flight is not None and self._flight[0] not in urls:
            _log.debug("prefetch cancelled: %s", self._flight[0])
            self._flight[1].cancel()
        if self._runner is not None:
            self._runner.cancel()
        self._runner = asyncio.create_task(self._run(wanted), name="prefetch") if wanted else None

    def note_failure(self, url: str, exc: BaseException) -> None:
        """A load of ``url`` (prefetch or not) failed with ``exc``: a refusal makes prefetching leave its host alone."""
        refused = isinstance(exc, errors.RefusedPage) and exc.kind in ("captcha", "login")
        refused = refused or (isinstance(exc, errors.HTTPStatusError) and exc.status_code in REFUSING_STATUSES)
        if refused:
            host = _host(url)
            _log.debug("prefetch backs off from %s for %.0f s: %s", host, self.settings.backoff, exc)
            self._backed_off[host] = time.monotonic() + self.settings.backoff

    def backing_off(self, url: str) -> bool:
        return self._backed_off.get(_host(url), 0.0) > time.monotonic()

    def in_prefetch(self) -> bool:
        """Whether the running task is a prefetch (its loads neither wait for nor count as the user's)."""
        return self._flight is not None and asyncio.current_task() is self._flight[1]

    async def settled(self, url: str) -> None:
        """Wait for a prefetch of ``url`` under way (the user asked for that page): one request, not two."""
        flight = self._flight
        if flight is not None and flight[0] == url and asyncio.current_task() is not flight[1]:
            await asyncio.wait([flight[1]])

    @contextmanager
    def users_turn(self, url: str) -> Iterator[None]:
        """Around a load of ``url`` that asks the portal: unless it is a prefetch, it is the
        user's, and no prefetch starts until it is done (the user's loads go first), nor
        within ``delay`` of its start (it took that host's slot)."""
        if self.in_prefetch():
            yield
            return
        host = _host(url)
        self._next_start[host] = max(self._next_start.get(host, 0.0), time.monotonic() + self.settings.delay)
        self._users += 1
        self._user_idle.clear()
        try:
            yield
        finally:
            self._users -= 1
            if self._users == 0:
                self._user_idle.set()

    async def close(self) -> None:
        tasks = [t for t in (self._runner, self._flight[1] if self._flight else None) if t is not None]
        self._runner = None
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    # -- the queue ------------------------------------------------------------------------------

    async def _run(self, wanted: tuple[Wanted, ...]) -> None:
        await asyncio.sleep(self.settings.dwell)
        for item in wanted:
            if self._offline():
                return
            if self.backing_off(item.url) or self._is_fresh(item.kind, item.url):
                continue
            if self._flight is not None:
                # One at a time; if it is this very page, it is done once that ends.
                await asyncio.wait([self._flight[1]])
                if self._is_fresh(item.kind, item.url):
                    continue
            host = _host(item.url)
            if host not in self._robots_read:
                await self._turn(host)  # reading robots.txt is a request to the host too
            try:
                allowed = await self._allows(item.url)
            except errors.ReaderError:  # a row leading off the site: not ours to fetch
                allowed = False
            self._robots_read.add(host)  # only once read: a cancelled read is read again, in turn
            if not allowed:
                continue
            await self._turn(host)
            # The user may have opened it, or gone offline, while this waited its turn.
            if self._offline() or self.backing_off(item.url) or self._is_fresh(item.kind, item.url):
                continue
            task = asyncio.create_task(self._fetch(item), name=f"prefetch {item.url}")
            self._flight = (item.url, task)
            self.started.append(item.url)
            _log.debug("prefetch: %s %s", item.kind, item.url)
            await asyncio.wait([task])

    async def _turn(self, host: str) -> None:
        """Wait until the user's loads are done and ``host``'s pace allows a start; take that start."""
        while True:
            await self._user_idle.wait()
            wait = self._next_start.get(host, 0.0) - time.monotonic()
            if wait <= 0 and self._user_idle.is_set():
                break
            await asyncio.sleep(max(wait, 0.0))
        self._next_start[host] = time.monotonic() + self.settings.delay

    async def _fetch(self, item: Wanted) -> None:
        try:
            await item.load()
        except errors.ReaderError as exc:
            # Silent: nobody asked to see this page yet. The client's load already
            # told ``note_failure`` about refusals, and kept what the cache holds.
            _log.debug("prefetch failed: %s: %s", item.url, exc)
        except Exception:
            # A bug below, met by a page nobody opened: keep it for --debug, show nothing.
            _log.exception("prefetch of %s failed unexpectedly", item.url)
        finally:
            if self._flight is not None and self._flight[1] is asyncio.current_task():
                self._flight = None


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()
