"""The layout follows the width; z folds the city and category panes away at any width."""

from __future__ import annotations

from support.pilot import NARROW, WIDE, settle
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.widgets.listing_rows import columns

MEDIUM = (120, 30)


def _in(pane, widget) -> bool:  # type: ignore[no-untyped-def]
    return widget is pane or pane in widget.ancestors


async def test_at_120_columns_titles_have_room_beside_the_reader(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.article_view.display and browse.wide
        assert not browse.city_list.display and not browse.category_list.display
        rows = browse.article_list.table
        assert columns(rows.scrollable_content_region.width).title >= 30
        # The place is still named, and the focus is on a pane that shows.
        assert "南京 › 房产" in browse.sub_title
        assert app.focused is rows


async def test_z_shows_and_hides_the_sidebars_and_focus_follows(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(app, pilot)
        browse = app.screen
        await pilot.press("z")
        await pilot.pause()
        assert browse.city_list.display and browse.category_list.display
        browse.city_list.focus_rows()
        await pilot.press("z")
        await pilot.pause()
        assert not browse.city_list.display
        assert app.focused is browse.article_list.table  # not left on the hidden city list
        # Tab goes round the panes that show: the articles and the reader.
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(app.focused)
        assert not any(_in(browse.city_list, w) or _in(browse.category_list, w) for w in seen)


async def test_back_from_the_articles_visits_the_folded_sidebars(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=MEDIUM) as pilot:
        await settle(app, pilot)
        browse = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert browse.category_list.display
        assert app.focused is browse.category_list.rows
        await pilot.press("down", "enter")  # another category: back to its articles
        await settle(app, pilot)
        assert browse.category == browse.category_list.items[1]
        assert app.focused is browse.article_list.table
        assert not browse.category_list.display  # folded away again


async def test_z_at_the_wide_and_narrow_layouts(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert browse.city_list.display and browse.article_view.display
        await pilot.press("z")
        await pilot.pause()
        assert not browse.city_list.display and browse.article_view.display
        # The choice holds when the terminal narrows; the reader pane goes.
        await pilot.resize_terminal(*NARROW)
        await settle(app, pilot)
        assert browse.has_class("-narrow")
        assert not browse.city_list.display and not browse.article_view.display
        await pilot.press("z")
        await pilot.pause()
        assert browse.city_list.display


async def test_the_first_screen_is_composed_with_its_widths_class(client, monkeypatch) -> None:
    """Textual gives a screen its breakpoint class on the first resize, after the
    first paint; the first screen has it from the start, so that resize restyles nothing."""
    classes_at_mount: list[set[str]] = []
    mount = BrowseScreen.on_mount

    def noting(screen: BrowseScreen) -> None:
        classes_at_mount.append(set(screen.classes))
        mount(screen)

    monkeypatch.setattr(BrowseScreen, "on_mount", noting)
    for size, wanted in ((WIDE, "-wide"), (MEDIUM, "-medium"), (NARROW, "-narrow")):
        app = ReaderApp(client(), site_title="Demo")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
        assert wanted in classes_at_mount[-1], (size, classes_at_mount[-1])
        assert len({"-wide", "-medium", "-narrow"} & classes_at_mount[-1]) == 1
