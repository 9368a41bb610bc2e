"""Key latency while a heavy page opens: the reader's keys must keep answering.

The real app (headless, Textual's test driver, 160×50) on the demo portal on
127.0.0.1 (``tui-reader demo-server``, a process of its own, as a portal is): it opens a heavy article (``demo.site.heavy``) in the reader pane
and, until the article is on screen and a little after, presses ↓/↑ in the
category list every 20 ms, timing each press from being sent to the cursor
having moved. Prints p50 / p95 / max per shape, and the time the article took.
Goal: p95 ≤ 50 ms.

    .venv/bin/python benchmarks/heavy_keys.py [--shape NAME …] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _installed import compile_reader
from support.pilot import WIDE, choose_city, settle
from tui_reader.client import Client
from tui_reader.demo.site.heavy import SHAPES
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen

WORST = ("many-links", "many-images", "text-run", "tiny-paragraphs", "staircase", "facts-table", "nested-divs")
_EVERY = 0.020
_AFTER = 0.5
"""Seconds of presses after the article is shown: its first paint counts too."""


async def one_open(base_url: str, shape: str, home: Path) -> tuple[list[float], float]:
    """Key latencies (seconds) while ``shape`` opens, and how long it took to be shown."""
    store = Store(home / "c.sqlite3")
    client = Client(profile=load_profile("demo"), base_url=base_url, store=store, fetcher=Fetcher())
    app = ReaderApp(client, site_title="Demo")
    latencies: list[float] = []
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        await choose_city(pilot, app, "lianyungang")
        rows = browse.category_list.rows
        url = f"{base_url}/heavy/{shape}.html"
        start = time.perf_counter()
        browse.open_article(url, focus=False)
        shown_at: float | None = None
        down = True
        while shown_at is None or time.perf_counter() - shown_at < _AFTER:
            before = rows.cursor_row
            sent = time.perf_counter()
            app.simulate_key("down" if down else "up")
            while rows.cursor_row == before:
                await asyncio.sleep(0.0005)
            latencies.append(time.perf_counter() - sent)
            down = not down
            article = browse.article_view.article
            if shown_at is None and article is not None and article.url == url:
                await asyncio.sleep(0)  # the paint of it is the next turn of the loop
                shown_at = time.perf_counter()
            await asyncio.sleep(max(0.0, _EVERY - (time.perf_counter() - sent)))
    await client.aclose()
    assert shown_at is not None
    return latencies, shown_at - start


@contextmanager
def _portal() -> Iterator[str]:
    """The demo portal in a process of its own: serving must not share this one's interpreter."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "tui_reader", "demo-server", "--port", str(port), "--utf8"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base_url + "/robots.txt", timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield base_url
    finally:
        server.terminate()
        server.wait(10)


def _ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=SHAPES, help="only these shapes")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_reader()
    shapes = args.shape or list(WORST)
    everything: list[float] = []
    with _portal() as base_url:
        print(f"runs per shape: {args.runs}; a key every {_EVERY * 1000:.0f} ms while the page opens")
        print(f"{'shape':<16} {'keys':>5} {'p50':>7} {'p95':>7} {'max':>7}  opened in (median)")
        for shape in shapes:
            latencies: list[float] = []
            opened: list[float] = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as home:
                    keys, took = asyncio.run(one_open(base_url, shape, Path(home)))
                latencies += keys
                opened.append(took)
            everything += latencies
            print(
                f"{shape:<16} {len(latencies):>5} {_ms(latencies, 0.5):>5.1f}ms {_ms(latencies, 0.95):>5.1f}ms "
                f"{max(latencies) * 1000:>5.0f}ms  {statistics.median(opened):.2f} s",
                flush=True,
            )
    print(f"{'all':<16} {len(everything):>5} {_ms(everything, 0.5):>5.1f}ms {_ms(everything, 0.95):>5.1f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
