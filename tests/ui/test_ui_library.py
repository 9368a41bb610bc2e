"""The offline library in the TUI, driven with Pilot against the real demo portal
and real SQLite files: sync with progress and cancel, freshness on the panes,
read/unread/new marks and counts, bookmarks, history, search, two at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from support.pilot import NARROW, WIDE, screen_text, settle, status_text, wait_until
from tui_reader.client import Client, Ttl
from tui_reader.demo.web.server import DemoServer
from tui_reader.models.content import utcnow
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.syncing import SyncOptions
from tui_reader.ui.widgets.listing_rows import row_mark


def mark_of(browse: BrowseScreen, url: str) -> str:
    return browse.article_list.table.mark_of(url).plain


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
        await wait_until(
            pilot,
            lambda: (
                browse.category is not None
                and browse.category.name == "二手"
                and browse.article_list.table.row_count == 20
            ),
            "another category while syncing",
        )
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
        assert len(second.client.user.bookmarks()) == 1


# -- 2. freshness -----------------------------------------------------------------------


async def test_stale_list_shows_at_once_then_refreshes_in_place(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert browse.article_list.border_subtitle == "network · just now"
        assert browse.city_list.border_subtitle == "just now"  # narrow panes: the age alone
        browse.article_list.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        assert browse.article_view.border_subtitle == "network · just now"
        category = browse.category

    # Two hours later, with a title changed on our side: the cache is stale and differs from the portal.
    store = client().store
    entry = store.get("listings", category.url)
    original = entry.payload["items"][0]["title"]
    entry.payload["items"][0]["title"] = "旧标题 OLD"
    store.put("listings", category.url, entry.payload, fetched_at=utcnow() - timedelta(hours=2))
    store.close()

    demo_server.options.latency = 0.5  # the refresh is still on its way when we look
    again = ReaderApp(client(library=True), site_title="Demo")
    async with again.run_test(size=WIDE) as pilot:
        browse = again.screen
        articles = browse.article_list
        await wait_until(pilot, lambda: articles.table.row_count == 20, "the cached rows")
        assert articles.listings[0].title == "旧标题 OLD"  # the stale cache, at once
        assert articles.border_subtitle == "cache · 2 h ago · refreshing…"
        articles.focus_rows()
        await pilot.press("down", "down", "down")
        kept = articles.highlighted

        await settle(again, pilot)
        assert articles.listings[0].title == original  # refreshed in place
        assert articles.highlighted == kept and articles.table.cursor_row == 3
        assert articles.border_subtitle == "network · just now"


# -- 3. reading state --------------------------------------------------------------------


async def test_read_marks_counts_and_next_unread(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        articles = browse.article_list
        listings = articles.listings
        assert {mark_of(browse, item.url) for item in listings} == {"•"}  # first visit: unread, nothing "new"
        assert browse.category_list.unread(browse.category) == 20
        assert "房产 20" in screen_text(app)

        articles.focus_rows()
        await pilot.press("enter")  # opens the first article in the reader pane
        await settle(app, pilot)
        assert mark_of(browse, listings[0].url) == " "
        assert browse.category_list.unread(browse.category) == 19
        assert app.client.user.history()[0]["url"] == listings[0].url

        await pilot.press("n")  # from the reader: the next unread article, read along
        await settle(app, pilot)
        assert browse.article_view.article.url == listings[1].url
        assert mark_of(browse, listings[1].url) == " "
        assert browse.category_list.unread(browse.category) == 18

        articles.focus_rows()
        articles.table.move_cursor(row=19)
        await pilot.press("n")  # wraps past the end, skipping the two read ones
        assert articles.highlighted == listings[2]

        await pilot.press("G")  # near the end: page 2 loads, its rows get marks too
        await settle(app, pilot)
        page_two = articles.listings[20:]
        assert len(page_two) >= 20 and {mark_of(browse, item.url) for item in page_two} == {"•"}


async def test_new_since_last_visit_is_marked(client, tmp_path) -> None:
    fetcher = client(library=True)
    category = (await fetcher.categories((await fetcher.cities()).value[0])).value[0]
    urls = [item.url for item in (await fetcher.listings(category)).value.items]
    # The last visit saw all but the first three.
    fetcher.user.new_since_last_visit(category.url, urls[3:])
    await fetcher.aclose()

    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert [mark_of(browse, url) for url in urls[:4]] == ["●", "●", "●", "•"]
        assert row_mark(read=False, new=True).plain == "●" and row_mark(read=True, new=True).plain == " "


# -- 4. bookmarks and history ------------------------------------------------------------


def notifications(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_bookmark_toggle_list_and_read_offline(client, tmp_path) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("down")
        listing = browse.article_list.highlighted
        await pilot.press("b")
        await settle(app, pilot)
        assert any(m.startswith("Bookmarked: ") for m in notifications(app))
        await pilot.press("b")  # again: removed
        await settle(app, pilot)
        assert any(m.startswith("Bookmark removed: ") for m in notifications(app))
        assert app.client.user.bookmarks() == []
        await pilot.press("b")
        await settle(app, pilot)

        await pilot.press("B")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "BookmarksScreen"
        assert [entry["url"] for entry in screen.entries] == [listing.url]
        shown = screen_text(app)
        assert listing.title[:10] in shown and "南京 › 房产" in shown and "saved just now" in shown
        assert "bookmarks.remove" in {b.binding.id for b in screen.active_bindings.values()}

    # Offline, on an empty cache: the bookmark still opens, from its own copy.
    offline = ReaderApp(client(library=True, offline=True, db=tmp_path / "empty.sqlite3"), site_title="Demo")
    async with offline.run_test(size=WIDE) as pilot:
        await settle(offline, pilot)
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("enter")
        await settle(offline, pilot)
        reader = offline.screen
        assert type(reader).__name__ == "ReaderScreen"
        assert reader.view.article.title == listing.title
        assert "from your bookmarks" in status_text(offline)

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # removes it
        await pilot.pause()
        assert offline.screen.entries == [] and offline.client.user.bookmarks() == []
        assert "No bookmarks yet" in screen_text(offline)


async def test_history_lists_opened_articles_and_reopens_them(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        first, second = browse.article_list.listings[:2]
        await pilot.press("enter")
        await settle(app, pilot)
        browse.article_list.focus_rows()
        await pilot.press("down", "enter")
        await settle(app, pilot)

        await pilot.press("H")
        await pilot.pause()
        history = app.screen
        assert type(history).__name__ == "HistoryScreen"
        assert [entry["url"] for entry in history.entries] == [second.url, first.url]
        assert "opened just now" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and app.screen.url == first.url
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is history and history.entries[0]["url"] == first.url  # reading again counts
        assert [entry["url"] for entry in history.entries] == [first.url, second.url]  # once each
        assert "opened just now · 2 times" in screen_text(app)
        assert "2 articles" in screen_text(app)  # the count above the rows, in words


async def test_one_bookmark_is_counted_in_the_singular(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.screen.article_list.focus_rows()
        await pilot.press("b")
        await settle(app, pilot)
        await pilot.press("B")
        await pilot.pause()
        assert "1 bookmark" in screen_text(app) and "1 bookmarks" not in screen_text(app)


# -- 5. search ---------------------------------------------------------------------------


async def type_query(pilot: Pilot, app: ReaderApp, text: str) -> None:
    search = app.screen
    search.query_one("#search-input").value = ""
    await pilot.press(*text)
    await wait_until(pilot, lambda: search.query_text == text, f"results for {text!r}")


def cached_matching(db, word: str) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT url, title, body FROM articles").fetchall()
    finally:
        conn.close()
    return {url for url, title, body in rows if word in title or word in body}


async def test_search_two_characters_highlight_filter_open_offline(client, tmp_path) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.screen.category_list.focus_rows()
        await pilot.press("S")  # 房产 of 南京 into the cache, for offline search
        await settle(app, pilot)
        assert "20 new" in status_text(app)

    word = "两室"
    expected = cached_matching(tmp_path / "cache" / "demo.sqlite3", word)
    assert 0 < len(expected) < 20

    offline = ReaderApp(client(library=True, offline=True), site_title="Demo")
    async with offline.run_test(size=WIDE) as pilot:
        await settle(offline, pilot)
        await pilot.press("s")
        await pilot.pause()
        search = offline.screen
        assert type(search).__name__ == "SearchScreen"
        await type_query(pilot, offline, word)
        assert {hit.url for hit in search.hits} == expected
        first = search.results.get_option_at_index(0).prompt
        start = first.plain.index(word) if word in first.plain.split("\n")[0] else None
        styled = {(span.start, span.end) for span in first.spans if "yellow" in str(span.style)}
        assert styled and (start is None or (start, start + 2) in styled)
        assert f"{len(expected)} articles" in screen_text(offline)

        await type_query(pilot, offline, f"{word} city:无锡")
        assert search.hits == [] and "No cached article matches" in screen_text(offline)
        await type_query(pilot, offline, f"{word} city:南京 cat:房产")
        assert {hit.url for hit in search.hits} == expected

        await pilot.press("down", "enter")
        await settle(offline, pilot)
        assert type(offline.screen).__name__ == "ReaderScreen"
        assert offline.screen.url == search.hits[0].url
        assert offline.screen.view.article is not None


# -- 7. help ------------------------------------------------------------------------------


async def test_help_lists_the_library_keys(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.screen.article_list.focus_rows()
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        for binding_id in (
            "library.sync",
            "library.cancel_sync",
            "library.search",
            "library.bookmarks",
            "library.history",
            "article.bookmark",
            "list.next_unread",
        ):
            assert binding_id in shown, binding_id


async def test_narrow_reader_marks_read_when_back(client) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("down")
        listing = browse.article_list.highlighted
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReaderScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert mark_of(browse, listing.url) == " "
        assert browse.category_list.unread(browse.category) == 19


# -- 6. a command-line sync beside the TUI ------------------------------------------------


async def test_cli_sync_beside_the_tui(client, demo_server: DemoServer, tmp_path, monkeypatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("TUI_READER_HOME", str(home))
    from support.sync import start_sync as _start_sync
    from tui_reader import paths

    db = paths.cache_db("demo")
    app = ReaderApp(client(library=True, db=db), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        demo_server.options.latency = 0.05
        cli = _start_sync(home, demo_server.base_url)  # three categories, two pages each
        lock = Path(f"{db}.sync-lock")
        await wait_until(
            pilot,
            lambda: lock.exists() and lock.read_text().strip() == str(cli.pid),
            "the command line's sync to hold the lock",
            tries=3000,
        )

        app.screen.category_list.focus_rows()
        await pilot.press("S")
        await wait_until(pilot, lambda: "sync not started" in status_text(app), "the plain line")
        assert f"another sync is running (pid {cli.pid})" in status_text(app)

        # The TUI reads and writes the same files meanwhile.
        app.screen.article_list.focus_rows()
        for key in ("enter", "b", "r", "down", "n"):
            await pilot.press(key)
            await settle(app, pilot)
            assert "locked" not in status_text(app) and "⚠" not in status_text(app), key
        out, err = cli.communicate(timeout=120)
        assert cli.returncode == 0 and "locked" not in err and "Traceback" not in err

        demo_server.options.latency = 0.0
        await pilot.press("S")  # the lock is free again
        await settle(app, pilot)
        assert "0 failed" in status_text(app)


async def test_sync_runs_on_its_own_paced_client_when_given_sync_options(client, demo_server: DemoServer) -> None:
    made: list[Client] = []

    def make_sync_client() -> Client:
        # What the command line passes: a client whose fetcher keeps the [sync] pace.
        made.append(client(library=True))
        return made[-1]

    app = ReaderApp(
        client(library=True), site_title="Demo", sync_options=SyncOptions(make_client=make_sync_client, concurrency=1)
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.category_list.focus_rows()
        await pilot.press("down", "S")  # 招聘, not cached yet
        await settle(app, pilot)
        assert "sync 南京 › 招聘: 21 new" in status_text(app)
        assert len(made) == 1 and made[0] is not app.client
        await pilot.press("S")  # each run gets a fresh client (the last one was closed)
        await settle(app, pilot)
        assert len(made) == 2 and "21 unchanged" in status_text(app)


async def test_full_screen_reader_shows_a_stale_article_at_once_then_refreshes_it(
    client, demo_server: DemoServer
) -> None:
    url = demo_server.base_url + "/nanjing/fangchan/139198.html"
    first = ReaderApp(client(library=True), site_title="Demo", open_url=url)
    async with first.run_test(size=NARROW) as pilot:
        await settle(first, pilot)
        assert first.screen.view.article is not None

    # Two hours later (articles stay fresh for an hour here), with the title
    # changed on our side: the cached copy is stale.
    store = client().store
    entry = store.get("article", url)
    entry.payload["title"] = "旧标题 OLD"
    store.put("article", url, entry.payload, fetched_at=utcnow() - timedelta(hours=2))
    store.close()

    demo_server.options.latency = 0.5  # the refresh is still on its way when we look
    again = ReaderApp(client(library=True, ttl=Ttl(article=3600)), site_title="Demo", open_url=url)
    async with again.run_test(size=NARROW) as pilot:
        reader = again.screen
        await wait_until(pilot, lambda: reader.view.article is not None, "the cached article")
        assert reader.view.article.title == "旧标题 OLD"  # the stale copy, at once
        await settle(again, pilot)
        assert reader.view.article.title != "旧标题 OLD"  # then the portal's, in place
        assert "旧标题" not in screen_text(again)
