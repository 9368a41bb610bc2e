"""The real app on the demo portal's third style with no profile at all (``--site auto``).

Style c is read only by discovery: its city chooser is one click from the
home page, its rows carry relative dates beside a 猜你喜欢 box, and it can
answer with a captcha. The reader must browse it the way it browses the
portals it has profiles for, and keep what it cached when the portal refuses.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from support.pilot import WIDE, choose_city, settle
from tui_reader import errors
from tui_reader.client import Client, Ttl
from tui_reader.demo.site.gold_c import gold_article_kind, gold_listing
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.sites.profile import auto_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp


@pytest.fixture
def portal_c() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(style="c"), log=lambda _line: None) as server:
        yield server


def _client(server: DemoServer, db: Path, **kwargs: object) -> Client:
    return Client(
        profile=auto_profile(),
        base_url=server.base_url,
        store=Store(db),
        fetcher=Fetcher(FetchLimits(connect_timeout=2.0, read_timeout=5.0, total_deadline=10.0)),
        **kwargs,
    )  # type: ignore[arg-type]


async def test_walk_an_auto_discovered_portal(portal_c: DemoServer, tmp_path: Path) -> None:
    app = ReaderApp(_client(portal_c, tmp_path / "auto.sqlite3"), site_title="auto")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        # The home page shows eight 热门 cities; the chooser behind 更多城市 has them all.
        assert len(browse.city_list.items) > 30
        await choose_city(pilot, app, "lianyungang")
        assert browse.city is not None and browse.city.name == "连云港"
        assert browse.category is not None and browse.category.name == "房产"
        await pilot.press("enter")  # the first category
        await settle(app, pilot)
        rows = browse.article_list.listings
        now = datetime.now(UTC)
        first = gold_listing(portal_c.site(), "lianyungang", "fangchan", 1, portal_c.base_url, now)
        assert [row.url for row in rows] == [gold.url for gold in first.rows]  # 置顶 rows in, the ad row out
        assert all(row.published is not None for row in rows)  # relative dates, resolved

        await pilot.press("G")  # near the end: page 2 loads through the discovered pager
        await settle(app, pilot)
        second = gold_listing(portal_c.site(), "lianyungang", "fangchan", 2, portal_c.base_url, now)
        assert [row.url for row in browse.article_list.listings] == [g.url for g in (*first.rows, *second.rows)]

        # Some posts are behind a login wall (a refused page): open the first that is not.
        listings = browse.article_list.listings
        index = next(i for i, row in enumerate(listings) if gold_article_kind(portal_c.site(), row.url) == "article")
        await pilot.press("g", "g", *(["down"] * index), "enter")
        await settle(app, pilot)
        article = browse.article_view.article
        assert article is not None and article.title == listings[index].title
        assert article.body


async def test_a_captcha_never_replaces_what_is_cached(tmp_path: Path) -> None:
    db = tmp_path / "auto.sqlite3"
    with DemoServer(port=0, options=DemoOptions(style="c"), log=lambda _line: None) as server:
        first = _client(server, db)
        city = await first.find_city("lianyungang")
        category = (await first.categories(city)).value[0]
        cached = (await first.listings(category)).value
        await first.aclose()
    # The same portal now answers every request with a captcha page (status 200).
    options = DemoOptions(style="c", captcha_after=1, captcha_window=60.0, captcha_cooldown=60.0)
    with DemoServer(port=server.port, options=options, log=lambda _line: None) as refusing:
        urllib.request.urlopen(refusing.base_url + "/").read()  # the one request the burst allows
        again = _client(refusing, db, ttl=Ttl(cities=0, categories=0, listings=0, article=0))
        result = await again.listings(category, refresh=True)
        assert result.source == "stale-cache"
        assert result.value.items == cached.items
        assert result.note is not None and "captcha" in result.note
        # Nothing cached to fall back on: the refusal is said, with its kind.
        with pytest.raises(errors.RefusedPage) as refused:
            await again.article(cached.items[0].url)
        assert refused.value.kind == "captcha"
        await again.aclose()
    assert Store(db).get("listings", category.url).payload["items"][0]["title"] == cached.items[0].title
