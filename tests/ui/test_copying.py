"""Copying: a clipboard tool when there is one, OSC 52 when the terminal takes it,
else the text shown to copy by hand; the toast says which."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from support.clipboard import fake_tool, no_clipboard
from support.pilot import WIDE, settle
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.clipboard import clipboard_tools, terminal_takes_osc52
from tui_reader.ui.dialogs.copying import CopyChoiceScreen, CopyTextScreen
from tui_reader.ui.screens.browse import BrowseScreen


async def _open_first_article(app: ReaderApp, pilot) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    browse = app.screen
    assert isinstance(browse, BrowseScreen)
    browse.article_list.focus_rows()
    await pilot.press("enter")
    await settle(app, pilot)
    assert browse.article_view.article is not None
    return browse


def _toasts(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_y_hands_the_url_to_the_clipboard_tool(client, tmp_path: Path, monkeypatch) -> None:
    received = fake_tool(tmp_path, monkeypatch, "xclip")
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        url = browse.article_view.article.url
        assert received.read_text() == url
        assert Path(f"{received}.args").read_text().split() == ["-selection", "clipboard"]
        assert "Copied the URL to the clipboard (xclip)" in _toasts(app)
        assert app.clipboard == ""  # no escape sequence sent as well


async def test_c_copies_the_phone_with_wl_copy(client, tmp_path: Path, monkeypatch) -> None:
    received = fake_tool(tmp_path, monkeypatch, "wl-copy")
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        phone = browse.article_view.article.fields["phones"][0]
        assert received.read_text() == phone
        assert f"Copied phone {phone} to the clipboard (wl-copy)" in _toasts(app)


async def test_the_chooser_copies_a_fact_or_the_whole_article(client, tmp_path: Path, monkeypatch) -> None:
    received = fake_tool(tmp_path, monkeypatch, "xclip")
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        article = browse.article_view.article
        await pilot.press("C")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, CopyChoiceScreen)
        labels = [label for label, _text in chooser.entries]
        assert labels[0] == "Phone" and "Address" in labels and "URL" in labels
        assert labels[-1] == "Whole article (text)"

        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert app.screen is browse
        whole = received.read_text()
        assert article.title in whole and article.body[0][:20] in whole and article.url in whole
        assert "Copied whole article (text) to the clipboard (xclip)" in _toasts(app)

        await pilot.press("C")
        await pilot.pause()
        address = dict(app.screen.entries)["Address"]
        app.screen.query_one(OptionList).highlighted = labels.index("Address")
        await pilot.press("enter")
        await settle(app, pilot)
        assert received.read_text() == address


async def test_without_a_clipboard_the_text_is_shown_to_copy_by_hand(client, monkeypatch) -> None:
    no_clipboard(monkeypatch)
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CopyTextScreen)
        area = dialog.query_one(TextArea)
        assert area.text == browse.article_view.article.url
        assert area.selected_text == area.text
        assert app.clipboard == ""
        assert not any("Copied" in toast or "Sent" in toast for toast in _toasts(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browse


async def test_a_failing_tool_is_not_called_a_copy(client, tmp_path: Path, monkeypatch) -> None:
    fake_tool(tmp_path, monkeypatch, "xclip", status=1)
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await _open_first_article(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, CopyTextScreen)
        assert not any("Copied" in toast for toast in _toasts(app))


async def test_a_terminal_that_takes_osc52_gets_it(client, monkeypatch) -> None:
    no_clipboard(monkeypatch, term="xterm-kitty")
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        browse = await _open_first_article(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == browse.article_view.article.url
        assert "Sent the URL to the terminal's clipboard (OSC 52)" in _toasts(app)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM": "foot"}, True),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True),
        ({"TERM": "xterm-256color", "WT_SESSION": "1"}, True),
        # tmux decides; with no tmux to ask, no.
        ({"TERM": "tmux-256color", "TMUX": "/tmp/x,1,0", "TERM_PROGRAM": "iTerm.app", "PATH": "/nonexistent"}, False),
    ],
)
def test_which_terminals_take_osc52(env: dict[str, str], expected: bool) -> None:
    assert terminal_takes_osc52(env) is expected


def test_tools_follow_the_session(tmp_path: Path, monkeypatch) -> None:
    for name in ("wl-copy", "xclip", "xsel", "pbcopy"):
        fake_tool(tmp_path, monkeypatch, name)
    path = str(tmp_path / "bin")
    names = lambda env, platform="linux": [c[0].rsplit("/", 1)[1] for c in clipboard_tools(env, platform)]  # noqa: E731
    assert names({"PATH": path}) == []
    assert names({"PATH": path, "DISPLAY": ":0"}) == ["xclip", "xsel"]
    assert names({"PATH": path, "WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}) == ["wl-copy", "xclip", "xsel"]
    assert names({"PATH": path}, "darwin") == ["pbcopy"]
