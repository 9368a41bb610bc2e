"""What the screen shows after the place changes: no old article, no old count."""

from __future__ import annotations

from support.pilot import WIDE, choose_city, screen_text, settle, status_text
from tui_reader.demo.web.server import DemoServer
from tui_reader.render import clean_line
from tui_reader.ui.app import ReaderApp


async def _open_first_article(app: ReaderApp, pilot):  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    browse = app.screen
    browse.article_list.focus_rows()
    await pilot.press("enter")
    await settle(app, pilot)
    assert browse.article_view.article is not None
    return browse


async def test_another_city_clears_the_reader_pane(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        old = browse.article_view.article
        browse.city_list.focus_rows()
        await choose_city(pilot, app, "lianyungang")
        assert browse.city.name == "连云港"
        assert browse.article_view.article is None
        assert clean_line(old.title)[:12] not in screen_text(app)
        assert "Choose an article" in screen_text(app)


async def test_another_city_cancels_the_article_still_loading(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        demo_server.options.latency = 1.0  # the article is still on its way…
        await pilot.press("enter")
        await pilot.pause()
        browse.choose_city(browse.city_list.items[3])  # …when the user moves on
        demo_server.options.latency = 0.0
        await settle(app, pilot)
        assert browse.article_view.article is None


async def test_the_count_says_what_the_filter_leaves(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert "20 articles" in status_text(app)
        browse.article_list.focus_rows()
        await pilot.press("slash", *"出租")
        await pilot.pause()
        shown = browse.article_list.table.row_count
        assert 0 < shown < 20
        assert f"{shown} of 20 articles" in status_text(app)
        await pilot.press("ctrl+u")  # the filter emptied: all of them again
        await pilot.pause()
        assert "20 articles" in status_text(app) and " of 20" not in status_text(app)


async def test_the_count_goes_with_the_city(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert "20 articles" in status_text(app)
        demo_server.options.error_rate = 1.0  # the next city's lists never arrive
        await choose_city(pilot, app, "lianyungang")
        assert app.screen.article_list.table.row_count == 0
        assert "20 articles" not in status_text(app)
