"""A sync from the TUI (S) against the demo portal with faults switched on: 5xx answers,
bodies cut off, a drip at a byte a second, a captcha mid-way. Keys keep answering while
it runs, its progress shows, and its result line tells what failed and what was retried."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support.pilot import WIDE, settle, status_text, wait_until
from support.sync import AccessLog
from tui_reader.client import Client
from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.faults import FaultDraw
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Library, Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.syncing import SyncOptions

SYNC_LIMITS = FetchLimits(total_deadline=2.0, retry_transient=True, retry_backoff=0.05)
"""What ``make_client(for_sync=True)`` gives a sync, with a deadline short enough for a test."""


@pytest.fixture
def log() -> AccessLog:
    return AccessLog()


@pytest.fixture
def faulty(log: AccessLog) -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(articles_per_category=40), log=log) as server:
        yield server


def _client(server: DemoServer, tmp_path: Path, limits: FetchLimits) -> Client:
    return Client(
        profile=load_profile("demo"),
        base_url=server.base_url,
        store=Store(tmp_path / "cache" / "demo.sqlite3"),
        fetcher=Fetcher(limits),
        library=Library(tmp_path / "data" / "demo.library.sqlite3"),
    )


def _seed_dripping_first(category_url: str) -> int:
    """A fault seed under which the category's listing page comes whole and its first
    article drips: the sync certainly waits on a drip while the keys are tried."""
    path = urlsplit(category_url).path
    site = DemoSite(7, 40)
    city, category = site.city(path.split("/")[1]), site.category(path.split("/")[2])
    assert city is not None and category is not None
    first = site.page(city, category, 1)[0].path
    for seed in range(1000):
        draw = FaultDraw()
        if not draw.draw(seed, path, 0.1, 0.05, 0.05).kind and draw.draw(seed, first, 0.1, 0.05, 0.05).kind == "drip":
            return seed
    raise AssertionError("no seed drips the first article")


async def test_sync_under_faults_keeps_keys_answering_and_reports(
    faulty: DemoServer, log: AccessLog, tmp_path: Path
) -> None:
    made: list[Client] = []

    def sync_client() -> Client:
        made.append(_client(faulty, tmp_path, SYNC_LIMITS))
        return made[-1]

    app = ReaderApp(
        _client(faulty, tmp_path, FetchLimits(total_deadline=10.0)),
        site_title="Demo",
        sync_options=SyncOptions(make_client=sync_client, concurrency=2),
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        browse = app.screen
        browse.category_list.focus_rows()
        # Faults from here on (the first screen loaded soundly); the captcha once
        # the sync is about half-way through its 22 requests.
        options = faulty.options
        options.fail_rate, options.truncate_rate, options.drip_rate, options.drip = 0.1, 0.05, 0.05, 1.0
        options.captcha_at, options.captcha_cooldown = 12, 60.0
        options.fault_seed = _seed_dripping_first(browse.category_list.highlighted_item.url)
        await pilot.press("S")
        await wait_until(pilot, lambda: "pages/s" in status_text(app), "progress in the status bar")

        # Keys answer while the sync waits on a drip: the cursor moves, up and down.
        moved = []
        for key in ("down", "down", "up"):
            before = browse.category_list.highlighted_item
            await pilot.press(key)
            await wait_until(
                pilot, lambda was=before: browse.category_list.highlighted_item is not was, f"{key} to move"
            )
            moved.append(browse.syncer.running)
        assert moved == [True, True, True], "the sync ended before the keys were tried: nothing was shown"

        await wait_until(pilot, lambda: not browse.syncer.running, "the sync to end", tries=3000)
        summary = status_text(app)
        result = re.search(r"sync 南京 › \S+: \d+ new, .* (\d+) failed(, \d+ retried)? in \d+\.\d s \((.+)\)", summary)
        assert result is not None, summary
        assert int(result[1]) > 0 and "captcha" in result[3] and "Traceback" not in summary
    faulty.stop()  # the drip's line is written once the server sees its reader gone
    met = Counter(line.split()[4] for line in log.lines if len(line.split()) > 4)
    assert met["drip"] and met["captcha"], met
    assert len(made) == 1
