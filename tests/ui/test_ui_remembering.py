"""Remembering where the user was: the next start reopens the city, the category and
the highlighted article, with the recent cities first; the theme picked is kept too."""

from __future__ import annotations

from pathlib import Path

from support.pilot import WIDE, choose_city, settle
from tui_reader.remembered import Memory
from tui_reader.ui.app import ReaderApp


def memory_at(path: Path) -> Memory:
    return Memory.load(path).bind("demo", configured_theme=None)


async def test_the_next_start_reopens_the_last_city_category_and_article(client, tmp_path: Path) -> None:
    path = tmp_path / "state" / "remembered.json"
    app = ReaderApp(client(), site_title="Demo", memory=memory_at(path))
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        await choose_city(pilot, app, "lyg")
        await pilot.press("down", "enter")  # the second category
        await settle(app, pilot)
        await pilot.press("j", "j", "j")
        left_on = browse.article_list.highlighted
        category = browse.category
        assert left_on == browse.article_list.listings[3]
    assert path.exists()  # written on the way out

    again = ReaderApp(client(), site_title="Demo", memory=memory_at(path))
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        browse = again.screen
        assert browse.city.name == "连云港"
        assert browse.category == category
        assert browse.article_list.highlighted == left_on
        assert again.focused is browse.article_list.table
        # 连云港 heads the list under "Recent", and still stands under 江苏.
        cities = browse.city_list
        entries = cities.rows.entries
        assert entries[0].text.plain == "Recent" and entries[0].item is None
        assert cities.items[entries[1].item].name == "连云港"
        assert sum(1 for e in entries if e.item is not None and cities.items[e.item].name == "连云港") == 2


async def test_recent_cities_come_latest_first(client, tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    app = ReaderApp(client(), site_title="Demo", memory=memory_at(path))
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        for typed in ("wx", "lyg", "hz", "lyg"):
            cities.focus_rows()
            await choose_city(pilot, app, typed)
        cities.focus_filter()
        await pilot.press("escape")  # the whole list again (a filter shows matches only)
        pinned = [cities.items[e.item].name for e in cities.rows.entries if e.pinned]
        assert pinned == ["连云港", "杭州", "无锡"]


async def test_a_damaged_memory_file_is_a_warning_not_a_crash(client, tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    path.write_text("{ half a file", encoding="utf-8")
    app = ReaderApp(client(), site_title="Demo", memory=memory_at(path))
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.screen.city is not None  # the first city, as on a first start
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and str(path) in warnings[0].message
        await choose_city(pilot, app, "lyg")
    assert memory_at(path).place.city.name == "连云港"  # and the file works again


async def test_the_theme_picked_is_kept_until_the_config_names_another(client, tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    app = ReaderApp(client(), site_title="Demo", memory=memory_at(path))
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
    kept = memory_at(path)
    assert kept.theme() == "nord"
    again = ReaderApp(client(), site_title="Demo", memory=kept, theme=kept.theme())
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        assert again.theme == "nord"
    assert Memory.load(path).bind("demo", configured_theme="gruvbox").theme() is None
