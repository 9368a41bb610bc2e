"""Bookmarks as a hunt's notebook, driven with Pilot against the real demo portal
and a real library file: a status moved on with m, a note written in a small
dialog, both kept (the screen reopened, the library asked), filtered with v,
and shown in the reader under the title."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from support.pilot import WIDE, screen_text, settle, wait_until
from tui_reader.demo.web.server import DemoServer
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.bookmarks import BookmarksScreen, next_status

FIRST = "/nanjing/fangchan/139198.html"
SECOND = "/nanjing/fangchan/139199.html"


def test_statuses_go_round() -> None:
    seen = [""]
    for _ in range(5):
        seen.append(next_status(seen[-1]))
    assert seen == ["", "to call", "called", "visited", "rejected", ""]


async def open_bookmarks(app: ReaderApp, pilot: Pilot) -> BookmarksScreen:
    await pilot.press("B")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


async def bookmarked(app: ReaderApp, pilot: Pilot, base: str) -> None:
    await settle(app, pilot)
    for path in (SECOND, FIRST):  # newest first: FIRST is the top row
        await app.client.user.bookmark(base + path)


def kept(app: ReaderApp, url: str) -> dict:
    return next(b for b in app.client.user.bookmarks() if b["url"] == url)


async def test_status_and_note_are_kept_and_shown(client, demo_server: DemoServer) -> None:
    url = demo_server.base_url + FIRST
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await bookmarked(app, pilot, demo_server.base_url)
        screen = await open_bookmarks(app, pilot)
        assert screen.highlighted_entry["url"] == url

        await pilot.press("m")
        await pilot.pause()
        assert kept(app, url)["status"] == "to call"
        assert "to call · 南京 › 房产" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert kept(app, url)["status"] == "called"

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"想周末看房", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert kept(app, url)["note"] == "想周末看房"
        assert "called · 想周末看房 · 南京 › 房产" in screen_text(app)

        # Esc leaves the note as it was.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"不要了", "escape")
        await pilot.pause()
        assert kept(app, url)["note"] == "想周末看房"

        # Reopened: the same rows say the same.
        await pilot.press("escape")
        await pilot.pause()
        await open_bookmarks(app, pilot)
        assert "called · 想周末看房" in screen_text(app)

        # Read from here: the reader says it under the title.
        await pilot.press("enter")
        await settle(app, pilot)
        assert "★ bookmarked · called · 想周末看房" in app.screen.view.notes.text

    # Another run of the app: kept in the library file.
    again = ReaderApp(client(library=True), site_title="Demo")
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        await open_bookmarks(again, pilot)
        assert "called · 想周末看房 · 南京 › 房产" in screen_text(again)


async def test_an_empty_note_clears_it_and_the_status_goes_back_to_none(client, demo_server: DemoServer) -> None:
    url = demo_server.base_url + FIRST
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await bookmarked(app, pilot, demo_server.base_url)
        app.client.user.bookmark_note(url, "旧的")
        app.client.user.bookmark_status(url, "rejected")
        await open_bookmarks(app, pilot)
        assert "rejected · 旧的" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        await pilot.press("m")  # rejected → none
        await pilot.pause()
        assert (kept(app, url)["note"], kept(app, url)["status"]) == ("", "")
        assert "rejected" not in screen_text(app) and "旧的" not in screen_text(app)


async def test_v_shows_one_status_at_a_time(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await bookmarked(app, pilot, demo_server.base_url)
        screen = await open_bookmarks(app, pilot)
        await pilot.press("m")  # the first: to call
        await pilot.pause()
        assert "2 bookmarks" in screen_text(app)

        await pilot.press("v")
        await pilot.pause()
        assert [e["url"] for e in screen.entries] == [demo_server.base_url + FIRST]
        assert "1 bookmark marked 'to call'" in screen_text(app)
        await pilot.press("m")  # now called: it leaves the rows shown
        await pilot.pause()
        assert screen.entries == []
        for _ in range(4):  # called, visited, rejected, none
            await pilot.press("v")
            await pilot.pause()
        assert [e["url"] for e in screen.entries] == [demo_server.base_url + SECOND]
        assert "1 bookmark with no status" in screen_text(app)
        await pilot.press("v")  # all again
        await pilot.pause()
        assert len(screen.entries) == 2 and "2 bookmarks" in screen_text(app)


async def test_masked_contacts_stay_masked_in_the_rows(client, demo_server: DemoServer) -> None:
    url = demo_server.base_url + FIRST
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await bookmarked(app, pilot, demo_server.base_url)
        app.client.user.bookmark_note(url, "房东 13794974422 周末")
        await open_bookmarks(app, pilot)
        assert "房东 13794974422 周末" in screen_text(app)
        await pilot.press("M")
        await pilot.pause()
        shown = screen_text(app)
        assert "13794974422" not in shown and "房东 137******22 周末" in shown
        assert "contacts masked" in shown


async def test_e_exports_the_shortlist_to_the_file_named_masked_when_the_screen_is(
    client, demo_server: DemoServer, tmp_path
) -> None:
    from tui_reader.ui.dialogs.export_file import ExportFileScreen

    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await bookmarked(app, pilot, demo_server.base_url)
        phone = (await app.client.article(demo_server.base_url + FIRST)).value.fields["phones"][0]
        app.client.user.bookmark_note(demo_server.base_url + FIRST, f"周末看房 {phone}")
        await open_bookmarks(app, pilot)
        await pilot.press("m")  # the top one: to call
        await pilot.pause()

        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportFileScreen)
        box = app.screen.query_one(Input)
        assert box.value.startswith("~/tui-reader-bookmarks-") and box.value.endswith(".md")
        box.value = str(tmp_path / "short.txt")  # an ending that names no format
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportFileScreen) and "Name the file .md, .csv or .json" in screen_text(app)
        target = tmp_path / "short.md"
        box.value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the export file")
        text = target.read_text(encoding="utf-8")
        assert text.startswith("| url | title |") and "| to call |" in text and phone in text
        assert len(text.strip().splitlines()) == 2 + 2  # header, rule, two bookmarks
        await wait_until(
            pilot, lambda: any("Exported 2 bookmarks to" in n.message for n in app._notifications), "the toast"
        )

        await pilot.press("M")  # contacts masked on screen: masked in the file too
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        masked_target = tmp_path / "short.json"
        app.screen.query_one(Input).value = str(masked_target)
        await pilot.press("enter")
        await wait_until(pilot, masked_target.exists, "the masked export file")
        masked = masked_target.read_text(encoding="utf-8")
        assert phone not in masked and "周末看房" in masked
