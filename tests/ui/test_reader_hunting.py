"""The reader for someone hunting, driven with Pilot against the real demo portal
and real SQLite files: the listing's numbers under the title, its price history,
that it is gone from the site, contacts masked for a screenshot, and the
killfile from the reader."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from textual.pilot import Pilot

from support.pilot import WIDE, screen_text, settle
from tui_reader.demo.web.server import DemoServer
from tui_reader.models.content import utcnow
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.reader import ReaderScreen

PATH = "/nanjing/fangchan/139198.html"
"""整租·幸福里 两室两厅 93㎡ 5950元/月: facts give the price and contacts, the text 两室两厅 and 4/26层."""
PHONE = "13794974422"
TALL = (90, 60)  # narrow (the full-screen reader), tall enough for the whole fields panel


def notifications(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def open_reader(app: ReaderApp, pilot: Pilot) -> ReaderScreen:
    await settle(app, pilot)
    reader = app.screen
    assert isinstance(reader, ReaderScreen) and reader.view.article is not None
    return reader


async def test_numbers_the_panel_does_not_show_are_under_the_title(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        reader = await open_reader(app, pilot)
        notes = reader.view.notes.text
        assert "2室2厅" in notes and "4/26层" in notes
        # The price and the area are the fields panel's Price and Area rows: not again here.
        assert "5950" not in notes and "93" not in notes
        assert "2室2厅 · 4/26层" in screen_text(app)


async def test_a_price_change_across_syncs_is_told(client, demo_server: DemoServer, tmp_path) -> None:
    url = demo_server.base_url + PATH
    first = ReaderApp(client(library=True), site_title="Demo", open_url=url)
    async with first.run_test(size=TALL) as pilot:
        reader = await open_reader(first, pilot)
        assert "was " not in reader.view.notes.text  # one price seen so far

    # The portal lowered the rent since: stored as a sync would, through the real store.
    store = client().store
    entry = store.get("article", url)
    entry.payload["facts"] = {**entry.payload["facts"], "价格": "5500元/月"}
    store.put("article", url, entry.payload, fetched_at=utcnow() + timedelta(seconds=1))
    store.close()

    again = ReaderApp(client(library=True, offline=True), site_title="Demo", open_url=url)
    async with again.run_test(size=TALL) as pilot:
        reader = await open_reader(again, pilot)
        assert "Price was 5,950元/月, now 5,500元/月, just now" in reader.view.notes.text
        assert "was 5,950元/月, now 5,500元/月" in screen_text(again)


async def test_refresh_of_an_article_gone_from_the_site_keeps_the_text_and_says_so(
    client, demo_server: DemoServer
) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        reader = await open_reader(app, pilot)
        title = reader.view.article.title
        assert "gone" not in reader.view.notes.text

        demo_server.options.removed = frozenset({PATH})
        await pilot.press("r")
        await settle(app, pilot)
        assert reader.view.article.title == title  # the cached copy stays on screen
        notes = reader.view.notes.text
        assert "gone from the site since " in notes and "this is the cached copy" in notes
        shown = screen_text(app)
        assert "gone from the site since" in shown and "幸福里" in shown

    # Read again later, from the cache: still marked gone.
    later = ReaderApp(client(library=True, offline=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with later.run_test(size=TALL) as pilot:
        reader = await open_reader(later, pilot)
        assert "gone from the site since " in reader.view.notes.text


async def test_masking_contacts_hides_the_phone_and_copying_it(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        reader = await open_reader(app, pilot)
        shown = screen_text(app)
        assert PHONE in shown and "137 9497 4422" in shown and "苏女士" in shown

        await pilot.press("M")
        await pilot.pause()
        masked = screen_text(app)
        assert PHONE not in masked and "9497" not in masked and "苏女士" not in masked
        assert "contacts masked" in masked  # the header and the pane's border say so
        assert "137 **** **22" in masked and "幸福里" in masked  # the rest reads as before
        assert reader.view.article.fields["phones"] == [PHONE]  # the page's own, kept
        # The fields panel keeps its rows (Phone, WeChat, Contact), their values masked.
        assert reader.view.shown.fields.keys() == reader.view.article.fields.keys()
        assert reader.view.shown.fields["phones"] == ["137******22"]
        assert "Phone    137******22" in masked

        await pilot.press("c")  # no phone copied while masked
        await pilot.pause()
        assert any(m.startswith("Contacts are masked: nothing copied") for m in notifications(app))

        await pilot.press("M")
        await pilot.pause()
        assert PHONE in screen_text(app) and "contacts masked" not in screen_text(app)


async def test_masking_from_the_palette(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        await open_reader(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Mask contacts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.mask_contacts and PHONE not in screen_text(app)


async def test_hiding_the_poster_keeps_their_listings_out_of_search(client, demo_server: DemoServer) -> None:
    url = demo_server.base_url + PATH
    app = ReaderApp(client(library=True), site_title="Demo", open_url=url)
    async with app.run_test(size=TALL) as pilot:
        await open_reader(app, pilot)
        assert url in [hit.url for hit in app.client.user.search("幸福里")]

        await pilot.press("X")
        await settle(app, pilot)
        toast = next(m for m in notifications(app) if m.startswith("Hidden: "))
        assert f"posts from phone {PHONE}" in toast
        assert f"Undo: tui-reader kill remove phone {PHONE}" in toast
        assert [(k.kind, k.value) for k in app.client.user.kills()] == [("phone", PHONE)]
        assert url not in [hit.url for hit in app.client.user.search("幸福里")]


async def test_hiding_a_poster_by_name_from_the_palette(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        await open_reader(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Hide posts from this poster")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert [(k.kind, k.value) for k in app.client.user.kills()] == [("poster", "苏女士")]
        assert any("Undo: tui-reader kill remove poster 苏女士" in m for m in notifications(app))


async def test_a_bookmark_shows_under_the_title(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo", open_url=demo_server.base_url + PATH)
    async with app.run_test(size=TALL) as pilot:
        reader = await open_reader(app, pilot)
        assert "bookmarked" not in reader.view.notes.text
        await pilot.press("b")
        await settle(app, pilot)
        assert "★ bookmarked" in reader.view.notes.text


async def test_the_reader_pane_beside_the_list_says_gone_too(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        view = browse.article_view
        article = view.article
        assert article is not None and "gone" not in view.notes.text

        demo_server.options.removed = frozenset({urlsplit(article.url).path})
        view.focus()
        await pilot.press("r")
        await settle(app, pilot)
        assert view.article.title == article.title
        assert "gone from the site since " in view.notes.text


async def test_b_in_the_pane_beside_the_list_says_bookmarked_under_the_title(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.article_list.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        view = browse.article_view
        assert view.article is not None and "bookmarked" not in view.notes.text
        view.focus()
        await pilot.press("b")
        await settle(app, pilot)
        assert "★ bookmarked" in view.notes.text
        await pilot.press("b")  # and gone again with the bookmark
        await settle(app, pilot)
        assert "bookmarked" not in view.notes.text


async def test_x_beside_the_list_takes_the_posters_rows_out_of_it(client, demo_server: DemoServer) -> None:
    app = ReaderApp(client(library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        articles = browse.article_list
        before = [listing.url for listing in articles.table.rows]
        articles.focus_rows()
        await pilot.press("enter")
        await settle(app, pilot)
        shown = browse.article_view.article
        assert shown is not None and shown.url == before[0]
        browse.article_view.focus()
        await pilot.press("X")
        await settle(app, pilot)
        for _ in range(100):
            if shown.url not in [listing.url for listing in articles.table.rows]:
                break
            await pilot.pause(0.02)
        after = [listing.url for listing in articles.table.rows]
        assert shown.url not in after and set(after) < set(before)
        # A list loaded again later still leaves it out: the killfile is the library's.
        assert shown.url in app.client.user.killed_among([(shown.url, shown.title)])
