"""Driving the real app with Pilot: the one way to wait for it, and reading its screen."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.widgets.status_bar import StatusBar

WIDE = (160, 50)
NARROW = (80, 24)


async def settle(app: App, pilot: Pilot) -> None:
    """Wait until no worker runs: loads cascade (cities → categories → articles),
    each started by the one before, so one wait is not enough."""
    for _ in range(20):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            break
    else:
        raise AssertionError("workers never settled")
    # The article panes are mounted once the cities are painted (or 0.25 s):
    # a fast run can get here first, and keys would go to the wrong pane.
    for _ in range(40):
        screen = app.screen
        if not hasattr(screen, "all_panes_shown") or (screen.all_panes_shown and screen.article_view.is_mounted):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the article panes never showed")
    # Mounted is not yet laid out: one more refresh, so a click lands on the
    # region the pane really has (on a loaded machine it can lag a frame).
    await pilot.pause()
    # A blinking cursor would make a screenshot depend on timing.
    for field in app.screen.query(Input):
        field.cursor_blink = False


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (the same render the screenshots use)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def status_text(app: App) -> str:
    return app.screen.query_one(StatusBar).text


async def choose_city(pilot: Pilot, app: ReaderApp, slug: str) -> None:
    await pilot.press("slash", *slug, "enter")  # Enter in the filter opens the first match
    await settle(app, pilot)


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str, tries: int = 500) -> None:
    """Let the app run until ``condition`` holds (a bounded number of turns, no clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")
