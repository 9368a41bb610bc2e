"""A 10,000-article category: time to first rows, key latency to the end, peak RSS.

The demo portal runs in its own process (``tui-reader demo-server --articles
10000``), so its memory is not counted; every run starts the real app with the
real client on an empty cache (a fresh ``TUI_READER_HOME``) in a process of its
own, headless at 160x50 (``App.run_test``), and measures:

- first rows: from sending Enter on a category not opened before until the
  first frame that shows its rows (network fetch, parse, cache write, table
  fill and the compositor's render of the frame);
- key latency: for every key sent while scrolling to the last article, the
  time from handing the key to the driver until the first frame in which the
  cursor has moved (the key went through the bindings, the table moved, the
  screen was composed). Headless, so writing the frame to a terminal is not
  included. Keys follow ``--pattern`` (default: a page down, then five j's,
  and G every tenth round), sent one after another as fast as the app takes
  them. A key is only sent when the cursor can move; when it sits on the last
  loaded row while the next page is on its way, the wait is counted as a
  stall (not as key latency) — the list pages in as you scroll, so reaching
  row 10,000 needs all 500 pages;
- peak RSS of the app's process (``ru_maxrss``).

    .venv/bin/python benchmarks/big_category.py [--runs 3] [--articles 10000]

Targets: first rows <= 300 ms, key p95 <= 50 ms, peak RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _terminal import percentile

TARGETS = {"first_rows_ms": 300.0, "key_p95_ms": 50.0, "peak_rss_mb": 150.0}
DEFAULT_PATTERN = ",".join(["pagedown", "j", "j", "j", "j", "j"] * 9 + ["G", "j", "j", "j", "j", "j"])
SIZE = (160, 50)


# -- one run: the app in this process --------------------------------------------------


class FrameClock:
    """Resolves waiters at the first frame the app composes in which their condition holds.

    Wraps the app's ``_display`` (called once per composed frame, also
    headless) to take the time; it changes nothing the app does.
    """

    def __init__(self, app: Any) -> None:
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        self.frames = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            self.frames += 1
            now = time.perf_counter()
            for waiter in list(self._waiters):
                condition, future = waiter
                if future.done():
                    self._waiters.remove(waiter)
                elif condition():
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = display

    def first_frame_where(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append((condition, future))
        return future


def send_key(app: Any, key: str) -> None:
    """Hand a key to the driver, as the terminal's input thread does."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


async def settle(app: Any, pilot: Any) -> None:
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
    raise RuntimeError("the app's loads never settled")


async def one_run(base_url: str, articles: int, pattern: list[str], time_limit: float) -> dict[str, Any]:
    from tui_reader.cli.session import RunOptions, open_session
    from tui_reader.ui.app import ReaderApp

    session = open_session(RunOptions(base_url=base_url))
    app = ReaderApp(session.make_client(), site_title=session.site_title)
    clock = FrameClock(app)
    result: dict[str, Any] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)  # cities → first city → its first category
            browse = app.screen
            table = browse.article_list.table
            await pilot.press("tab", "down")  # the category pane, on its second entry
            second = browse.category_list.items[1]
            result["rss_before_mb"] = _peak_rss_mb()

            started = time.perf_counter()
            shown = clock.first_frame_where(lambda: browse.category == second and table.row_count > 0)
            send_key(app, "enter")
            result["first_rows_ms"] = (await asyncio.wait_for(shown, 30) - started) * 1000
            await pilot.pause()
            if app.focused is not table:
                raise RuntimeError("Enter on a category did not move the focus to its articles")

            latencies: list[float] = []
            by_key: dict[str, list[float]] = {}
            stalls: list[float] = []
            deadline = time.perf_counter() + time_limit
            scroll_started = time.perf_counter()
            step = 0
            while not (table.row_count == articles and table.cursor_row == articles - 1):
                if time.perf_counter() > deadline:
                    raise RuntimeError(
                        f"row {articles} not reached within {time_limit:.0f} s "
                        f"(at row {table.cursor_row + 1} of {table.row_count} loaded)"
                    )
                if table.cursor_row >= table.row_count - 1:
                    # On the last loaded row: only the next page can move us on.
                    waited = time.perf_counter()
                    while table.cursor_row >= table.row_count - 1 and time.perf_counter() < deadline:
                        await asyncio.sleep(0.001)
                    stalls.append(time.perf_counter() - waited)
                    continue
                key = pattern[step % len(pattern)]
                step += 1
                before = table.cursor_row
                started = time.perf_counter()
                moved = clock.first_frame_where(lambda before=before: table.cursor_row != before)
                send_key(app, key)
                latencies.append(await asyncio.wait_for(moved, 30) - started)
                by_key.setdefault(key, []).append(latencies[-1])
            result["scroll_s"] = time.perf_counter() - scroll_started
            result["rows"] = table.row_count
            app.exit()
    finally:
        session.close()

    result.update(
        keys=len(latencies),
        key_p50_ms=percentile(latencies, 0.50) * 1000,
        key_p95_ms=percentile(latencies, 0.95) * 1000,
        key_max_ms=max(latencies) * 1000,
        stalls=len(stalls),
        stall_total_s=sum(stalls),
        stall_max_ms=max(stalls, default=0.0) * 1000,
        peak_rss_mb=_peak_rss_mb(),
        by_key={
            key: [len(values), percentile(values, 0.50) * 1000, percentile(values, 0.95) * 1000]
            for key, values in by_key.items()
        },
    )
    return result


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# -- the driver: portal process, one process per run, the table ------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_portal(articles: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = Path(sys.executable).with_name("tui-reader")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "tui_reader"]
    portal = subprocess.Popen(
        [*argv, "demo-server", "--port", str(port), "--articles", str(articles)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    until = time.monotonic() + 20
    while time.monotonic() < until:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return portal, f"http://127.0.0.1:{port}"
        except OSError:
            if portal.poll() is not None:
                raise RuntimeError("the demo portal did not start") from None
            time.sleep(0.05)
    portal.kill()
    raise RuntimeError("the demo portal did not start listening within 20 s")


def _run_child(base_url: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one-run",
                base_url,
                "--articles",
                str(args.articles),
                "--pattern",
                args.pattern,
                "--time-limit",
                str(args.time_limit),
            ],
            env={**os.environ, "TUI_READER_HOME": home},
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    def median(key: str) -> float:
        return statistics.median(r[key] for r in results)

    def check(key: str) -> str:
        return "ok" if median(key) <= TARGETS[key] else "MISSED"

    print(
        f"big category: {args.articles:,} articles, headless {SIZE[0]}x{SIZE[1]}, "
        f"{len(results)} run(s), medians; each run in a fresh process with an empty cache"
    )
    rows = [
        ("time to first rows", f"{median('first_rows_ms'):.0f} ms", "<= 300 ms", check("first_rows_ms")),
        ("key latency p50", f"{median('key_p50_ms'):.1f} ms", "", ""),
        ("key latency p95", f"{median('key_p95_ms'):.1f} ms", "<= 50 ms", check("key_p95_ms")),
        ("key latency max", f"{median('key_max_ms'):.1f} ms", "", ""),
        ("keys timed", f"{median('keys'):.0f}", "", ""),
        (
            "stalls on the last loaded row",
            f"{median('stalls'):.0f} ({median('stall_total_s'):.2f} s, max {median('stall_max_ms'):.0f} ms)",
            "",
            "",
        ),
        (f"scroll to row {args.articles:,}", f"{median('scroll_s'):.1f} s", "", ""),
        (
            "peak RSS (app process)",
            f"{median('peak_rss_mb'):.0f} MB ({median('rss_before_mb'):.0f} before opening)",
            "<= 150 MB",
            check("peak_rss_mb"),
        ),
    ]
    for name, value, target, verdict in rows:
        print(f"  {name:<32}{value:<34}{target:<12}{verdict}")
    for key in results[0]["by_key"]:
        counts = [r["by_key"][key] for r in results]
        print(
            f"    {key:<30}{statistics.median(c[0] for c in counts):.0f} keys, "
            f"p50 {statistics.median(c[1] for c in counts):.1f} ms, p95 {statistics.median(c[2] for c in counts):.1f} ms"
        )
    if len(results) > 1:
        for key in ("first_rows_ms", "key_p95_ms", "peak_rss_mb"):
            print(f"  {key} per run: " + ", ".join(f"{r[key]:.0f}" for r in results))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pattern", default=DEFAULT_PATTERN, help="comma-separated keys, cycled")
    parser.add_argument("--time-limit", type=float, default=600.0, help="seconds to reach the last row")
    parser.add_argument("--one-run", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one_run:
        if not os.environ.get("TUI_READER_HOME"):
            parser.error("--one-run needs TUI_READER_HOME (an empty cache)")
        result = asyncio.run(one_run(args.one_run, args.articles, args.pattern.split(","), args.time_limit))
        print(json.dumps(result))
        return 0

    portal, base_url = _start_portal(args.articles)
    try:
        results = [_run_child(base_url, args) for _ in range(args.runs)]
    finally:
        portal.terminate()
        portal.wait()
    _report(results, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
