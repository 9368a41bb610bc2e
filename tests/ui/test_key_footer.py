"""The key footer: one widget that shows the keys of the focused pane, presses them when clicked,
and leaves out whole the entries a narrow terminal has no room for."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot

from support.pilot import WIDE, settle, wait_until
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.widgets.key_footer import KeyFooter


def footer_line(app: App) -> str:
    """The footer as drawn: the last line of the screen's own render."""
    return str(app.screen.query_one(KeyFooter).render())


def entries_part(line: str) -> str:
    """The keys left of the command palette's key."""
    return line.split("▏")[0].rstrip()


async def _browse(pilot: Pilot, app: ReaderApp) -> None:
    await settle(app, pilot)
    app.screen.article_list.focus_rows()
    await pilot.pause()


async def test_the_footer_shows_the_keys_of_the_focused_pane(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await _browse(pilot, app)
        await wait_until(pilot, lambda: "⏎ Open " in footer_line(app), "the list's keys in the footer")
        assert "esc Back " in footer_line(app) and "? Help " in footer_line(app)

        app.screen.article_view.focus()  # the reader pane opens nothing: no Enter
        await wait_until(pilot, lambda: "⏎ Open " not in footer_line(app), "the reader pane's keys in the footer")
        assert "c Copy phone " in footer_line(app) and "esc Back " in footer_line(app)

        await pilot.press("slash")  # the filter box has its own Escape
        await wait_until(pilot, lambda: "esc Leave filter " in footer_line(app), "the filter's keys in the footer")
        assert "esc Back " not in footer_line(app)
        assert footer_line(app).rstrip().endswith("▏^p palette")


async def test_the_footer_has_no_child_widgets_however_often_the_focus_moves(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await _browse(pilot, app)
        footer = app.screen.query_one(KeyFooter)
        for _ in range(15):  # list, reader, list…: the keys in effect change every time
            app.screen.article_view.focus()
            await pilot.pause()
            app.screen.article_list.focus_rows()
            await pilot.pause()
        await wait_until(pilot, lambda: "⏎ Open " in footer_line(app), "the list's keys in the footer")
        assert list(footer.children) == []
        assert len(app.screen.query(KeyFooter)) == 1


async def test_clicking_a_key_in_the_footer_presses_it(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await _browse(pilot, app)
        footer = app.screen.query_one(KeyFooter)
        await wait_until(pilot, lambda: "? Help " in footer_line(app), "the help key in the footer")
        (help_span,) = [span for span in footer.spans if span.entry.description == "Help"]
        # The drawn line agrees with the recorded span: the "?" sits one cell in.
        assert footer_line(app)[help_span.start : help_span.end] == " ? Help "
        await pilot.click(KeyFooter, offset=(help_span.start + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen opened by a click")


async def test_a_narrow_terminal_leaves_entries_out_whole(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await _browse(pilot, app)
        await wait_until(pilot, lambda: "⏎ Open " in footer_line(app), "the list's keys in the footer")
        wide = entries_part(footer_line(app))
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: app.screen.query_one(KeyFooter).size.width == 60, "the narrow footer")
        await pilot.pause()
        narrow_line = footer_line(app)
        narrow = entries_part(narrow_line)
        assert len(narrow_line) == 60
        assert narrow_line.endswith("▏^p palette ")  # the palette key stays
        assert 0 < len(narrow) < len(wide)
        # What is shown is the wide footer's beginning, cut between two entries
        # (an entry ends "description " and the next starts " key").
        assert wide.startswith(narrow)
        assert wide[len(narrow) : len(narrow) + 2] == "  "


class _WideCharactersApp(App[None]):
    """A footer whose descriptions are two cells per character."""

    BINDINGS = [
        Binding("a", "note('搜索')", "搜索"),
        Binding("b", "note('收藏夹')", "收藏夹"),
        Binding("c", "note('帮助')", "帮助"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def action_note(self, what: str) -> None:
        self.notes.append(what)


async def test_a_click_finds_its_entry_past_wide_characters() -> None:
    app = _WideCharactersApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await wait_until(pilot, lambda: " c 帮助 " in footer_line(app), "the keys in the footer")
        # " a 搜索 " is 8 cells but 6 characters, " b 收藏夹 " 10 and 7: the third starts at cell 18.
        footer = app.screen.query_one(KeyFooter)
        assert [(span.start, span.entry.description) for span in footer.spans[:3]] == [
            (0, "搜索"),
            (8, "收藏夹"),
            (18, "帮助"),
        ]
        await pilot.click(KeyFooter, offset=(19, 0))  # its "c"
        await wait_until(pilot, lambda: app.notes == ["帮助"], "the third key pressed by a click")
