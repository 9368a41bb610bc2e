"""The one way a pane waits for the client: spinner on, status line, errors as sentences.

Every worker in the screens goes through ``load_into`` so that loading, the
freshness line and failures look the same in every pane, and so that a
failure never replaces what the pane already shows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.widget import Widget

from tui_reader.errors import ReaderError
from tui_reader.models import Sourced
from tui_reader.ui.freshness import show_freshness
from tui_reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui_reader.client import Client

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
    quiet: bool = False,
) -> Sourced[T] | None:
    """Await ``call()``; report progress and the outcome on ``pane`` and ``status``.

    Returns the result, or None after showing the error (the pane keeps its
    current content). ``spinner=False`` is for background loads such as the
    next page of a list, where covering the rows would get in the way;
    ``quiet`` keeps such a load off the status line unless it fails (the rows
    appearing say enough, and a status line repainted with every page makes
    Textual repaint everything between it and the list).
    """
    if not quiet:
        status.begin(task, label)
    # Only a load that really waits (the network) gets the spinner.
    waiting = True

    def spin() -> None:
        # Textual's Timer.stop() does not stop a tick already under way: a
        # timer that ran out just as the load ended could still switch the
        # spinner on afterwards, over a finished pane, for good.
        if waiting:
            pane.loading = True

    timer = pane.set_timer(SPINNER_DELAY, spin) if spinner else None
    try:
        result = await call()
    except ReaderError as exc:
        _fail(pane, status, str(exc))
        return None
    except Exception as exc:
        # Not a ReaderError means a bug somewhere below; say so plainly and
        # keep it in the Textual log for whoever debugs it.
        pane.log.error(f"unexpected error while {label}: {exc!r}")
        _fail(pane, status, f"unexpected error ({type(exc).__name__}); the rest still works")
        return None
    finally:
        waiting = False
        if not quiet:
            status.end(task)
        if timer is not None:
            timer.stop()
            pane.loading = False
    if not quiet:
        _succeed(pane, status, result, describe)
    return result


async def load_fresh(
    *,
    client: Client,
    kind: str,
    pane: Widget,
    status: StatusBar,
    task: str,
    label: str,
    call: Callable[[bool, bool], Awaitable[Sourced[T]]],
    show: Callable[[Sourced[T]], None],
    describe: Callable[[T], str] = lambda _value: "",
    refresh: bool = False,
) -> Sourced[T] | None:
    """What is cached, at once; then, when it is out of date, the portal's
    version in the background, shown in place (``show`` keeps the cursor).

    ``call(refresh, cache_only)`` is the client call; ``kind`` names its TTL
    ("cities", "categories", "listings", "article"). ``refresh`` skips the
    cache (the ``r`` key). Returns the last value shown, or None on failure.
    """
    cached: Sourced[T] | None = None
    if not refresh and not client.offline:  # offline, the plain call is the cache
        try:
            cached = await call(False, True)
        except ReaderError:
            cached = None  # not cached (or unreadable): the portal it is
    if cached is not None:
        show(cached)
        if client.is_fresh(kind, cached):
            _succeed(pane, status, cached, describe)
            return cached
        show_freshness(pane, cached, refreshing=True)
    elif not client.offline:
        # To the portal with nothing to show meanwhile: the loading state is painted
        # first. The first request of a run imports the HTTP stack in a thread,
        # which would hold the interpreter while the first screen is being drawn.
        status.begin(task, label)
        await _painted(pane)
    # With old rows on screen a spinner would only hide them.
    result = await load_into(
        pane=pane,
        status=status,
        task=task,
        label=label,
        call=lambda: call(refresh, False),
        describe=describe,
        spinner=cached is None,
    )
    if result is None:
        if cached is not None:
            show_freshness(pane, cached)
        return cached
    show(result)
    return result


async def _painted(pane: Widget) -> None:
    """Return once the screen has been refreshed with what ``pane`` shows now."""
    painted = asyncio.Event()
    pane.call_after_refresh(painted.set)
    await painted.wait()


def _succeed(pane: Widget, status: StatusBar, result: Sourced[T], describe: Callable[[T], str]) -> None:
    status.show_source(result, describe(result.value))
    show_freshness(pane, result)
    show_error: Any = getattr(pane, "show_error", None)
    if show_error is not None:
        show_error(None)


def _fail(pane: Widget, status: StatusBar, message: str) -> None:
    status.show_error(message)
    show_error: Any = getattr(pane, "show_error", None)
    if show_error is not None:
        show_error(message)
