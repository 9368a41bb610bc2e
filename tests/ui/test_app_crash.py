"""A bug in a handler ends the app without Textual's traceback on the terminal:
the app keeps the error for the command line, which writes a crash log
(tests/cli/test_debug_and_crashes.py follows it to the one line on screen)."""

from __future__ import annotations

import pytest

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen


async def test_a_bug_in_the_tui_is_kept_for_the_command_line_not_printed(
    client, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def planted(self: BrowseScreen) -> None:
        raise RuntimeError("planted fault")

    monkeypatch.setattr(BrowseScreen, "action_refresh", planted)
    app = ReaderApp(client(), site_title="Demo")
    with pytest.raises(RuntimeError, match="planted fault"):  # Pilot re-raises it
        async with app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
    assert isinstance(app.unexpected_error, RuntimeError)
    assert app.return_code == 1
    out, err = capfd.readouterr()
    assert "planted fault" not in out + err and "Traceback" not in out + err
