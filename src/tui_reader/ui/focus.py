"""Moving focus at once, in keyboard order."""

from __future__ import annotations

from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` now, not later.

    ``Widget.focus()`` queues the change behind events already waiting, so
    "/" followed at once by typed text (a paste, a fast typist, tmux
    send-keys) would send the text to the old widget. Key-driven focus moves
    go through here instead. A widget that cannot take focus (hidden, or
    covered by its loading indicator) is left as it is, as with ``focus()``.
    """
    try:
        screen = widget.screen
    except Exception:
        widget.focus()
        return
    screen.set_focus(widget)
