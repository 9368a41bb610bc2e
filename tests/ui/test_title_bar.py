"""The title bar: one widget that names the site and the place, follows them as they
change, opens the command palette from its icon, and cuts a long title whole characters at a time."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.command import CommandPalette

from support.pilot import NARROW, WIDE, choose_city, screen_text, settle, wait_until
from tui_reader.demo.web.server import DemoServer
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.widgets.title_bar import TitleBar

ARTICLE = "/nanjing/fangchan/139198.html"


def bar_line(app: App) -> str:
    """The top line of the terminal, as shown."""
    return screen_text(app).splitlines()[0]


def title_part(app: App) -> str:
    """The cells between the icon's part of the line and the blank right end."""
    line, width = bar_line(app), app.size.width
    cells, start, end = 0, None, None
    for index, character in enumerate(line):
        if cells == 8 and start is None:
            start = index
        if cells == width - 10:
            end = index
            break
        cells += cell_len(character)
    return line[start:end]


async def test_the_bar_names_the_site_and_the_place_and_follows_them(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert bar_line(app).startswith(" ⭘ ")
        assert title_part(app).strip() == "Demo — 南京 › 房产"

        app.screen.city_list.focus_rows()
        await choose_city(pilot, app, "lianyungang")
        await wait_until(pilot, lambda: "连云港 › " in bar_line(app), "the new place in the bar")
        assert title_part(app).strip().startswith("Demo — 连云港 › ")
        assert "南京" not in bar_line(app)

        await pilot.press("M")  # the app's title changes: contacts are masked
        await wait_until(pilot, lambda: "Demo · contacts masked — 连云港" in bar_line(app), "the app's title")


async def test_the_title_is_centred_between_the_icon_and_the_right_margin(client) -> None:
    app = ReaderApp(client(), site_title="Demos")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        part = title_part(app)
        assert part.strip() == "Demos — 南京 › 房产"  # 19 cells in 142: 123 to spare
        assert cell_len(part) == WIDE[0] - 18
        # The odd spare cell goes to the right, as in Textual's header.
        assert len(part) - len(part.lstrip()) == 61
        assert len(part) - len(part.rstrip()) == 62


async def test_the_reader_screen_shows_the_article_title(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(), site_title="Demo", open_url=demo_server.base_url + ARTICLE)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.view.article is not None
        assert reader.sub_title
        await wait_until(pilot, lambda: f"Demo — {reader.sub_title}" in bar_line(app), "the article's title in the bar")
        assert len(reader.query(TitleBar)) == 1


async def test_clicking_the_icon_opens_the_command_palette(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.click(TitleBar, offset=(WIDE[0] // 2, 0))  # the title: nothing happens
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opened by the icon")


async def test_a_narrow_terminal_cuts_the_title_between_wide_characters(client) -> None:
    # 70 cells of title in 62 of room: 61 for the text, whose 31st character
    # would straddle the cut, so the cell before the ellipsis stays blank.
    app = ReaderApp(client(), site_title="分类信息网" * 7)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        assert cell_len(bar_line(app)) == NARROW[0]
        assert title_part(app) == "分类信息网" * 6 + " …"


async def test_the_bar_has_no_child_widgets(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(TitleBar)
        app.screen.city_list.focus_rows()
        await choose_city(pilot, app, "lianyungang")
        await wait_until(pilot, lambda: "连云港" in bar_line(app), "the new place in the bar")
        assert list(bar.children) == []
        assert len(app.screen.query(TitleBar)) == 1
        assert len(app.screen.query("Header")) == 0
