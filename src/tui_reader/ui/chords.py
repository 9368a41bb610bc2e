"""Key sequences ("g g": g pressed twice) for bindings, which Textual lacks.

A binding whose key holds a space is a sequence of keys. Textual never
matches such a key itself, so the focused widget does: ``ChordKeys`` looks at
the bindings in effect (after the user's keymap, so ``[keymap]`` moves a
sequence like any key), holds back a key that starts a sequence, and runs the
binding's action when the sequence is completed within ``CHORD_SECONDS``.
Any other key drops what was held and goes on as usual.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.keys import format_key

from tui_reader.ui.keys import normal_key

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    # Not a Widget subclass at run time: Textual would fix can_focus on the
    # mixin itself, and the widget it is mixed into would lose its own.
    _Base = object

CHORD_SECONDS = 1.0
"""How long a started sequence waits for its next key."""


class ChordKeys(_Base):
    """Mixin for a focusable widget: put it first among the bases."""

    _chord_held: tuple[str, ...] = ()
    _chord_started = 0.0

    async def _on_key(self, event: events.Key) -> None:
        # Called before Widget._on_key (Textual calls each class's handler in
        # MRO order); prevent_default skips Textual's handling of a held key,
        # stop keeps it from reaching the screen's and the app's bindings.
        if await self._take_key(event.key):
            event.prevent_default()
            event.stop()

    async def _take_key(self, key: str) -> bool:
        """True when ``key`` was taken as (part of) a sequence."""
        now = time.monotonic()
        held = self._chord_held if now - self._chord_started <= CHORD_SECONDS else ()
        self._chord_held = ()
        sequences = self._sequences()
        for typed in ((*held, key), (key,)) if held else ((key,),):
            done = sequences.get(typed)
            if done is not None:
                if done.enabled:
                    await self.app.run_action(done.binding.action, done.node)
                return True
            if any(keys[: len(typed)] == typed for keys in sequences):
                self._chord_held, self._chord_started = typed, now
                return True
        return False  # "g j": the j moves down on its own

    def _sequences(self) -> dict[tuple[str, ...], ActiveBinding]:
        return {
            tuple(normal_key(key).split()): active
            for key, active in self.screen.active_bindings.items()
            if " " in key.strip()
        }


def key_display(binding: Binding) -> str | None:
    """How a sequence is shown ("g g"), or None for a single key (Textual shows those)."""
    if binding.key_display or " " not in binding.key.strip():
        return None
    return " ".join(format_key(part) for part in binding.key.split())
