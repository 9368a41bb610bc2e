"""J and K: the next and previous article of the list, from the reader or the list itself."""

from __future__ import annotations

from support.pilot import NARROW, WIDE, settle
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.screens.reader import ReaderScreen


async def test_j_and_k_in_the_reader_pane_follow_the_list(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        listings = browse.article_list.listings
        browse.article_list.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.focused is browse.article_view

        await pilot.press("J")
        await settle(app, pilot)
        assert browse.article_view.article.url == listings[1].url
        assert browse.article_list.highlighted == listings[1]  # the cursor follows
        assert browse.article_list.table.is_read(listings[1])  # read as it goes
        assert app.focused is browse.article_view

        await pilot.press("J", "K", "K")
        await settle(app, pilot)
        assert browse.article_view.article.url == listings[0].url
        await pilot.press("K")  # before the first: says so, stays
        await settle(app, pilot)
        assert browse.article_view.article.url == listings[0].url
        assert any("first article" in str(n.message) for n in app._notifications)


async def test_j_in_the_list_moves_and_opens(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        listings = browse.article_list.listings
        browse.article_list.focus_rows()
        await pilot.press("j", "j", "J")
        await settle(app, pilot)
        assert browse.article_view.article.url == listings[3].url
        assert app.focused is browse.article_list.table  # J again goes on from here


async def test_j_in_the_full_screen_reader_asks_the_list(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        browse = app.screen
        listings = browse.article_list.listings
        browse.article_list.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("J", "J")
        await settle(app, pilot)
        assert reader.view.article.url == listings[2].url
        assert reader.view.article.title == listings[2].title
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is browse
        assert browse.article_list.highlighted == listings[2]
        # Read in the reader: the list shows it.
        assert browse.article_list.table.is_read(listings[1])
        assert browse.article_list.table.is_read(listings[2])


async def test_j_at_the_end_of_a_page_brings_the_next_one(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("G", "enter")  # the last row of page 1: page 2 is asked for
        await settle(app, pilot)
        assert len(browse.article_list.listings) == 40
        last_of_page_one = browse.article_list.listings[19]
        assert browse.article_view.article.url == last_of_page_one.url
        await pilot.press("J")
        await settle(app, pilot)
        assert browse.article_view.article.url == browse.article_list.listings[20].url
