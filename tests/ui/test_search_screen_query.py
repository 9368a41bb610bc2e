"""The search box reads the same language as `tui-reader search` (tui_reader.query)."""

from __future__ import annotations

from support.pilot import WIDE, screen_text, settle
from tui_reader.ui.app import ReaderApp


async def test_a_half_typed_qualifier_is_a_hint_not_an_error(client) -> None:
    app = ReaderApp(client(offline=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"单车 city:")
        for _ in range(200):
            if "needs a value" in screen_text(app):
                break
            await pilot.pause(0.01)
        assert "'city:' at character 4 needs a value, like city:连云港" in screen_text(app)
        assert app.is_running and type(app.screen).__name__ == "SearchScreen"
