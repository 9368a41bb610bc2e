"""The spinner of a pane ends with its load, even when its timer ticks late.

Textual's ``Timer.stop()`` does not stop a tick already under way: seen in
the full suite as a timer that ran out as the load ended and switched the
spinner on over a finished pane, for good. The test plays that late tick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui_reader.models import Sourced
from tui_reader.ui.loading import load_into
from tui_reader.ui.widgets.status_bar import StatusBar


class _Pane(Static):
    """A pane whose spinner timer is kept for the test to fire by hand."""

    def __init__(self) -> None:
        super().__init__("rows")
        self.ticks: list[Callable[[], Any]] = []

    def set_timer(self, delay: float, callback: Any = None, **kwargs: Any) -> Any:
        self.ticks.append(callback)
        return super().set_timer(3600, lambda: None)


class _Screen(App[None]):
    def compose(self) -> ComposeResult:
        yield _Pane()
        yield StatusBar()


async def test_a_late_tick_does_not_switch_the_spinner_on_after_the_load() -> None:
    app = _Screen()
    async with app.run_test() as pilot:
        pane, status = app.query_one(_Pane), app.query_one(StatusBar)

        async def call() -> Sourced[str]:
            return Sourced("done", "network", datetime.now(UTC))

        result = await load_into(pane=pane, status=status, task="rows", label="loading…", call=call)
        assert result is not None and pane.ticks  # the load asked for a spinner timer
        pane.ticks[0]()  # the tick Textual lets through after stop()
        await pilot.pause()
        assert pane.loading is False
