"""The footer of keys: Textual's ``Footer``, without the leak it has on every focus change.

Textual's footer builds its key widgets anew whenever the keys in effect
change, which is every focus change, and each new key binds the footer's
``compact`` value (``data_bind``), which adds a watcher to the footer. Textual
drops the watchers of removed widgets only when the watched value changes, and
``compact`` never does: every key widget the footer ever showed stayed alive,
with its styles and render caches. A few minutes of reading kept thousands,
and the garbage collector's full passes over them grew to a third of a second
each, landing on key presses and article opens. After each rebuild the
watchers of keys no longer shown are dropped here.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        drop_closed_watchers(self)


def drop_closed_watchers(footer: Footer) -> None:
    """Forget the watchers of removed widgets (Textual keeps them in the watched node's ``__watchers``)."""
    watchers: dict[str, list[tuple[object, object]]] = getattr(footer, "__watchers", {})
    for pairs in watchers.values():
        pairs[:] = [(node, callback) for node, callback in pairs if not getattr(node, "_closing", False)]
