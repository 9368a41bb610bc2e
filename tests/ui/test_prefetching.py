"""Prefetching around the cursor, in the real app against the real demo portal.

What the portal was asked is read from its access log; what was kept, from
the SQLite cache. Nothing here depends on how fast anything is: a test waits
for what must happen, and checks that what must not happen has not, after
the prefetcher had every chance to do it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support.pilot import WIDE, settle, status_text, wait_until
from tui_reader.client import Client, Ttl
from tui_reader.client.prefetch import PrefetchSettings
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen

QUICK = PrefetchSettings(rows=3, delay=0.0, dwell=0.05)


class Portal:
    """The demo portal, with its access log kept."""

    def __init__(self, **options: object) -> None:
        self.lines: list[str] = []
        self.server = DemoServer(options=DemoOptions(**options), log=self.lines.append)  # type: ignore[arg-type]

    def asked(self, url: str) -> int:
        """How many times the page at ``url`` was asked for."""
        target = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        return sum(1 for line in list(self.lines) if line.split()[1] == target)

    def articles_asked(self) -> list[str]:
        return [line.split()[1] for line in list(self.lines) if line.split()[1].endswith(".html")]


@pytest.fixture
def portal() -> Iterator[Portal]:
    portal = Portal()
    with portal.server:
        yield portal


def reader(
    portal: Portal,
    tmp_path: Path,
    *,
    prefetch: PrefetchSettings | None = QUICK,
    offline: bool = False,
    ttl: Ttl = Ttl(),
) -> Client:
    return Client(
        profile=load_profile("demo"),
        base_url=portal.server.base_url,
        store=Store(tmp_path / "cache.sqlite3"),
        offline=offline,
        fetcher=Fetcher(FetchLimits(connect_timeout=2.0, read_timeout=5.0, total_deadline=10.0)),
        ttl=ttl,
        prefetch=prefetch,
    )


def cached(client: Client, kind: str, url: str) -> bool:
    return client.store.get(kind, url) is not None


async def open_list(app: ReaderApp, pilot) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    browse = app.screen
    assert isinstance(browse, BrowseScreen)
    browse.article_list.focus_rows()
    await pilot.pause()
    return browse


async def test_resting_on_a_row_fetches_its_article_and_the_next_ones_without_enter(portal, tmp_path) -> None:
    client = reader(portal, tmp_path)
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        rows = browse.article_list.listings
        await pilot.press("j", "j")
        wanted = [listing.url for listing in rows[2:6]]  # the row and the 3 after it
        await wait_until(pilot, lambda: all(cached(client, "article", url) for url in wanted), "prefetched")
        assert all(portal.asked(url) == 1 for url in wanted)
        assert browse.article_view.article is None  # nothing opened, nothing said
        assert "captcha" not in status_text(app)

        lines = len(portal.lines)
        await pilot.press("enter")
        await settle(app, pilot)
        assert browse.article_view.article is not None
        assert browse.article_view.article.url == rows[2].url
        assert len(portal.lines) == lines  # Enter found it in the cache
        assert "cache" in status_text(app)


async def test_moving_on_quickly_fetches_nothing_for_the_rows_passed(portal, tmp_path) -> None:
    client = reader(portal, tmp_path, prefetch=PrefetchSettings(rows=0, delay=0.0, dwell=2.0))
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        rows = browse.article_list.listings
        await pilot.press(*["j"] * 10)
        await wait_until(pilot, lambda: cached(client, "article", rows[10].url), "the row rested on, prefetched")
        for listing in rows[1:10]:
            assert portal.asked(listing.url) == 0


async def test_a_prefetch_under_way_is_cancelled_when_the_cursor_leaves_and_stores_nothing(tmp_path) -> None:
    portal = Portal(latency=0.5)
    with portal.server:
        client = reader(portal, tmp_path, prefetch=PrefetchSettings(rows=0, delay=0.0, dwell=0.05))
        app = ReaderApp(client, site_title="Demo")
        async with app.run_test(size=WIDE) as pilot:
            browse = await open_list(app, pilot)
            rows = browse.article_list.listings
            prefetcher = client._prefetcher
            assert prefetcher is not None
            await wait_until(pilot, lambda: rows[0].url in prefetcher.started, "the first row's prefetch started")
            await pilot.press("G")  # far away: the first row is no longer near the cursor
            last = browse.article_list.highlighted
            assert last is not None and last != rows[0]
            await wait_until(pilot, lambda: cached(client, "article", last.url), "the last row prefetched")
            await wait_until(pilot, lambda: portal.asked(rows[0].url) == 1, "the portal answered the first row")
            assert not cached(client, "article", rows[0].url)  # cancelled: nothing stored

            # Nothing was left broken: the first row opens as ever.
            await pilot.press("g", "g", "enter")
            await settle(app, pilot)
            assert browse.article_view.article is not None
            assert browse.article_view.article.url == rows[0].url
            assert cached(client, "article", rows[0].url)


async def test_prefetch_off_asks_for_nothing_but_what_is_opened(portal, tmp_path) -> None:
    client = reader(portal, tmp_path, prefetch=None)
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        await pilot.press("j")
        await pilot.pause(0.5)  # ten dwells of the prefetching reader above
        assert portal.articles_asked() == []
        await pilot.press("enter")
        await settle(app, pilot)
        assert portal.articles_asked() == [urlsplit(browse.article_list.listings[1].url).path]


async def test_offline_nothing_is_prefetched(portal, tmp_path) -> None:
    # A first, online run caches the list (and nothing else: prefetch is off).
    online = ReaderApp(reader(portal, tmp_path, prefetch=None), site_title="Demo")
    async with online.run_test(size=WIDE) as pilot:
        await settle(online, pilot)
    lines = len(portal.lines)

    client = reader(portal, tmp_path, offline=True)
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        assert browse.article_list.listings
        await pilot.press("j", "j")
        await pilot.pause(0.5)
        assert len(portal.lines) == lines
        assert client._prefetcher is None or list(client._prefetcher.started) == []


async def test_a_captcha_stops_prefetching_from_that_portal_silently(tmp_path) -> None:
    # Home, city and category pages are the first 3 requests; the 6th gets a captcha.
    portal = Portal(captcha_after=5, captcha_window=60.0, captcha_cooldown=60.0)
    with portal.server:
        client = reader(portal, tmp_path, prefetch=PrefetchSettings(rows=5, delay=0.0, dwell=0.05))
        app = ReaderApp(client, site_title="Demo")
        async with app.run_test(size=WIDE) as pilot:
            browse = await open_list(app, pilot)
            rows = browse.article_list.listings
            prefetcher = client._prefetcher
            assert prefetcher is not None
            await wait_until(pilot, lambda: prefetcher.backing_off(rows[0].url), "prefetching backs off")
            asked = len(portal.lines)
            assert portal.asked(rows[2].url) == 1  # the one that met the captcha...
            assert not cached(client, "article", rows[2].url)  # ...is not stored
            assert portal.asked(rows[3].url) == 0

            await pilot.press("j", "j", "j", "j", "j", "j")  # rest elsewhere: still nothing
            await pilot.pause(0.5)
            assert len(portal.lines) == asked
            assert "captcha" not in status_text(app)  # nobody asked for those pages


async def test_the_next_list_page_is_prefetched_near_the_end_of_the_list(portal, tmp_path) -> None:
    client = reader(portal, tmp_path, prefetch=PrefetchSettings(rows=1, delay=0.0, dwell=0.05, near_end=10))
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        articles = browse.article_list
        next_url = articles.next_url
        assert next_url is not None and len(articles.listings) == 20
        assert not cached(client, "listings", next_url)
        articles.table.move_cursor(row=11)  # 9 rows to the end: near, but the list does not load more yet
        await wait_until(pilot, lambda: cached(client, "listings", next_url), "the next page prefetched")
        assert len(articles.listings) == 20  # in the cache, not yet in the list
        assert portal.asked(next_url) == 1

        await pilot.press("G")  # the list's own "load more" now finds it in the cache
        await settle(app, pilot)
        assert len(articles.listings) == 40
        assert portal.asked(next_url) == 1


async def test_a_changed_page_on_revalidation_updates_the_reader_and_the_cursor_stays(portal, tmp_path) -> None:
    # Articles are stale at once (TTL 0): every open shows the cached copy, then asks the portal.
    client = reader(portal, tmp_path, prefetch=None, ttl=Ttl(article=0))
    app = ReaderApp(client, site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await open_list(app, pilot)
        articles, view = browse.article_list, browse.article_view
        row = next(n for n, listing in enumerate(articles.listings) if listing.price)
        listing = articles.listings[row]
        articles.table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(app, pilot)
        assert view.article is not None and listing.price in str(view.article.facts)
        view.scroll_to(y=3, animate=False)
        await pilot.pause()
        scrolled = view.scroll_y

        new_price = "1元"
        portal.server.options.repriced = {listing.price: new_price}
        articles.focus_rows()
        await pilot.press("enter")  # the same row again: the cached copy, then the portal's
        await settle(app, pilot)
        assert view.article is not None and new_price in str(view.article.facts)
        assert "network" in status_text(app)
        assert articles.table.cursor_row == row
        assert articles.highlighted == listing
        assert view.scroll_y == scrolled  # the same article: the reading position stays
