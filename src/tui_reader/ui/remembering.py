"""Writing down where the user is (``remembered.Memory``) without a write per keystroke.

Moving the cursor through a list is many changes of place and one write: a
change starts (or restarts) a short timer, and the file is written when the
timer runs out, in a thread, and once more as the app closes. A write that
fails says so once; the next change would fail the same way.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme
    from textual.timer import Timer

    from tui_reader.remembered import Memory

REMEMBER_DELAY = 2.0
"""Seconds of calm after a change of place (or theme) before it is written down."""


class MemoryWriter:
    def __init__(self, app: App[None], memory: Memory | None) -> None:
        self._app = app
        self.memory = memory
        self._timer: Timer | None = None
        self._failed = False

    def start(self) -> None:
        """Say what went wrong reading the file, and follow the theme from now on."""
        if self.memory is None:
            return
        if self.memory.warning:
            self._app.notify(self.memory.warning, markup=False, severity="warning", timeout=10)
        self._app.theme_changed_signal.subscribe(self._app, self._theme_changed)

    def later(self) -> None:
        """Write once changes have calmed down."""
        if self.memory is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(REMEMBER_DELAY, self._write)

    def now(self) -> None:
        """Write what the timer had still to write (the app is closing)."""
        if self.memory is not None:
            self.memory.save()

    def _theme_changed(self, theme: Theme) -> None:
        if self.memory is not None and self.memory.note_theme(theme.name):
            self.later()

    async def _write(self) -> None:
        if self.memory is None:
            return
        problem = await asyncio.to_thread(self.memory.save)
        if problem and not self._failed:
            self._failed = True
            self._app.notify(problem, markup=False, severity="warning", timeout=10)
