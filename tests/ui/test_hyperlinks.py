"""Links in the reader are terminal hyperlinks (OSC 8) to their canonical, http(s) targets only."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from rich.console import Console

from support.pilot import WIDE, settle
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.reader import ReaderScreen

TALL = (WIDE[0], 200)  # the whole article on one screen, its link list included


@pytest.fixture
def hostile_server() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(hostile=True), log=lambda _line: None) as server:
        yield server


def _hyperlinks(app: ReaderApp) -> dict[str, str]:
    """Text on screen → the hyperlink target it carries."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(width=app.size.width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    links: dict[str, str] = {}
    for segment in console.render(update):
        if segment.style is not None and segment.style.link:
            links[segment.text] = links.get(segment.text, "") or segment.style.link
    return links


def _reader_on(tmp_path, client, server: DemoServer) -> ReaderApp:  # type: ignore[no-untyped-def]
    return ReaderApp(client(base_url=server.base_url, db=tmp_path / "h.sqlite3"), site_title="Demo")


async def _open_first_row(app: ReaderApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Settle, then Enter on the first row of the article list (the reader pane opens it)."""
    await settle(app, pilot)
    app.screen.article_list.focus_rows()
    await pilot.press("enter")


async def test_reader_links_point_at_canonical_http_targets(tmp_path, client, hostile_server) -> None:
    app = _reader_on(tmp_path, client, hostile_server)
    async with app.run_test(size=TALL) as pilot:
        await _open_first_row(app, pilot)
        browse = app.screen
        await settle(app, pilot)
        url = browse.article_view.article.url
        reader = ReaderScreen(app.client, url)
        await app.push_screen(reader)
        await settle(app, pilot)
        article = reader.view.article
        assert article.links

        targets = set(_hyperlinks(app).values())
        assert url in targets  # the title and the source line
        assert "http://xn--fsqu00a.xn--0zwm56d/" in targets  # an IDN host, in punycode
        assert all(t.startswith(("http://", "https://")) for t in targets), targets
        refused = [link for link in article.links if not link.openable]
        assert refused and not any(link.url in targets for link in refused)
        assert not any("javascript" in t or t.startswith("file:") for t in targets)


async def test_the_first_article_is_drawn_before_its_links_are_checked(
    tmp_path, client, hostile_server, monkeypatch
) -> None:
    """The link check (it brings the HTTP stack) loads in a thread: the article is
    on screen meanwhile, and becomes hyperlinks once the check is there."""
    import threading

    from tui_reader.ui import article_actions

    release = threading.Event()
    load = article_actions.load_link_checks

    def slow_load() -> None:
        release.wait(10)
        load()

    monkeypatch.setattr(article_actions, "_link_checks_loaded", False)
    monkeypatch.setattr("tui_reader.ui.panes.article_view.load_link_checks", slow_load)
    app = _reader_on(tmp_path, client, hostile_server)
    async with app.run_test(size=TALL) as pilot:
        await _open_first_row(app, pilot)
        browse = app.screen
        for _ in range(100):
            await pilot.pause(0.02)
            if browse.article_view.shown is not None:
                break
        url = browse.article_view.article.url
        await pilot.pause()
        assert not _hyperlinks(app), "no hyperlink before the check is loaded"
        assert not article_actions.link_checks_loaded()

        release.set()
        await settle(app, pilot)
        assert article_actions.link_checks_loaded()
        assert url in set(_hyperlinks(app).values())
