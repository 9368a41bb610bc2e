"""The user's keymap in the running app, and key sequences ("g g"), driven with Pilot."""

from __future__ import annotations

from support.pilot import WIDE, screen_text, settle
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.reader import ReaderScreen


def _help_row(app: ReaderApp, binding_id: str) -> str:
    return next(line for line in screen_text(app).splitlines() if binding_id in line)


async def test_a_remapped_key_moves_the_cursor_and_the_old_one_no_longer_does(client) -> None:
    app = ReaderApp(client(), site_title="Demo", keymap={"cursor.down": "ctrl+n", "cursor.up": "ctrl+u"})
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        rows = app.screen.city_list.rows
        rows.focus()
        start = rows.cursor_row
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert rows.cursor_row > start
        moved = rows.cursor_row
        await pilot.press("j", "down")
        await settle(app, pilot)
        assert rows.cursor_row == moved  # the defaults are gone, not added to
        await pilot.press("ctrl+u")
        await settle(app, pilot)
        assert rows.cursor_row == start


async def test_help_shows_the_keys_in_effect_not_the_defaults(client) -> None:
    app = ReaderApp(client(), site_title="Demo", keymap={"cursor.down": "ctrl+n", "cursor.top": "t t"})
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.screen.city_list.rows.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        down = _help_row(app, "cursor.down")
        assert "^n" in down and "j" not in down.split("Down")[0]
        assert "t t" in _help_row(app, "cursor.top")


async def test_help_shows_g_g_for_top_by_default(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.screen.city_list.rows.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        top = _help_row(app, "cursor.top")
        assert "g g" in top and "home" in top


async def test_g_g_goes_to_the_top_of_a_list(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        rows = app.screen.city_list.rows
        rows.focus()
        await pilot.press("home")
        top = rows.cursor_row
        await pilot.press("down", "down", "down")
        await settle(app, pilot)
        assert rows.cursor_row > top
        await pilot.press("g")
        await pilot.pause()
        assert rows.cursor_row > top  # one g is only the start
        await pilot.press("g")
        await settle(app, pilot)
        assert rows.cursor_row == top


async def test_g_then_another_key_drops_the_g_and_the_key_still_works(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        rows = app.screen.city_list.rows
        rows.focus()
        await pilot.press("home")
        top = rows.cursor_row
        await pilot.press("g", "j")
        await settle(app, pilot)
        assert rows.cursor_row > top
        below = rows.cursor_row
        await pilot.press("g", "j", "g")  # "g j g": no "g g" in it
        await settle(app, pilot)
        assert rows.cursor_row > below


async def test_g_g_goes_to_the_top_of_the_article_in_the_reader(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(app, pilot)
        app.screen.article_list.focus_rows()
        await pilot.press("l")  # narrow: the article opens full screen, its text focused
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and app.focused is reader.view
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert reader.view.scroll_y > 0
        await pilot.press("g", "g")
        await settle(app, pilot)
        assert reader.view.scroll_y == 0
