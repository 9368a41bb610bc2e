"""The real app on the demo portal's second style (profile demo-b): the reader does not care about the shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.pilot import WIDE, choose_city, settle
from tui_reader.client.facade import Client
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp


@pytest.fixture
def portal_b() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(style="b"), log=lambda _line: None) as server:
        yield server


async def test_walk_and_page_through_the_second_style(portal_b: DemoServer, tmp_path: Path) -> None:
    client = Client(
        profile=load_profile("demo-b"),
        base_url=portal_b.base_url,
        store=Store(tmp_path / "demo-b.sqlite3"),
        fetcher=Fetcher(FetchLimits(connect_timeout=2.0, read_timeout=5.0, total_deadline=10.0)),
    )
    app = ReaderApp(client, site_title="Demo b")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        await choose_city(pilot, app, "lianyungang")
        assert browse.city is not None and browse.city.name == "连云港"
        await pilot.press("enter")  # the first category
        await settle(app, pilot)
        assert browse.article_list.table.row_count == 20

        await pilot.press("G")  # near the end: page 2 loads through the path pager (list/2/)
        await settle(app, pilot)
        assert len({listing.url for listing in browse.article_list.listings}) == 40

        await pilot.press("g", "g", "enter")  # g g: the top
        await settle(app, pilot)
        article = browse.article_view.article
        assert article is not None and article.title == browse.article_list.listings[0].title
        assert article.published is not None and article.views is not None  # from JSON-LD
