"""The photo gallery: ``p`` on an article, ←/→ through its photos, the alt text and
the notes, Esc back to the same place in the text, ``o`` for the system viewer.

The photos are the demo portal's own drawings, vetted by the real ``vet_image``
(``support.photos``); the articles are the demo portal's, read over HTTP.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.photos import DemoPhotos, SlowPhotos
from support.pilot import NARROW, WIDE, screen_text, settle, wait_until
from tui_reader.demo.site import photo_art
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.screens.gallery import NOTHING_DRAWN, GalleryScreen


async def _open_article(app: ReaderApp, pilot, *, with_photos: bool) -> BrowseScreen:
    """The first article of the first list that has photos (or has none), in the reader pane."""
    await settle(app, pilot)
    browse = app.screen
    assert isinstance(browse, BrowseScreen)
    browse.article_list.focus_rows()
    for _ in range(12):
        await pilot.press("enter")
        await settle(app, pilot)
        article = browse.article_view.article
        if article is not None and bool(article.photos) == with_photos:
            return browse
        browse.article_list.focus_rows()
        await pilot.press("down")
    raise AssertionError("no such article in the first rows")


def _gallery(app: ReaderApp) -> GalleryScreen:
    assert isinstance(app.screen, GalleryScreen)
    return app.screen


async def _photo_drawn(app: ReaderApp, pilot) -> GalleryScreen:
    gallery = _gallery(app)
    await wait_until(pilot, lambda: bool(gallery.query(".gallery-picture")) or "Not shown" in gallery.message, "photo")
    await pilot.pause()
    return gallery


async def test_p_opens_the_gallery_and_esc_goes_back_to_the_same_place(client) -> None:
    photos = DemoPhotos()
    app = ReaderApp(client(), site_title="Demo", images="on", photo_source=photos.source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        article = browse.article_view.article
        assert article is not None
        count = len(article.photos)
        assert f"📷 {count}" in screen_text(app)  # the header says how many
        browse.article_view.focus()
        await pilot.press("j", "j", "j")
        await pilot.pause()
        scrolled = browse.article_view.scroll_y

        await pilot.press("p")
        gallery = await _photo_drawn(app, pilot)
        text = screen_text(app)
        assert f"1 / {count}" in text
        assert article.photos[0].alt[:6] in text  # the alt text under the photo
        assert gallery.shown is not None and gallery.query(".gallery-picture")

        await pilot.press("right")
        await _photo_drawn(app, pilot)
        assert f"2 / {count}" in screen_text(app)
        await pilot.press("left", "left")  # before the first: round to the last
        await _photo_drawn(app, pilot)
        assert f"{count} / {count}" in screen_text(app)
        assert photos.asked[-1] == article.photos[-1].url

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browse
        assert browse.article_view.article is article
        assert browse.article_view.scroll_y == scrolled


async def test_p_on_an_article_without_photos_says_so(client) -> None:
    app = ReaderApp(client(), site_title="Demo", photo_source=DemoPhotos().source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=False)
        article = browse.article_view.article
        assert article is not None
        # The reader's meta line (the list rows beside it may show 📷N).
        from tui_reader.render.article import meta_text

        meta = meta_text(article)
        assert meta is not None and "次查看" in meta.plain and "📷" not in meta.plain
        browse.article_view.focus()
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is browse
        assert any("has no photos" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(
    ("hostile", "sentence"),
    [
        (photo_art.bomb("PNG"), "too large"),
        (photo_art.truncated(photo_art.photo(1, ("cut",), 1, "JPEG")), "cut short"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "SVG"),
    ],
    ids=["bomb", "truncated", "svg"],
)
async def test_a_hostile_photo_shows_its_sentence(client, hostile: bytes, sentence: str) -> None:
    app = ReaderApp(client(), site_title="Demo", images="on")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        article = browse.article_view.article
        assert article is not None
        app.photo_source = DemoPhotos({article.photos[0].url: hostile}).source
        browse.article_view.focus()
        await pilot.press("p")
        gallery = await _photo_drawn(app, pilot)
        text = screen_text(app)
        assert sentence in gallery.message and sentence in text
        assert "Traceback" not in text and not gallery.query(".gallery-picture")
        await pilot.press("o")  # nothing to open: said, not crashed
        await pilot.pause()
        assert any("not loaded" in str(n.message) for n in app._notifications)
        await pilot.press("right")  # the next one is a good photo
        await _photo_drawn(app, pilot)
        assert gallery.query(".gallery-picture")


async def test_images_off_draws_no_picture_but_counts_and_names(client) -> None:
    app = ReaderApp(client(), site_title="Demo", images="off", photo_source=DemoPhotos().source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        article = browse.article_view.article
        assert article is not None
        browse.article_view.focus()
        await pilot.press("p")
        gallery = _gallery(app)
        await wait_until(pilot, lambda: gallery.shown is not None, "the photo loaded")
        await pilot.pause()
        text = screen_text(app)
        assert f"1 / {len(article.photos)}" in text and article.photos[0].alt[:6] in text
        assert gallery.message == NOTHING_DRAWN
        assert not gallery.query(".gallery-picture")
        assert "textual_image.widget" not in {type(w).__module__ for w in gallery.query("*")}


def _fake_viewer(folder: Path) -> Path:
    """An ``xdg-open`` that writes the arguments it was given, one a line, and exits."""
    record = folder / "argv.txt"
    viewer = folder / "bin" / "xdg-open"
    viewer.parent.mkdir()
    viewer.write_text(
        f'#!/bin/sh\nfor a in "$0" "$@"; do printf "%s\\n" "$a"; done > "{record}.part"\n/bin/mv "{record}.part" "{record}"\n'
    )
    viewer.chmod(0o755)
    return record


@pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="xdg-open is the Linux viewer")
async def test_o_runs_the_viewer_with_the_photo_as_its_one_argument(client, tmp_path, monkeypatch) -> None:
    record = _fake_viewer(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    app = ReaderApp(client(), site_title="Demo", images="off", photo_source=DemoPhotos().source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        browse.article_view.focus()
        await pilot.press("p")
        gallery = _gallery(app)
        await wait_until(pilot, lambda: gallery.shown is not None, "the photo loaded")
        await pilot.press("o")
        await wait_until(pilot, record.exists, "the viewer ran")
        argv = record.read_text().splitlines()
        assert len(argv) == 2 and argv[0].endswith("xdg-open")
        opened = Path(argv[1])
        assert opened.read_bytes()[:3] == b"\xff\xd8\xff"  # the vetted picture, as a JPEG

        monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
        await pilot.press("o")
        await wait_until(
            pilot, lambda: any("No photo viewer" in str(n.message) for n in app._notifications), "no viewer said"
        )


async def test_keys_answer_while_a_photo_loads_and_moving_on_cancels_it(client) -> None:
    slow = SlowPhotos()
    app = ReaderApp(client(), site_title="Demo", images="on", photo_source=slow.source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        article = browse.article_view.article
        assert article is not None and len(article.photos) > 1
        browse.article_view.focus()
        await pilot.press("p")
        gallery = _gallery(app)
        await wait_until(pilot, lambda: "loading" in gallery.message, "loading shown")
        await pilot.press("right")  # answered while the first photo is still on its way
        await wait_until(pilot, lambda: article.photos[0].url in slow.cancelled, "the first photo cancelled")
        assert f"2 / {len(article.photos)}" in screen_text(app)
        slow.release.set()
        await _photo_drawn(app, pilot)
        assert gallery.index == 1 and gallery.query(".gallery-picture")
        assert article.photos[0].url not in slow.asked  # never finished: never vetted

        slow.release.clear()
        await pilot.press("right")
        await wait_until(pilot, lambda: "loading" in gallery.message, "loading the third")
        await pilot.press("escape")  # Esc does not wait for it either
        await wait_until(pilot, lambda: article.photos[2 % len(article.photos)].url in slow.cancelled, "cancelled")
        assert app.screen is browse


async def test_the_palette_and_the_full_screen_reader_open_the_gallery_too(client) -> None:
    from textual.command import CommandList, CommandPalette

    app = ReaderApp(client(), site_title="Demo", images="on", photo_source=DemoPhotos().source)
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        await pilot.press("ctrl+p", *"photos")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, CommandPalette) and app.screen.query_one(CommandList).option_count > 0,
            "the palette's hits",
        )
        await pilot.press("enter")
        await _photo_drawn(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browse

    article = browse.article_view.article
    assert article is not None
    narrow = ReaderApp(client(), site_title="Demo", images="on", photo_source=DemoPhotos().source, open_url=article.url)
    async with narrow.run_test(size=NARROW) as pilot:
        await settle(narrow, pilot)
        await pilot.press("p")
        gallery = await _photo_drawn(narrow, pilot)
        assert gallery.query(".gallery-picture")
        assert f"1 / {len(article.photos)}" in screen_text(narrow)


async def test_the_gallery_fetches_through_the_client_and_finds_the_photo_again_offline(client) -> None:
    """No injected source: the app's own client fetches the photo from the demo portal,
    vets it and keeps it; offline, the same photo comes from the photo cache, and a
    photo never looked at says it is not cached."""
    app = ReaderApp(client(), site_title="Demo", images="on")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_article(app, pilot, with_photos=True)
        article = browse.article_view.article
        assert article is not None and len(article.photos) >= 2
        browse.article_view.focus()
        await pilot.press("p")
        gallery = await _photo_drawn(app, pilot)
        assert gallery.message == "" and gallery.query(".gallery-picture")
        assert f"1 / {len(article.photos)}" in screen_text(app)

    offline = ReaderApp(client(offline=True), site_title="Demo", images="on")
    async with offline.run_test(size=WIDE) as pilot:
        browse = await _open_article(offline, pilot, with_photos=True)
        assert browse.article_view.article is not None
        assert browse.article_view.article.url == article.url
        browse.article_view.focus()
        await pilot.press("p")
        gallery = await _photo_drawn(offline, pilot)
        assert gallery.message == "" and gallery.query(".gallery-picture")  # from the photo cache
        await pilot.press("right")  # the second photo was never looked at
        await wait_until(pilot, lambda: "not cached" in gallery.message, "the offline sentence")
        assert "This photo is not cached, and the reader is offline." in screen_text(offline)
