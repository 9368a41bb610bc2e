"""Opening an article on a slow portal, with prefetch on and off.

The demo portal answers every request after ``--latency`` seconds (0.3 by
default, a quick real portal); it runs in this process and notes the time
each answer leaves. Each mode runs the real app (``App.run_test``, headless
160x50) with the real client and an empty cache (a fresh ``TUI_READER_HOME``
whose ``config.toml`` says ``[fetch] prefetch = true`` or ``false``) in a
process of its own, and, row after row of the first category of the first
city:

- moves the cursor to the row (a real key: ``down``), rests on it for
  ``--dwell`` seconds, presses Enter;
- times from handing Enter to the driver until the first frame the app
  composes with that row's article in the reader pane (and, beside it, until
  the article reaches the pane, before that frame is drawn);
- then, for scale, times a bare focus move from the list to the reader pane
  (the article already there) until its frame: Enter moves the focus too, so
  no open can be quicker than that.

It prints the median and p95 of those times per mode and their ratio, and,
from the portal's access log, the evidence that prefetching stays polite:
per host, the smallest gap between the starts of two requests and the most
requests in flight at once. The log notes when an answer left; a request
started ``--latency`` seconds (plus the few milliseconds the page took to
make) before that, so starts are that time minus the latency.

    .venv/bin/python benchmarks/prefetch_open.py [--rows 30] [--dwell 1.0] [--latency 0.3] [--runs 1]

Target: p95 <= 50 ms with prefetch on, after a 1 s dwell on a 0.3 s portal;
prefetch requests never closer together than the ``[sync] delay`` (which
paces prefetching too) and never more than one prefetch in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _terminal import percentile
from big_category import FrameClock, send_key, settle

TARGET_P95_MS = 50.0
SIZE = (160, 50)


# -- one mode: the app in this process ------------------------------------------------------


async def one_run(base_url: str, rows: int, dwell: float) -> dict[str, Any]:
    from tui_reader.cli.session import RunOptions, open_session
    from tui_reader.ui.app import ReaderApp
    from tui_reader.ui.focus import focus_now

    session = open_session(RunOptions(site="demo", base_url=base_url))
    app = ReaderApp(session.make_client(), site_title=session.site_title)
    clock = FrameClock(app)
    times: list[float] = []
    in_pane: list[float] = []
    focus_moves: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)  # cities → first city → its first category
            browse: Any = app.screen
            articles = browse.article_list
            table = articles.table
            view = browse.article_view
            handed: list[float] = []
            show_article = view.show_article

            def noted(*args: Any, **kwargs: Any) -> None:
                show_article(*args, **kwargs)
                handed.append(time.perf_counter())

            view.show_article = noted  # the time the article reaches the pane, before any frame
            for row in range(rows):
                articles.focus_rows()
                await pilot.pause()
                if row > 0:
                    while table.cursor_row < row:
                        if table.cursor_row >= table.row_count - 1:  # the next page is on its way
                            await asyncio.sleep(0.01)
                            continue
                        before = table.cursor_row
                        moved = clock.first_frame_where(lambda before=before: table.cursor_row != before)
                        send_key(app, "down")
                        await asyncio.wait_for(moved, 30)
                url = articles.highlighted.url
                await asyncio.sleep(dwell)
                started = time.perf_counter()
                shown = clock.first_frame_where(
                    lambda url=url: browse.article_view.article is not None and browse.article_view.article.url == url
                )
                handed.clear()
                send_key(app, "enter")
                times.append(await asyncio.wait_for(shown, 60) - started)
                in_pane.append(handed[0] - started)
                await settle(app, pilot)
                # The floor: the same focus move with the article already there.
                articles.focus_rows()
                await pilot.pause()
                started = time.perf_counter()
                focused = clock.first_frame_where(lambda: app.focused is view)
                focus_now(view)
                focus_moves.append(await asyncio.wait_for(focused, 60) - started)
                await settle(app, pilot)
            app.exit()
    finally:
        session.close()
    return {"times": times, "in_pane": in_pane, "focus_moves": focus_moves}


# -- the driver: the portal here, one process per mode, the figures ----------------------------


class AccessLog:
    """The portal's access lines, each with the time its answer left."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self._lock:
            self.lines.append((time.monotonic(), line))

    def take(self) -> list[tuple[float, str]]:
        with self._lock:
            lines, self.lines = self.lines, []
        return lines


def _run_child(base_url: str, prefetch: bool, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        config = Path(home, "config", "config.toml")
        config.parent.mkdir(parents=True)
        config.write_text(f"[fetch]\nprefetch = {'true' if prefetch else 'false'}\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, __file__, "--one-run", base_url, "--rows", str(args.rows), "--dwell", str(args.dwell)],
            env={**os.environ, "TUI_READER_HOME": home},
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def politeness(lines: list[tuple[float, str]], latency: float) -> dict[str, Any]:
    """From (answered at, line): the requests, the smallest gap between two starts, the most in flight."""
    spans = sorted((at - latency, at) for at, _line in lines)
    starts = [start for start, _end in spans]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    most = 0
    for start, _end in spans:
        most = max(most, sum(1 for s, e in spans if s <= start < e))
    return {
        "requests": len(spans),
        "min_gap_s": min(gaps) if gaps else None,
        "gaps_under_0.25s": sum(1 for gap in gaps if gap < 0.25),
        "max_in_flight": most,
        "paths": [line.split()[1] for _at, line in lines],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30, help="rows opened per mode")
    parser.add_argument("--dwell", type=float, default=1.0, help="seconds resting on a row before Enter")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds the portal waits before each answer")
    parser.add_argument("--runs", type=int, default=1, help="runs of each mode")
    parser.add_argument("--modes", default="off,on", help="which modes to run: off, on or both")
    parser.add_argument("--show-log", action="store_true", help="print the access log of the last run of each mode")
    parser.add_argument("--one-run", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one_run:
        if not os.environ.get("TUI_READER_HOME"):
            parser.error("--one-run needs TUI_READER_HOME (an empty cache)")
        print(json.dumps(asyncio.run(one_run(args.one_run, args.rows, args.dwell))))
        return 0

    from tui_reader.demo.web.server import DemoOptions, DemoServer

    log = AccessLog()
    modes = [mode.strip() for mode in args.modes.split(",")]
    figures: dict[str, dict[str, Any]] = {}
    with DemoServer(options=DemoOptions(latency=args.latency), log=log) as portal:
        for mode in modes:
            times: list[float] = []
            in_pane: list[float] = []
            focus_moves: list[float] = []
            evidence: list[dict[str, Any]] = []
            last: list[tuple[float, str]] = []
            for _ in range(args.runs):
                log.take()
                run = _run_child(portal.base_url, mode == "on", args)
                times.extend(run["times"])
                in_pane.extend(run["in_pane"])
                focus_moves.extend(run["focus_moves"])
                last = log.take()
                evidence.append(politeness(last, args.latency))
            figures[mode] = {
                "times": times,
                "in_pane": in_pane,
                "focus_moves": focus_moves,
                "evidence": evidence,
                "log": last,
            }
        host = portal.base_url.removeprefix("http://")

    print(
        f"article open after a {args.dwell:g} s dwell, portal latency {args.latency:g} s, "
        f"{args.rows} rows x {args.runs} run(s) per mode, headless {SIZE[0]}x{SIZE[1]}, empty cache each run"
    )
    for mode, data in figures.items():
        times = data["times"]
        p50, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        verdict = ("ok" if p95 <= TARGET_P95_MS else "MISSED") if mode == "on" else ""
        data.update(p50=p50, p95=p95)
        print(
            f"  prefetch {mode:<4} median {p50:7.1f} ms   p95 {p95:7.1f} ms   max {max(times) * 1000:7.1f} ms   "
            f"(target p95 <= {TARGET_P95_MS:.0f} ms with prefetch) {verdict}"
        )
        print(
            f"{'':16}Enter to the article in the pane (before the frame): median "
            f"{statistics.median(data['in_pane']) * 1000:.1f} ms, p95 {percentile(data['in_pane'], 0.95) * 1000:.1f} ms; "
            f"a bare focus move list -> reader to its frame: median "
            f"{statistics.median(data['focus_moves']) * 1000:.1f} ms, p95 {percentile(data['focus_moves'], 0.95) * 1000:.1f} ms"
        )
    if "on" in figures and "off" in figures:
        off, on = figures["off"], figures["on"]
        print(f"  ratio off/on: median {off['p50'] / on['p50']:.1f}x, p95 {off['p95'] / on['p95']:.1f}x")
    print(f"request log of the portal, host {host} (starts = answer time - {args.latency:g} s latency):")
    for mode, data in figures.items():
        for run, ev in enumerate(data["evidence"], 1):
            gap = "-" if ev["min_gap_s"] is None else f"{ev['min_gap_s'] * 1000:.0f} ms"
            print(
                f"  prefetch {mode:<4} run {run}: {ev['requests']} requests, smallest gap between starts {gap}, "
                f"gaps under 250 ms: {ev['gaps_under_0.25s']}, most in flight at once: {ev['max_in_flight']}"
            )
        if args.show_log:
            first = data["log"][0][0] if data["log"] else 0.0
            for at, line in data["log"]:
                print(f"    start {at - args.latency - first:+8.3f} s  end {at - first:+8.3f} s  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
