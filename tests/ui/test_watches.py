"""Watches in the TUI, with Pilot on a real cache and library (and the real demo portal for a
sync): w saves a query from the search screen or the article list, W lists the watches with
their counts, reading a match counts it read, d removes, a sync tells what is new."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from support.hunting import FLAT, REPOST, SHARED, fill_cache
from support.pilot import WIDE, screen_text, settle, wait_until
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.dialogs.save_watch import SaveWatchScreen
from tui_reader.ui.screens.search import SearchScreen
from tui_reader.ui.screens.watches import WatchesScreen
from tui_reader.ui.syncing import watches_line


def toasts(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def save_watch(pilot: Pilot, app: ReaderApp, name: str) -> SaveWatchScreen:
    await pilot.press("w")
    await wait_until(pilot, lambda: isinstance(app.screen, SaveWatchScreen), "the name dialog")
    dialog = app.screen
    dialog.name_input.value = ""
    await pilot.press(*name, "enter")
    return dialog


async def test_save_a_search_see_it_in_w_read_a_match_and_remove_it(client, tmp_path: Path) -> None:
    fill_cache(tmp_path / "cache" / "demo.sqlite3")
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        search = app.screen
        await pilot.press(*"两室 price:<5000")
        await wait_until(pilot, lambda: len(search.hits) == 3, "the three flats")
        await pilot.press("down", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveWatchScreen), "the name dialog")
        assert app.screen.name_input.value == "两室 price:<5000"  # the query is the name offered
        app.screen.name_input.value = ""
        await pilot.press(*"flat near work", "enter")
        await wait_until(pilot, lambda: app.screen is search, "the dialog to close")
        assert "Watch saved: flat near work — 3 matches" in toasts(app)

        # A name in use is said in the dialog, which stays open.
        dialog = await save_watch(pilot, app, "flat near work")
        await wait_until(pilot, lambda: "already" in screen_text(app), "the taken name said")
        assert app.screen is dialog
        await pilot.press("escape")
        assert app.screen is search

        await pilot.press("W")
        await wait_until(pilot, lambda: isinstance(app.screen, WatchesScreen) and app.screen.loaded, "the watches")
        watches = app.screen
        shown = screen_text(app)
        assert "flat near work — 两室 price:<5000" in shown and "● 3 new · 3 matches" in shown

        await pilot.press("enter")  # its matches, the unread ones marked
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.rows, "the matches")
        matches = app.screen
        assert matches.watched == "flat near work" and matches.unread == {FLAT, REPOST, SHARED}
        assert all(matches.results.get_option_at_index(i).prompt.plain.startswith("●") for i in range(2))
        await pilot.press("down", "enter")  # read the first one
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReaderScreen"
        read = app.screen.url
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(matches.unread) == 2, "the one read to lose its mark")
        assert read not in matches.unread
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is watches and "● 2 new · 3 matches" in screen_text(app), "2 new")

        await pilot.press("d")
        await wait_until(pilot, lambda: "Watch removed: flat near work" in toasts(app), "the removal toast")
        await wait_until(pilot, lambda: "No watches yet" in screen_text(app), "no watch left")
        assert app.client.user.watches() == []


async def test_w_on_the_article_list_watches_its_filter_in_its_place(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("slash", *"出租", "enter", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveWatchScreen), "the name dialog")
        dialog = app.screen
        where = f"city:{browse.city.name} cat:{browse.category.name}"
        assert dialog.query_text == f"出租 {where}" and dialog.name_input.value == "出租"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is browse, "the dialog to close")
        [watch] = app.client.user.watches()
        assert (watch.name, watch.query) == ("出租", f"出租 {where}")
        assert any(t.startswith("Watch saved: 出租 — ") for t in toasts(app))


async def test_a_sync_tells_what_is_new_for_a_watch_and_recounts_the_watches(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        app.client.user.watch_add("jobs in town", "cat:招聘")  # nothing cached matches yet
        await pilot.press("W")
        await wait_until(pilot, lambda: isinstance(app.screen, WatchesScreen) and app.screen.loaded, "the watches")
        watches = app.screen
        assert "0 matches" in screen_text(app)
        # The sync runs on the browse screen, under the watches screen.
        target = next(c for c in browse.category_list.items if c.name == "招聘")
        browse.syncer.start(browse.city, target)
        await settle(app, pilot)
        assert any("new for 'jobs in town' — W shows them" in t for t in toasts(app)), toasts(app)
        await wait_until(pilot, lambda: "new · 20 matches" in screen_text(app), "the counts after the sync")
        assert app.screen is watches


def test_the_sync_line_names_the_watches_with_news() -> None:
    assert watches_line({"a": 0}) == ""
    assert watches_line({"flat near work": 2, "b": 0}) == "2 new for 'flat near work' — W shows them"
    assert watches_line({"a": 1, "b": 2, "c": 3, "d": 0}) == "6 new for 'a', 'b' and 1 more watch — W shows them"


def test_a_watch_row_says_when_it_was_saved_and_when_the_command_line_last_ran_it() -> None:
    from datetime import UTC, datetime, timedelta

    from tui_reader.models import WatchInfo
    from tui_reader.ui.screens.watches import watch_row

    now = datetime.now(UTC)
    saved = (now - timedelta(days=2)).isoformat()
    never_run = watch_row(WatchInfo("flat", "整租 price:<3000", saved, 12, 3, None)).plain
    assert never_run.splitlines() == ["flat — 整租 price:<3000", "● 3 new · 12 matches · saved 2 d ago"]
    run = watch_row(WatchInfo("flat", "整租", saved, 1, 0, (now - timedelta(hours=2)).isoformat())).plain
    assert run.splitlines()[1] == "1 match · saved 2 d ago · watch run 2 h ago"
