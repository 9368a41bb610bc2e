"""Finding a city or a category in its pane: by characters, pinyin or initials, never by URL."""

from __future__ import annotations

from support.pilot import WIDE, settle
from tui_reader.ui.app import ReaderApp


def shown_names(pane) -> list[str]:
    return [pane.items[entry.item].name for entry in pane.rows.entries if entry.item is not None]


async def test_city_filter_finds_by_initials_pinyin_and_characters(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        for typed in ("lyg", "lianyungang", "连云", "LianYunGang", "lian yun"):
            await pilot.press("slash", *typed)
            assert shown_names(cities)[0] == "连云港", typed
            await pilot.press("escape")
        await pilot.press("slash", *"lyg", "enter")
        await settle(app, pilot)
        assert app.screen.city.name == "连云港"


async def test_filter_matches_names_not_urls(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        assert all(city.url.startswith("http://127.0.0.1") for city in cities.items)
        for typed in ("http", "127", "www"):
            await pilot.press("slash", *typed)
            assert shown_names(cities) == [], typed
            await pilot.press("escape")
        # The province still counts: 江苏 lists its cities (and no other).
        await pilot.press("slash", *"江苏")
        jiangsu = [city.name for city in cities.items if city.province == "江苏"]
        assert shown_names(cities) == jiangsu


async def test_filter_ranks_whole_and_prefix_matches_first(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        # "nan" starts 南京, 南通, 南阳 and sits inside 济南 (ji-nan): the starts come first.
        await pilot.press("slash", *"nan")
        names = shown_names(cities)
        assert set(names[:3]) == {"南京", "南通", "南阳"}
        assert names.index("济南") > 2


async def test_categories_filter_by_pinyin_too(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.category_list.focus_rows()
        await pilot.pause()
        await pilot.press("slash", *"zp")
        assert shown_names(browse.category_list)[0] == "招聘"
        await pilot.press("enter")
        await settle(app, pilot)
        assert browse.category.name == "招聘"


async def test_escape_clears_the_filter_and_keeps_the_highlighted_city(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        everything = cities.rows.row_count
        await pilot.press("slash", *"nan")
        cities.rows.move_cursor(row=2)  # the third match (a click on it would do the same)
        highlighted = cities.highlighted_item
        assert highlighted is not None and highlighted != cities.items[0]
        await pilot.press("escape")
        assert cities.filter_text == ""
        assert cities.rows.row_count == everything
        assert cities.highlighted_item == highlighted
        assert app.focused is cities.rows
        assert not cities.has_class("-filtering")
