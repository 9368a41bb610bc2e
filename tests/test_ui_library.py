"""The offline library in the TUI, driven with Pilot against the real demo portal
and real SQLite files: sync with progress and cancel, freshness on the panes,
read/unread/new marks and counts, bookmarks, history, search, two at once."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from test_ui_pilot import WIDE, screen_text, settle, status_text
from tui_reader.client import Ttl
from tui_reader.demo.server import DemoServer
from tui_reader.models import utcnow
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.widgets.article_list import row_mark


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str, tries: int = 500) -> None:
    """Let the app run until ``condition`` holds (a bounded number of turns, no clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


def mark_of(browse: BrowseScreen, url: str) -> str:
    return browse.article_list.table.get_cell(url, "mark").plain


# -- 1. sync ---------------------------------------------------------------------------


async def test_sync_a_category_shows_progress_then_a_summary(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.category_list.focus_rows()
        await pilot.press("down")  # 招聘: not the category on screen
        target = browse.category_list.highlighted_item
        assert target.name == "招聘" and browse.category_list.unread(target) is None  # nothing cached yet
        demo_server.options.latency = 0.2  # slow enough to watch it run (21 pages, 2 at a time)
        await pilot.press("S")
        await wait_until(pilot, lambda: "pages/s" in status_text(app), "progress in the status bar")
        progress = status_text(app)
        assert "sync 南京 › 招聘" in progress and "/" in progress and "x cancels" in progress

        # The UI is usable meanwhile: another category loads and shows its rows.
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: browse.category is not None and browse.category.name == "二手"
                         and browse.article_list.table.row_count == 20, "another category while syncing")
        assert browse.syncer.running, status_text(app)

        await settle(app, pilot)
        summary = status_text(app)
        assert "sync 南京 › 招聘: 21 new, 0 updated, 0 unchanged, 0 failed" in summary
        assert browse.category_list.unread(target) == 20  # its articles are cached now, none read


async def test_sync_can_be_cancelled_and_resumes(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.category_list.focus_rows()
        demo_server.options.latency = 0.1
        await pilot.press("S")
        await wait_until(pilot, lambda: "pages/s" in status_text(app), "the sync to start")
        await pilot.press("x")
        await settle(app, pilot)
        assert not browse.syncer.running
        assert "cancelled; what it fetched is kept" in status_text(app)
        assert "pages/s" not in status_text(app)

        demo_server.options.latency = 0.0
        await pilot.press("S")
        await settle(app, pilot)
        # The listing page (and whatever articles were done) is not fetched again.
        assert "0 failed" in status_text(app) and "unchanged" in status_text(app)
        assert "21 new" not in status_text(app)


async def test_second_sync_is_told_plainly_and_nothing_is_locked(client, demo_server: DemoServer) -> None:
    """Two app instances on one cache and one library: one sync at a time, the other told in one line."""
    first = ReaderApp(client(library=True), site_title="Demo")
    second = ReaderApp(client(library=True), site_title="Demo")
    async with first.run_test(size=WIDE) as one, second.run_test(size=WIDE) as two:
        await settle(first, one)
        await settle(second, two)
        demo_server.options.latency = 0.1
        first.screen.category_list.focus_rows()
        await one.press("S")
        await wait_until(one, lambda: "pages/s" in status_text(first), "the first sync to run")

        second.screen.category_list.focus_rows()
        await two.press("S")
        await wait_until(two, lambda: "sync not started" in status_text(second), "the plain line")
        line = status_text(second)
        assert "another sync is running (pid " in line and "\n" not in line
        assert "⚠" not in line and "locked" not in line

        # Reading, marking and bookmarking beside the running sync.
        second.screen.article_list.focus_rows()
        await two.press("enter", "b", "down", "enter")
        await settle(second, two)
        await settle(first, one)
        for app in (first, second):
            assert "locked" not in status_text(app) and "⚠" not in status_text(app)
            assert app.is_running
        assert "20 new" in status_text(first) and "0 failed" in status_text(first)
        assert len(second.client.bookmarks()) == 1
