"""The key footer keeps no removed key widgets alive, however often the focus moves."""

from __future__ import annotations

from textual.widgets import Footer

from support.pilot import WIDE, settle
from tui_reader.ui.app import ReaderApp


def _watchers(footer: Footer) -> int:
    # Textual keeps a watched node's watchers in its "__watchers" attribute.
    return sum(len(pairs) for pairs in getattr(footer, "__watchers", {}).values())


async def test_focus_moves_do_not_pile_up_key_widgets_in_the_footer(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(Footer)
        browse = app.screen
        for _ in range(15):  # list, reader, list…: the keys in effect change every time
            browse.article_view.focus()
            await pilot.pause()
            browse.article_list.focus_rows()
            await pilot.pause()
        await pilot.pause()
        shown = len(footer.query("FooterKey"))
        assert shown > 0
        assert _watchers(footer) <= shown
