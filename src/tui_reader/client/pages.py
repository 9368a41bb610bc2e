"""The one fetch → kind → parse → store sequence, shared by reading and sync.

Given what the cache holds for a page (or nothing), ``PageCache.refresh`` asks
the portal conditionally (the stored ETag / Last-Modified), so an unchanged
page costs a 304 and no parse; otherwise it parses the page (the parser checks
its kind first: a captcha, login wall or soft 404 raises ``RefusedPage`` and is
never stored), compares it with what was cached, and stores it — at once, or
into the sync's write batch when one is open. Failures are let out: reading
turns them into stale-cache answers, sync counts them.

Parsing runs in a worker thread (``parse_off_loop``), within the parse limits
(``limits.ParseLimits``), so the event loop — the reader's keys — keeps going
while a heavy page is read, and a caller that gives up (the user moved on)
stops that work at its next stage. A page read in part (``cuts`` in its
payload) never replaces a copy of it the cache holds whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

from tui_reader import errors
from tui_reader.models import utcnow
from tui_reader.store import CacheEntry

if TYPE_CHECKING:
    from tui_reader.fetch import Fetcher
    from tui_reader.models import Article, Category
    from tui_reader.store import Store, WriteBatch

__all__ = [
    "ArticleGone",
    "Fetched",
    "Outcome",
    "PageCache",
    "is_gone_answer",
    "page_parsers",
    "placed",
    "store_quietly",
]

T = TypeVar("T")

Outcome = Literal["current", "unchanged", "updated", "new"]
"""What became of one page: "current" (fresh in the cache, not fetched), "unchanged"
(the portal said 304, or sent the same content), "updated" (changed), "new" (not cached before)."""


class Fetched(NamedTuple, Generic[T]):
    """A page just asked of the portal: its value, what became of it, when."""

    value: T
    outcome: Outcome
    at: datetime
    note: str | None = None
    """Why it could not be saved for offline reading (a failing disk), or None."""


def store_quietly(write: Callable[[], None]) -> str | None:
    """Run a cache write; a failing disk must not hide a page just fetched: say why instead."""
    try:
        write()
    except errors.CacheError as exc:
        return f"not saved for offline reading: {exc}"
    return None


class ArticleGone(errors.RefusedPage):
    """A cached article the portal now answers "not found" for (404, 410, or a
    not-found page served as 200). The cache keeps its copy, marked gone (``at``)."""

    def __init__(self, message: str, *, url: str, at: datetime) -> None:
        super().__init__(message, kind="not-found", url=url)
        self.at = at


def is_gone_answer(exc: BaseException) -> bool:
    """Whether a failed fetch says the page no longer exists (not: cannot be reached now)."""
    if isinstance(exc, errors.HTTPStatusError):
        return exc.status_code in (404, 410)
    return isinstance(exc, errors.RefusedPage) and exc.kind == "not-found"


class PageCache:
    """Pages of one site between the portal and the cache."""

    def __init__(self, store: Store, fetcher: Callable[[], Awaitable[Fetcher]]) -> None:
        self.store = store
        self._fetcher = fetcher
        self._batch: WriteBatch | None = None

    @contextmanager
    def batched_writes(self) -> Iterator[None]:
        """Within this, stored pages are committed a batch at a time by a writer
        thread (``store.WriteBatch``); every one of them is committed when it ends."""
        from tui_reader.store import WriteBatch

        self._batch = batch = WriteBatch(self.store)
        try:
            yield
        finally:
            self._batch = None
            batch.close()

    async def refresh(
        self,
        kind: str,
        url: str,
        entry: CacheEntry | None,
        parse_page: Callable[[str, str], T],
        dump: Callable[[T], dict[str, Any]],
        load: Callable[[dict[str, Any]], T],
        *,
        quiet: bool = True,
    ) -> Fetched[T]:
        """Ask the portal for ``url`` (conditionally on ``entry``), parse and store it.

        ``quiet``: a failing cache write becomes the result's ``note`` instead of
        a ``CacheError`` (reading shows the page anyway; a sync counts the failure).
        """
        now = utcnow()
        fetcher = await self._fetcher()
        try:
            response = await fetcher.get(
                url, etag=entry.etag if entry else None, last_modified=entry.last_modified if entry else None
            )
            if response.status == 304 and entry is not None:
                note = self._write(lambda: self.store.touch(kind, url, now), quiet)
                return Fetched(load(entry.payload), "unchanged", now, note)
            if response.text is None:  # 304 for something no longer held: ask again, plainly
                response = await fetcher.get(url)
            value = await parse_off_loop(parse_page, response.text or "", response.url)
        except (errors.FetchError, errors.RefusedPage) as exc:
            if kind != "article" or entry is None or not is_gone_answer(exc):
                raise

            # Gone from the portal, not unreachable: the cached copy stays, marked.
            def mark() -> None:
                self.store.mark_gone(url, now)

            store_quietly(mark)
            raise ArticleGone(f"{exc} (the article is gone; its cached copy is kept)", url=url, at=now) from exc
        data = dump(value)
        if entry is not None and data.get("cuts") and not entry.payload.get("cuts"):
            # Read in part now, whole before: the whole copy stays, and says why.
            kept = self._write(lambda: self.store.touch(kind, url, now), quiet)
            why = f"the page is now too heavy to read whole ({'; '.join(data['cuts'])}): showing the whole copy cached"
            return Fetched(load(entry.payload), "unchanged", now, kept or why)
        outcome: Outcome = "new" if entry is None else "unchanged" if entry.payload == data else "updated"
        # An article's pictures are noted with it: one the site repeats in many
        # articles is then told from a listing's own (``repeated_photos``).
        keys = None
        if kind == "article":  # (imported here: the first screen reads no article)
            from tui_reader.client.repeated_photos import photo_keys_of

            keys = photo_keys_of(data)
        stored = CacheEntry(kind, url, data, response.etag, response.last_modified, now, keys)
        if self._batch is not None:
            self._batch.add(stored)
            return Fetched(value, outcome, now)
        return Fetched(value, outcome, now, self._write(lambda: self.store.put_many([stored]), quiet))

    @staticmethod
    def _write(write: Callable[[], None], quiet: bool) -> str | None:
        if not quiet:
            write()
            return None
        return store_quietly(write)


PARSED_IN_THE_LOOP = 50_000
"""Characters of a page below which it is parsed in the event loop itself: a few
milliseconds, less than handing it to a thread costs a sync of many small pages."""


async def parse_off_loop(parse_page: Callable[[str, str], T], text: str, url: str) -> T:
    """``parse_page(text, url)`` in a worker thread; cancelled, it stops at its next stage.
    A small page (``PARSED_IN_THE_LOOP``) is parsed at once, in the loop.

    A thread, not a process: every stage is bounded by the parse limits, and
    the C calls among them (the HTML parser, regex scans) by the size they are
    handed, so the event loop gets the interpreter back every few
    milliseconds; the thread cannot be killed, so cancelling sets the page's
    stop flag, which ``sites`` checks between stages (``sites.Cancelled``)."""
    if len(text) < PARSED_IN_THE_LOOP:
        return parse_page(text, url)
    sites = page_parsers()
    current = sites.Reading()

    def parse() -> T:
        with sites.reading(current):
            return parse_page(text, url)

    try:
        return await asyncio.to_thread(parse)
    except asyncio.CancelledError:
        current.stop.set()
        raise


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
