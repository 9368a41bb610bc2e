"""The one way a pane waits for the client: spinner on, status line, errors as sentences.

Every worker in the screens goes through ``load_into`` so that loading, the
freshness line and failures look the same in every pane, and so that a
failure never replaces what the pane already shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.widget import Widget

from tui_reader.errors import ReaderError
from tui_reader.models import Sourced
from tui_reader.ui.widgets.status_bar import StatusBar

T = TypeVar("T")

SPINNER_DELAY = 0.25
"""Seconds a load may take before its pane shows the spinner.

A cache hit answers in a few milliseconds; flashing a spinner over the pane
for that would only cost a restyle (and at start-up, the first paint). The
status line says "loading…" at once either way.
"""


async def load_into(
    *,
    pane: Widget,
    status: StatusBar,
    task: str,
    label: str,
    call: Callable[[], Awaitable[Sourced[T]]],
    describe: Callable[[T], str] = lambda _value: "",
    spinner: bool = True,
) -> Sourced[T] | None:
    """Await ``call()``; report progress and the outcome on ``pane`` and ``status``.

    Returns the result, or None after showing the error (the pane keeps its
    current content). ``spinner=False`` is for background loads such as the
    next page of a list, where covering the rows would get in the way.
    """
    status.begin(task, label)
    # Only a load that really waits (the network) gets the spinner.
    timer = pane.set_timer(SPINNER_DELAY, lambda: setattr(pane, "loading", True)) if spinner else None
    try:
        result = await call()
    except ReaderError as exc:
        _fail(pane, status, str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - a bug must not kill the reader
        # Not a ReaderError means a bug somewhere below; say so plainly and
        # keep it in the Textual log for whoever debugs it.
        pane.log.error(f"unexpected error while {label}: {exc!r}")
        _fail(pane, status, f"unexpected error ({type(exc).__name__}); the rest still works")
        return None
    finally:
        status.end(task)
        if timer is not None:
            timer.stop()
            pane.loading = False
    status.show_source(result, describe(result.value))
    show_error: Any = getattr(pane, "show_error", None)
    if show_error is not None:
        show_error(None)
    return result


def _fail(pane: Widget, status: StatusBar, message: str) -> None:
    status.show_error(message)
    show_error: Any = getattr(pane, "show_error", None)
    if show_error is not None:
        show_error(message)
