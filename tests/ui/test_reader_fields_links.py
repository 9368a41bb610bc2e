"""The reader's fields panel, copy-phone key and link opening: the real app on the real demo portal.

The browser is the one thing faked: ``webbrowser.open`` is the boundary where
the URL leaves the program, so a test records what would have been opened.
"""

from __future__ import annotations

import io
import webbrowser
from collections.abc import Iterator

import pytest
from rich.console import Console
from textual.widgets import Input

from support.clipboard import fake_tool
from support.pilot import WIDE, screen_text, settle
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.dialogs.open_link import ConfirmOpenScreen, LinkNumberScreen
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.widgets.fields_panel import FieldsPanel


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL handed to the browser, in order; nothing really opens."""
    calls: list[str] = []

    def record(url: str, *args: object, **kwargs: object) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    return calls


@pytest.fixture
def hostile_server() -> Iterator[DemoServer]:
    """The demo portal with poisoned text and links to javascript:, file:, IDN hosts…"""
    with DemoServer(port=0, options=DemoOptions(hostile=True), log=lambda _line: None) as server:
        yield server


async def _open_first_article(app: ReaderApp, pilot) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    browse = app.screen
    assert isinstance(browse, BrowseScreen)
    browse.article_list.focus_rows()
    await pilot.press("enter")
    await settle(app, pilot)
    assert browse.article_view.article is not None
    return browse


async def test_fields_panel_shows_the_ads_fields_and_c_copies_the_phone(client, tmp_path, monkeypatch) -> None:
    received = fake_tool(tmp_path, monkeypatch, "xclip")
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        article = browse.article_view.article
        phone = article.fields["phones"][0]
        panel = browse.article_view.query_one(FieldsPanel)
        assert panel.display and not panel.has_class("-empty")
        shown = screen_text(app)
        assert "Fields" in shown and "Phone" in shown and phone in shown
        assert article.fields["prices"][0] in shown
        # The contact block's name and address are in the panel too.
        assert "Contact" in shown and dict(article.contact)["联系人"] in shown

        await pilot.press("c")
        await settle(app, pilot)
        assert received.read_text() == phone
        assert any(f"Copied phone {phone}" in str(n.message) for n in app._notifications)


async def test_field_values_are_highlighted_in_the_body(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        price = browse.article_view.article.fields["prices"][0]
        # On screen, the body's price has the panel's price style (bold), the text around it not.
        update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        console = Console(width=WIDE[0], file=io.StringIO(), force_terminal=True, color_system="truecolor")
        segments = list(console.render(update))
        hits = [seg for seg in segments if price in seg.text and seg.style is not None and seg.style.bold]
        assert len(hits) >= 2, f"{price} is not highlighted in both the panel and the body"


async def test_the_first_article_is_drawn_before_its_fields_and_gets_them_when_they_load(client, monkeypatch) -> None:
    """What reads an article's numbers and contacts loads in a thread: the first
    article's text is on screen meanwhile, then its fields panel and highlights come."""
    import threading

    from tui_reader.ui.panes import article_view

    release = threading.Event()
    load = article_view._load_field_readers

    def slow_load(article):  # type: ignore[no-untyped-def]
        release.wait(10)
        load(article)

    monkeypatch.setattr(article_view, "_field_readers_loaded", False)
    monkeypatch.setattr(article_view, "_load_field_readers", slow_load)
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        browse.article_list.focus_rows()
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if browse.article_view.shown is not None:
                break
        article = browse.article_view.article
        assert article is not None
        await pilot.pause()
        panel = browse.article_view.query_one(FieldsPanel)
        assert article.title in screen_text(app)
        assert panel.has_class("-empty"), "no fields before their readers load"

        release.set()
        await settle(app, pilot)
        assert not panel.has_class("-empty")
        assert article.fields["phones"][0] in screen_text(app)


async def test_copy_phone_without_an_article_says_so(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("Open an article first." in str(n.message) for n in app._notifications)


async def _hostile_reader(app: ReaderApp, pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    browse = await _open_first_article(app, pilot)
    reader = ReaderScreen(app.client, browse.article_view.article.url)
    await app.push_screen(reader)
    await settle(app, pilot)
    assert reader.view.article is not None and reader.view.article.links
    return reader


def _link_number(article, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(n for n, link in enumerate(article.links, start=1) if link.text == text)


async def test_link_n_shows_the_punycode_target_and_opens_only_on_yes(tmp_path, client, hostile_server, opened) -> None:
    app = ReaderApp(client(base_url=hostile_server.base_url, db=tmp_path / "h.sqlite3"), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        reader = await _hostile_reader(app, pilot)
        number = _link_number(reader.view.article, "国际化域名")  # http://例子.测试/
        assert f"国际化域名[{number}]" in screen_text(app).replace("\n", "")

        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, LinkNumberScreen)
        await pilot.press(*str(number), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpenScreen)
        shown = screen_text(app)
        assert "http://xn--fsqu00a.xn--0zwm56d/" in shown
        assert "例子.测试" not in shown.split("Open in your browser?")[1]
        assert opened == []  # nothing before the yes

        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["http://xn--fsqu00a.xn--0zwm56d/"]
        assert app.screen is reader


async def test_cancelling_the_confirmation_opens_nothing(tmp_path, client, hostile_server, opened) -> None:
    app = ReaderApp(client(base_url=hostile_server.base_url, db=tmp_path / "h.sqlite3"), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        reader = await _hostile_reader(app, pilot)
        number = _link_number(reader.view.article, "账号伪装")  # http://www.example.com@evil.example/
        await pilot.press("f", *str(number), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpenScreen)
        assert app.screen.host == "evil.example"  # the real host, not the disguise
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader
        assert opened == []
        # Esc in the number prompt cancels too.
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader and opened == []


@pytest.mark.parametrize("text", ["脚本链接", "本地文件", "数据链接", "转义链接"])
async def test_dangerous_links_are_refused_with_one_line(tmp_path, client, hostile_server, opened, text) -> None:
    app = ReaderApp(client(base_url=hostile_server.base_url, db=tmp_path / "h.sqlite3"), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        reader = await _hostile_reader(app, pilot)
        number = _link_number(reader.view.article, text)
        await pilot.press("f", *str(number), "enter")
        await pilot.pause()
        assert app.screen is reader  # no confirmation: there is nothing to confirm
        assert opened == []
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Not opened:") and "\n" not in m for m in messages), messages


async def test_a_number_past_the_last_link_says_so(tmp_path, client, hostile_server, opened) -> None:
    app = ReaderApp(client(base_url=hostile_server.base_url, db=tmp_path / "h.sqlite3"), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        reader = await _hostile_reader(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen.query_one(Input), Input)
        await pilot.press("9", "9", "9", "enter")
        await pilot.pause()
        assert app.screen is reader and opened == []
        assert any("No link 999" in str(n.message) for n in app._notifications)


async def test_o_opens_the_article_after_the_same_confirmation(client, opened) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        url = browse.article_view.article.url
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpenScreen)
        assert app.screen.url == url and url in screen_text(app)
        assert opened == []
        await pilot.press("y")
        await pilot.pause()
        assert opened == [url]
