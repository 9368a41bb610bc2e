"""What a focus move costs: the list and the reader pane, back and forth.

Every focus move changes the keys in effect, so the footer redraws; Textual's
own footer rebuilt a widget per key each time. The real app (headless,
Textual's test driver, 160x50) on the demo portal (in this process, no
latency), after the first category has loaded: ``--moves`` times, the focus
goes to the reader pane or back to the list, and the move is timed from the
``focus()`` call until the app has nothing left to do (``Pilot.pause``: every
message handled, the frame drawn, the footer redrawn), wall clock and the
process's CPU time. Prints median and p95 per run and over all runs.

    PYTHONPATH=src .venv/bin/python benchmarks/focus_moves.py [--moves 40] [--runs 3]

Run it on two checkouts (``PYTHONPATH=<checkout>/src``) to compare them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _terminal import percentile
from support.pilot import WIDE, settle
from tui_reader.client import Client
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen


async def one_run(base_url: str, home: Path, moves: int) -> tuple[list[float], list[float]]:
    client = Client(
        profile=load_profile("demo"), base_url=base_url, store=Store(home / "demo.sqlite3"), fetcher=Fetcher()
    )
    app = ReaderApp(client, site_title="Demo")
    walls: list[float] = []
    cpus: list[float] = []
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        for move in range(moves):
            wall, cpu = time.perf_counter(), time.process_time()
            if move % 2 == 0:
                screen.article_view.focus()
            else:
                screen.article_list.focus_rows()
            await pilot.pause()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def _line(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"{label:<10} wall median {statistics.median(walls):6.1f} ms  p95 {percentile(walls, 0.95):6.1f} ms   "
        f"cpu median {statistics.median(cpus):6.1f} ms  p95 {percentile(cpus, 0.95):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    all_walls: list[float] = []
    all_cpus: list[float] = []
    print(
        f"focus moves list <-> reader pane, {args.moves} per run, headless {WIDE[0]}x{WIDE[1]}, demo portal in process"
    )
    with DemoServer(port=0, options=DemoOptions(), log=lambda _line: None) as server:
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as home:
                walls, cpus = asyncio.run(one_run(server.base_url, Path(home), args.moves))
            print(_line(f"run {run + 1}", walls, cpus))
            all_walls += walls
            all_cpus += cpus
    print(_line("all runs", all_walls, all_cpus))


if __name__ == "__main__":
    main()
