"""The real app, driven with Pilot, against the real demo portal and a real SQLite cache."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from support.pilot import NARROW, WIDE, choose_city, screen_text, settle, status_text
from tui_reader.client import Ttl
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.render.sanitize import clean_line
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.widgets.listing_rows import columns as row_columns
from tui_reader.ui.widgets.listing_rows import date_text


async def test_walk_city_category_article(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        await choose_city(pilot, app, "lianyungang")
        assert browse.city is not None and browse.city.name == "连云港"
        assert app.focused is browse.category_list.rows

        await pilot.press("down", "enter")  # the second category
        await settle(app, pilot)
        assert browse.category == browse.category_list.items[1]
        assert app.focused is browse.article_list.table
        assert browse.article_list.table.row_count == 20

        await pilot.press("j", "j")
        listing = browse.article_list.highlighted
        assert listing is not None and listing == browse.article_list.listings[2]
        await pilot.press("enter")
        await settle(app, pilot)

        article = browse.article_view.article
        assert article is not None
        assert article.title == listing.title
        assert app.focused is browse.article_view  # Enter drills into the reader pane
        shown = screen_text(app)
        assert clean_line(article.title)[:12] in shown
        assert article.body[0][:12] in shown
        assert "network · article" in status_text(app)


async def test_list_grows_past_the_first_page(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.pause()
        first_page = browse.article_list.listings
        assert len(first_page) == 20

        await pilot.press("G")  # to the bottom: near the end, so page 2 loads by itself
        await settle(app, pilot)
        grown = browse.article_list.listings
        assert len(grown) == 40
        assert grown[:20] == first_page
        assert len({listing.url for listing in grown}) == 40

        await pilot.press("G")
        await settle(app, pilot)
        assert len(browse.article_list.listings) == 60
        assert browse.article_list.table.row_count == 60


async def test_article_columns_stay_under_their_header_when_the_scrollbar_appears(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        articles = app.screen.article_list
        articles.focus_rows()
        await pilot.press("G")  # page 2 loads: more rows than lines, so a scrollbar
        await settle(app, pilot)
        rows = articles.table
        assert rows.show_vertical_scrollbar
        listing = articles.highlighted
        date = date_text(listing.published, row_columns(rows.scrollable_content_region.width).date)

        def columns() -> tuple[int, int]:
            """Where "Date" starts in the header and the date in the row, in cells (CJK: 2 a character)."""
            lines = screen_text(app).splitlines()
            header = next(line for line in lines if "Title" in line and "Date" in line)
            row = next(line for line in lines if date in line and listing.title[:4] in line)
            return cell_len(header[: header.index("Date")]), cell_len(row[: row.index(date)])

        # The header follows the rows' width a message later: allow a few frames.
        for _ in range(20):
            if columns()[0] == columns()[1]:
                break
            await pilot.pause(0.05)
        header_at, row_at = columns()
        assert header_at == row_at


async def test_rereads_an_article_from_cache_when_the_portal_is_gone(client, demo_server: DemoServer) -> None:
    first = ReaderApp(client(), site_title="Demo")
    async with first.run_test(size=WIDE) as pilot:
        await settle(first, pilot)
        first.screen.article_list.focus_rows()
        await pilot.press("enter")
        await settle(first, pilot)
        article = first.screen.article_view.article
        assert article is not None

    demo_server.stop()

    # Everything counts as out of date, so the client must try the (gone) portal first.
    stale = Ttl(cities=0, categories=0, listings=0, article=0)
    second = ReaderApp(client(ttl=stale), site_title="Demo", open_url=article.url)
    async with second.run_test(size=NARROW) as pilot:
        await settle(second, pilot)
        reader = second.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.view.article is not None
        assert reader.view.article.title == article.title
        status = status_text(second)
        assert "offline — showing cached data from" in status
        assert "could not connect" in status
        assert clean_line(article.title)[:10] in screen_text(second)

        await pilot.press("escape")  # the browse screen underneath works from the cache too
        await settle(second, pilot)
        assert isinstance(second.screen, BrowseScreen)
        assert second.screen.article_list.table.row_count == 20


async def test_failed_refresh_keeps_the_rows_and_says_why(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.pause()
        before = browse.article_list.listings
        assert len(before) == 20

        demo_server.options.error_rate = 1.0
        await pilot.press("r")
        await settle(app, pilot)
        assert browse.article_list.listings == before
        status = status_text(app)
        assert "showing cached data" in status
        assert "500" in status

        # Nothing cached for another category: the error itself is shown, in the pane too.
        browse.category_list.focus_rows()
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert browse.article_list.table.row_count == 0
        assert "⚠" in status_text(app) and "500" in status_text(app)
        assert "500" in screen_text(app)
        assert app.is_running


async def test_narrow_enter_opens_full_screen_reader_and_escape_returns(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert browse.has_class("-narrow")
        assert not browse.article_view.display or browse.article_view.size.width == 0
        browse.article_list.focus_rows()
        await pilot.pause()
        listing = browse.article_list.highlighted
        await pilot.press("l")
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.view.article is not None and reader.view.article.title == listing.title
        assert app.focused is reader.view

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browse
        assert app.focused is browse.article_list.table


async def test_click_opens_an_article(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        browse = app.screen
        second = browse.article_list.listings[1]
        # The column header sits above the rows; line 1 of the rows is the second article.
        table = browse.article_list.table
        clicked = await pilot.click(table, offset=(3, 1))
        point = table.region.offset + (3, 1)
        assert clicked, (
            f"the click at {point} hit {app.screen.get_widget_at(*point)[0]!r}, not the rows at {table.region}"
        )
        await settle(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.url == second.url


async def test_help_lists_the_live_bindings(client) -> None:
    app = ReaderApp(client(), site_title="Demo", keymap={"pane.refresh": "f5"})
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for words in ("Next pane", "pane.next", "Open", "pane.open", "cursor.down", "Quit", "app.quit"):
            assert words in shown
        # Remapped through the keymap: help shows the key that really works.
        refresh_line = next(line for line in shown.splitlines() if "pane.refresh" in line)
        assert "f5" in refresh_line and " r " not in refresh_line
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)


async def test_every_binding_of_every_pane_has_a_keymap_id(client) -> None:
    """Bindings our widgets inherit from Textual's (a ScrollView's scroll
    left/right, say) would show in help with no id to remap them by."""
    # The app's and screen's own (quit, palette, copy selected text) are Textual's.
    textual_own = {
        (key.strip(), b.action)
        for b in [*App.BINDINGS, *Screen.BINDINGS]
        if isinstance(b, Binding)
        for key in b.key.split(",")
    }
    textual_own.add((App.COMMAND_PALETTE_BINDING, "command_palette"))
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        for focus in (
            browse.city_list.focus_rows,
            browse.category_list.focus_rows,
            browse.article_list.focus_rows,
            browse.article_view.focus,
        ):
            focus()
            await pilot.pause()
            missing = [
                (type(active.node).__name__, active.binding.key)
                for active in app.screen.active_bindings.values()
                if not active.binding.id and (active.binding.key, active.binding.action) not in textual_own
            ]
            assert missing == [], f"with {app.focused!r} focused"


async def test_hostile_page_text_is_shown_not_obeyed(tmp_path, client) -> None:
    with DemoServer(port=0, options=DemoOptions(hostile=True), log=lambda _line: None) as hostile:
        app = ReaderApp(client(base_url=hostile.base_url, db=tmp_path / "hostile.sqlite3"), site_title="Demo")
        async with app.run_test(size=(240, 50)) as pilot:
            await settle(app, pilot)
            browse = app.screen
            listings = browse.article_list.listings
            # Find the article whose title carries Rich link markup.
            index = next(i for i, item in enumerate(listings) if "[link=" in item.title)
            browse.article_list.focus_rows()
            await pilot.pause()
            browse.article_list.table.move_cursor(row=index)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.is_running  # "[@click=app.quit]" in other titles did nothing either
            shown = screen_text(app)
            assert "[link=http://evil.example/]链接[/link]" in shown
            assert "\x1b" not in shown
            assert "⟨RLO⟩" in shown or "\u241b[" in shown  # some escapes/bidi are on screen, visible


async def test_filter_takes_slash_as_text_and_escape_clears_it(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        await pilot.press("slash", "x", "slash", "h")
        assert browse.city_list.filter_text == "x/h"  # "/" and "h" are text here, not keys
        assert app.focused is browse.city_list.filter_input
        # No city matches "x/h", so the list is empty (and nothing failed).
        assert browse.city_list.rows.row_count == 0
        await pilot.press("escape")
        assert app.focused is browse.city_list.rows
        # Escape clears the filter: every city is back.
        assert browse.city_list.filter_text == ""
        assert browse.city_list.highlighted_item is not None


async def test_slash_on_the_article_list_filters_titles(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        articles = app.screen.article_list
        articles.focus_rows()
        await pilot.pause()
        word = "出租"
        expected = [item for item in articles.listings if word in item.title]
        assert 0 < len(expected) < len(articles.listings)

        await pilot.press("slash", *word)
        assert articles.table.row_count == len(expected)
        await pilot.press("enter")  # back to the rows, filter kept
        assert app.focused is articles.table
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.screen.article_view.article.url == expected[1].url
