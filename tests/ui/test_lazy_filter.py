"""The list panes' filters are mounted by "/", not at start: the first screen holds no Input."""

from __future__ import annotations

import subprocess
import sys

from textual import events
from textual.widgets import Input

from support.pilot import WIDE, settle, wait_until
from tui_reader.ui.app import ReaderApp


def shown_names(pane) -> list[str]:
    return [pane.items[entry.item].name for entry in pane.rows.entries if entry.item is not None]


async def test_the_first_screen_composes_no_input_until_slash(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        cities = browse.city_list
        assert list(browse.query(Input)) == []
        assert cities.filter_input is None and cities.filter_text == ""
        everything = shown_names(cities)

        await pilot.press("slash", *"lyg")
        assert [field.id for field in browse.query(Input)] == [None]  # one, in the cities pane
        assert app.focused is cities.filter_input
        assert cities.filter_text == "lyg"
        assert shown_names(cities)[0] == "连云港" and len(shown_names(cities)) < len(everything)
        # It stands where the hint stood, above the rows.
        assert cities.children.index(cities.filter_input) < cities.children.index(cities.rows)

        # Opened again, the same input comes back (and nothing is mounted twice).
        await pilot.press("escape")
        assert cities.filter_text == "" and shown_names(cities) == everything
        await pilot.press("slash")
        assert len(browse.query(Input)) == 1 and app.focused is cities.filter_input


async def test_the_article_filter_is_mounted_above_its_note(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        articles = app.screen.article_list
        articles.focus_rows()
        await pilot.pause()
        await pilot.press("slash", *"zzzz")
        assert app.focused is articles.filter_input and articles.filter_text == "zzzz"
        assert articles.table.row_count == 0
        assert articles.children[0] is articles.filter_input
        await pilot.press("enter")  # back to the rows; the filter with text stays in sight
        assert app.focused is articles.table and articles.has_class("-filtering")


async def test_letters_typed_right_after_slash_land_in_the_new_filter(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        await pilot.press("slash", "n", "j")
        assert cities.filter_text == "nj"
        assert app.focused is cities.filter_input


async def test_keys_arriving_together_with_slash_land_in_the_new_filter(client) -> None:
    """As from a paste or tmux send-keys: every key is queued before the app
    handles the first, so the input is not yet mounted when the letters come."""
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        cities = app.screen.city_list
        assert app._driver is not None
        for key, char in (("slash", "/"), ("n", "n"), ("j", "j")):
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)
        await wait_until(pilot, lambda: cities.filter_text == "nj", "nj in the cities' filter")
        assert app.focused is cities.filter_input


def test_the_first_screen_does_not_import_the_filter_input() -> None:
    code = (
        "import sys\n"
        "import tui_reader.ui.app, tui_reader.ui.screens.browse\n"
        "print('tui_reader.ui.widgets.filter_input' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "False"
