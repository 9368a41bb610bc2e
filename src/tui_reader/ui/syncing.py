"""Sync from the TUI: one background run at a time, its progress in the status bar.

The sync engine (``tui_reader.client.syncer``) does the work in a worker, so the panes
stay usable meanwhile, on a client of its own paced by the ``[sync]`` settings
(``SyncOptions``; without them, on the app's client); its progress callback only
rewrites one status-bar task. At its end the watches' new matches (recorded
by the engine) are told in a toast. Cancelling cancels the worker: what was stored
stays stored, and the next sync resumes from there. A sync already running in
another process (the lock is the engine's) is one plain line, not an error.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from tui_reader.errors import ReaderError
from tui_reader.models import Category, City
from tui_reader.render import clean_line, counted
from tui_reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui_reader.client import Client, SyncProgress, SyncReport

TASK = "sync"
"""The status bar's task key for the running sync."""


class SyncOptions(NamedTuple):
    """How the TUI syncs: the config's pace, like ``tui-reader sync``."""

    make_client: Callable[[], Client]
    """A client whose fetcher keeps the ``[sync]`` concurrency and delay; closed after each run."""
    concurrency: int = 2


def progress_line(where: str, progress: SyncProgress, seconds: float) -> str:
    """ "sync 连云港 › 房产 12/40 · 3.1 pages/s · x cancels"."""
    rate = progress.done / seconds if seconds > 0 else 0.0
    return f"sync {where} {progress.done}/{progress.total} · {rate:.1f} pages/s · x cancels"


def summary_line(where: str, report: SyncReport) -> str:
    line = (
        f"sync {where}: {report.new} new, {report.updated} updated, "
        f"{report.unchanged + report.current} unchanged, {len(report.failed)} failed"
    )
    if report.retried:  # a flaky portal: the retries are why it took longer
        line += f", {report.retried} retried"
    line += f" in {report.seconds:.1f} s"
    if report.failed:  # the first reason says most of the time what went wrong
        line += f" ({report.failed[0][1]})"
    return clean_line(line)


def watches_line(new: dict[str, int]) -> str:
    """ "2 new for 'flat near work'", "5 new for 'a', 'b' and 1 more watch"; "" when nothing is new."""
    fresh = [(name, count) for name, count in new.items() if count > 0]
    if not fresh:
        return ""
    total = sum(count for _, count in fresh)
    named = ", ".join(repr(name) for name, _ in fresh[:2])
    more = len(fresh) - 2
    if more > 0:
        named += f" and {counted(more, 'more watch', 'more watches')}"
    return clean_line(f"{total} new for {named} — W shows them")


class SyncRunner:
    """Starts, reports and cancels the screen's sync; ``on_done`` is told what was synced."""

    def __init__(
        self,
        screen: Screen[Any],
        client: Client,
        on_done: Callable[[City, Category | None], None],
        options: SyncOptions | None = None,
    ) -> None:
        self.screen = screen
        self.client = client
        self.on_done = on_done
        self.options = options
        self._worker: Worker[None] | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.is_running

    @property
    def status(self) -> StatusBar:
        return self.screen.query_one(StatusBar)

    def start(self, city: City, category: Category | None) -> None:
        if self.running:
            self._say("A sync is already running here; x cancels it.", "warning")
            return
        self._worker = self.screen.run_worker(
            self._run(city, category), group="sync", exclusive=True, exit_on_error=False
        )

    def cancel(self) -> None:
        if not self.running or self._worker is None:
            self._say("No sync is running.", "information")
            return
        self._worker.cancel()

    def _say(self, message: str, severity: SeverityLevel) -> None:
        self.screen.notify(clean_line(message), severity=severity, markup=False)

    async def _run(self, city: City, category: Category | None) -> None:
        where = city.name if category is None else f"{city.name} › {category.name}"
        status = self.status
        status.show_note("")
        started = time.monotonic()

        def tell(progress: SyncProgress) -> None:
            status.begin(TASK, clean_line(progress_line(where, progress, time.monotonic() - started)))

        # The engine loads with the first sync, not with the first screen.
        from tui_reader.client import SyncBusy, sync

        status.begin(TASK, clean_line(f"sync {where}: starting…"))
        # The sync asks the portal at its own pace: no prefetching beside it.
        self.client.prefetch_around((), place=None, next_page=None)
        options = self.options
        client = options.make_client() if options is not None else self.client
        try:
            report = await sync(
                client,
                city.name,
                [category.name] if category is not None else [],
                concurrency=options.concurrency if options is not None else 2,
                on_progress=tell,
            )
        except SyncBusy as exc:
            # Another process syncs this cache: nothing is wrong, say it plainly.
            status.show_note(f"sync not started: {exc}")
            self._say(f"Sync not started: {exc}.", "warning")
            return
        except ReaderError as exc:
            status.show_error(f"sync failed: {exc}")
            self._say(f"Sync failed: {exc}", "error")
            return
        except asyncio.CancelledError:
            status.show_note(f"sync {where} cancelled; what it fetched is kept")
            raise
        finally:
            status.end(TASK)
            if client is not self.client:
                await client.aclose()
        summary = summary_line(where, report)
        status.show_note(summary)
        self._say(summary, "error" if report.failed else "information")
        self._tell_watches(report.watches)
        self.on_done(city, category)

    def _tell_watches(self, new: dict[str, int]) -> None:
        """What the sync brought to the watches: one toast, and the watches screen (if open) recounted."""
        line = watches_line(new)
        if line:
            self._say(line, "information")
        # Imported here: the watches screen loads with the first sync or W, not with the first screen.
        from tui_reader.ui.screens.watches import WatchesScreen

        for screen in self.screen.app.screen_stack:
            if isinstance(screen, WatchesScreen):
                screen.reload()
